// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Emitters.h"

#include <stdexcept>

namespace xdrgen {

namespace {

const char *primMethod(TypeSpec::Kind k)
{
    switch (k) {
    case TypeSpec::Int:
        return "i32";
    case TypeSpec::UInt:
        return "u32";
    case TypeSpec::Hyper:
        return "i64";
    case TypeSpec::UHyper:
        return "u64";
    case TypeSpec::Float:
        return "f32";
    case TypeSpec::Double:
        return "f64";
    case TypeSpec::Bool:
        return "boolean";
    case TypeSpec::Char:
        return "ch";
    case TypeSpec::UChar:
        return "uch";
    case TypeSpec::Short:
        return "i16";
    case TypeSpec::UShort:
        return "u16";
    default:
        throw std::runtime_error("not a primitive");
    }
}

std::string bound(unsigned long long b)
{
    return std::to_string(b) + "u";
}

class CodecWriter
{
public:
    CodecWriter(const Model &model, const Program &p, std::ostream &s) : m(model), p(p), s(s) {}

    void emitStruct(const Definition &def)
    {
        const std::string name = m.cppName(def);
        s << "void encode" << name << "([[maybe_unused]] xdr::Encoder &e, [[maybe_unused]] const "
          << name << " &v)\n{\n";
        for (const auto &f : def.fields)
            encode(*m.shape(f), "v." + f.name, 1, 0);
        s << "}\n\n";
        s << "bool decode" << name << "([[maybe_unused]] xdr::Decoder &d, [[maybe_unused]] " << name
          << " &v)\n{\n";
        s << "    static constexpr char T[] = " << cppString(m.displayName(def)) << ";\n";
        for (const auto &f : def.fields)
            decode(*m.shape(f), "v." + f.name, "return d.fail(T, " + cppString(f.name) + ");",
                   f.name, 1, 0);
        s << "    return true;\n}\n\n";
    }

    void emitUnion(const Definition &def)
    {
        const std::string name = m.cppName(def);
        const auto disc = m.shape(def.discriminant);
        const bool discUnsigned = disc->kind == Shape::Prim && disc->prim == TypeSpec::UInt;
        s << "void encode" << name << "(xdr::Encoder &e, const " << name << " &v)\n{\n";
        s << "    e." << (discUnsigned ? "u32(quint32(" : "i32((") << "v." << def.discriminant.name
          << "()));\n";
        s << "    switch (v.value.index()) {\n";
        for (size_t i = 0; i < def.arms.size(); ++i) {
            s << "    case " << i << ":\n";
            if (def.arms[i].decl.type.kind != TypeSpec::Void)
                encode(*m.shape(def.arms[i].decl),
                       "(*std::get_if<" + std::to_string(i) + ">(&v.value))", 2, 0);
            s << "        break;\n";
        }
        s << "    }\n}\n\n";
        s << "bool decode" << name << "(xdr::Decoder &d, " << name << " &v)\n{\n";
        s << "    static constexpr char T[] = " << cppString(m.displayName(def)) << ";\n";
        s << "    " << (discUnsigned ? "quint32" : "qint32") << " discriminant = 0;\n";
        s << "    if (!d." << (discUnsigned ? "u32" : "i32") << "(discriminant))\n"
          << "        return d.fail(T, " << cppString(def.discriminant.name) << ");\n";
        s << "    switch (discriminant) {\n";
        for (size_t i = 0; i < def.arms.size(); ++i) {
            s << "    case " << m.value(def.arms[i].cases[0]) << ": {\n";
            s << "        auto &x = v.value.emplace<" << i << ">();\n";
            if (def.arms[i].decl.type.kind != TypeSpec::Void)
                decode(*m.shape(def.arms[i].decl), "x",
                       "return d.fail(T, " + cppString(def.arms[i].decl.name) + ");",
                       def.arms[i].decl.name, 2, 0);
            else
                s << "        (void)x;\n";
            s << "        return true;\n    }\n";
        }
        s << "    default:\n"
          << "        d.setError(\"unknown discriminant \" + QByteArray::number(discriminant));\n"
          << "        return d.fail(T, " << cppString(def.discriminant.name) << ");\n"
          << "    }\n}\n\n";
    }

private:
    std::string ind(int n) const { return std::string(size_t(n) * 4, ' '); }

    std::string funcRef(const Definition &def, const char *verb) const
    {
        const Program &dp = m.programOf(def);
        return (dp.ns == p.ns ? std::string() : dp.ns + "::") + verb + m.cppName(def);
    }

    void encode(const Shape &sh, const std::string &lhs, int depth, int level)
    {
        const std::string I = ind(depth);
        const std::string x = "x" + std::to_string(level);
        switch (sh.kind) {
        case Shape::Prim:
            s << I << "e." << primMethod(sh.prim) << "(" << lhs << ");\n";
            break;
        case Shape::Enum:
            s << I << "e.i32(qint32(" << lhs << "));\n";
            break;
        case Shape::String:
            s << I << "e.string(" << lhs << ");\n";
            break;
        case Shape::Opaque:
            s << I << "e.opaque(" << lhs << ");\n";
            break;
        case Shape::FixedOpaque:
            s << I << "e.fixedOpaque(" << lhs << ".data(), " << bound(sh.bound) << ");\n";
            break;
        case Shape::Struct:
        case Shape::Union:
            s << I << funcRef(*sh.def, "encode") << "(e, " << lhs << ");\n";
            break;
        case Shape::Optional:
            s << I << "e.presence(" << lhs << ".has_value());\n";
            s << I << "if (" << lhs << ".has_value()) {\n";
            encode(*sh.element, "(*" + lhs + ")", depth + 1, level + 1);
            s << I << "}\n";
            break;
        case Shape::Array:
            s << I << "e.count(" << lhs << ".size());\n";
            s << I << "for (const auto &" << x << " : " << lhs << ") {\n";
            encode(*sh.element, x, depth + 1, level + 1);
            s << I << "}\n";
            break;
        case Shape::FixedArray:
            s << I << "for (const auto &" << x << " : " << lhs << ") {\n";
            encode(*sh.element, x, depth + 1, level + 1);
            s << I << "}\n";
            break;
        }
    }

    void decode(const Shape &sh, const std::string &lhs, const std::string &fail,
                const std::string &field, int depth, int level)
    {
        const std::string I = ind(depth);
        const std::string L = std::to_string(level);
        switch (sh.kind) {
        case Shape::Prim:
            s << I << "if (!d." << primMethod(sh.prim) << "(" << lhs << "))\n"
              << I << "    " << fail << "\n";
            break;
        case Shape::Enum:
            s << I << "{\n"
              << I << "    qint32 t = 0;\n"
              << I << "    if (!d.i32(t))\n"
              << I << "        " << fail << "\n"
              << I << "    " << lhs << " = static_cast<" << m.cppRef(*sh.def, p.ns) << ">(t);\n"
              << I << "}\n";
            break;
        case Shape::String:
            s << I << "if (!d.string(" << lhs << ", " << bound(sh.bound) << "))\n"
              << I << "    " << fail << "\n";
            break;
        case Shape::Opaque:
            s << I << "if (!d.opaque(" << lhs << ", " << bound(sh.bound) << "))\n"
              << I << "    " << fail << "\n";
            break;
        case Shape::FixedOpaque:
            s << I << "if (!d.fixedOpaque(" << lhs << ".data(), " << bound(sh.bound) << "))\n"
              << I << "    " << fail << "\n";
            break;
        case Shape::Struct:
        case Shape::Union:
            s << I << "if (!" << funcRef(*sh.def, "decode") << "(d, " << lhs << "))\n"
              << I << "    " << fail << "\n";
            break;
        case Shape::Optional:
            s << I << "{\n"
              << I << "    bool present = false;\n"
              << I << "    if (!d.presence(present))\n"
              << I << "        " << fail << "\n"
              << I << "    if (!present) {\n"
              << I << "        " << lhs << ".reset();\n"
              << I << "    } else {\n"
              << I << "        auto &x" << L << " = " << lhs << ".emplace();\n";
            decode(*sh.element, "x" + L, fail, field, depth + 2, level + 1);
            s << I << "    }\n" << I << "}\n";
            break;
        case Shape::Array: {
            const unsigned long long min = std::max(1ULL, m.minWireSize(*sh.element));
            s << I << "{\n"
              << I << "    quint32 n" << L << " = 0;\n"
              << I << "    if (!d.count(n" << L << ", " << bound(sh.bound) << ", " << bound(min)
              << "))\n"
              << I << "        " << fail << "\n"
              << I << "    " << lhs << ".resize(n" << L << ");\n"
              << I << "    auto *p" << L << " = " << lhs << ".data();\n"
              << I << "    for (quint32 i" << L << " = 0; i" << L << " < n" << L << "; ++i" << L
              << ") {\n";
            const std::string elemFail =
                level == 0 ? "return d.failAt(T, " + cppString(field) + ", i" + L + ");" : fail;
            decode(*sh.element, "p" + L + "[i" + L + "]", elemFail, field, depth + 2, level + 1);
            s << I << "    }\n" << I << "}\n";
            break;
        }
        case Shape::FixedArray: {
            s << I << "for (quint32 i" << L << " = 0; i" << L << " < " << bound(sh.bound) << "; ++i"
              << L << ") {\n";
            const std::string elemFail =
                level == 0 ? "return d.failAt(T, " + cppString(field) + ", i" + L + ");" : fail;
            decode(*sh.element, lhs + "[i" + L + "]", elemFail, field, depth + 1, level + 1);
            s << I << "}\n";
            break;
        }
        }
    }

    const Model &m;
    const Program &p;
    std::ostream &s;
};

} // namespace

void emitCodecs(const Model &model, Output &out)
{
    for (const auto &p : model.programs()) {
        std::vector<const Definition *> types;
        for (const Definition *def : model.orderedTypes(*p))
            if (def->kind == Definition::Struct || def->kind == Definition::Union)
                types.push_back(def);
        // Several translation units for the big program so parallel builds share the work.
        const size_t parts = types.size() > 200 ? 4 : 1;
        const size_t per = (types.size() + parts - 1) / parts;
        for (size_t part = 0; part < parts; ++part) {
            const std::string path = "verx/protocol/" + p->fileStem + "Codec" +
                                     (parts > 1 ? std::to_string(part + 1) : std::string()) +
                                     ".cpp";
            auto &s = out.open(path);
            s << "#include <verx/protocol/" << p->fileStem << "Types.h>\n\n";
            s << "namespace verx::" << p->ns << " {\n\n";
            CodecWriter w(model, *p, s);
            for (size_t i = part * per; i < std::min(types.size(), (part + 1) * per); ++i) {
                if (types[i]->kind == Definition::Struct)
                    w.emitStruct(*types[i]);
                else
                    w.emitUnion(*types[i]);
            }
            s << "} // namespace verx::" << p->ns << "\n";
        }
    }
}

} // namespace xdrgen
