// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Emitters.h"

#include <stdexcept>

namespace xdrgen {

std::string cppString(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

namespace {

std::string defaultInit(const Model &model, const Declaration &d)
{
    if (d.cardinality == Declaration::Fixed)
        return "{}";
    if (d.cardinality != Declaration::Single)
        return "";
    switch (d.type.kind) {
    case TypeSpec::Bool:
        return " = false";
    case TypeSpec::String:
    case TypeSpec::Opaque:
    case TypeSpec::Void:
        return "";
    case TypeSpec::Named: {
        const auto s = model.shape(d);
        if (s->kind == Shape::Prim || s->kind == Shape::Enum || s->kind == Shape::FixedOpaque ||
            s->kind == Shape::FixedArray)
            return "{}";
        return "";
    }
    default:
        return " = 0";
    }
}

void emitProgramTypes(const Model &model, const Program &p, Output &out)
{
    auto &s = out.open("verx/protocol/" + p.fileStem + "Types.h");
    s << "// Types of libvirt's " << p.file << " (namespace verx::" << p.ns << ").\n"
      << "#pragma once\n\n"
      << "#include <verx/xdr/Decoder.h>\n"
      << "#include <verx/xdr/Encoder.h>\n";
    for (const auto &inc : p.includes) {
        for (const auto &other : model.programs())
            if (other->ns == inc)
                s << "#include <verx/protocol/" << other->fileStem << "Types.h>\n";
    }
    s << "\n#include <QByteArray>\n#include <QList>\n\n#include <array>\n#include <optional>\n"
         "#include <variant>\n\n";
    s << "namespace verx::" << p.ns << " {\n\n";

    // Constants.
    bool any = false;
    for (const auto &def : p.spec.definitions) {
        if (def.kind != Definition::Const)
            continue;
        const long long v = model.value(def.value);
        const char *type = (v >= 0 && v <= 0xffffffffLL) ? "quint32" : "qint64";
        s << "inline constexpr " << type << " " << model.constantName(def) << " = " << v << "; // "
          << def.name << "\n";
        if (def.name == p.versionConst)
            s << "inline constexpr quint32 Version = " << v << "; // " << def.name << "\n";
        any = true;
    }
    if (any)
        s << "\n";

    for (const Definition *def : model.orderedTypes(p)) {
        const std::string name = model.cppName(*def);
        switch (def->kind) {
        case Definition::Enum: {
            const auto names = model.enumMemberNames(*def);
            s << "// " << def->name << "\n";
            s << "enum class " << name << " : qint32 {\n";
            for (size_t i = 0; i < def->members.size(); ++i)
                s << "    " << names[i] << " = " << model.value(def->members[i].value) << ", // "
                  << def->members[i].name << "\n";
            s << "};\n\n";
            break;
        }
        case Definition::Typedef:
            s << "// " << def->name << "\n";
            s << "using " << name << " = " << model.cppType(def->decl, p.ns) << ";\n\n";
            break;
        case Definition::Struct:
            s << "// " << def->name << "\n";
            s << "struct " << name << "\n{\n";
            for (const auto &f : def->fields)
                s << "    " << model.cppType(f, p.ns) << " " << f.name << defaultInit(model, f)
                  << ";\n";
            s << "\n    bool operator==(const " << name << " &) const = default;\n";
            s << "};\n\n";
            break;
        case Definition::Union: {
            if (def->defaultArm)
                throw std::runtime_error(def->name +
                                         ": unions with a default arm are not supported");
            s << "// " << def->name << ": one alternative per arm; the discriminant ("
              << def->discriminant.name << ") follows from the alternative.\n";
            s << "struct " << name << "\n{\n";
            s << "    enum Arm : std::size_t {\n";
            for (size_t i = 0; i < def->arms.size(); ++i) {
                if (def->arms[i].cases.size() != 1)
                    throw std::runtime_error(def->name +
                                             ": arms with several cases are not supported");
                const std::string armName = def->arms[i].decl.type.kind == TypeSpec::Void
                                                ? "Void" + std::to_string(i)
                                                : snakeToCamel(def->arms[i].decl.name);
                s << "        " << armName << " = " << i << ", // case "
                  << (def->arms[i].cases[0].name.empty()
                          ? std::to_string(def->arms[i].cases[0].number)
                          : def->arms[i].cases[0].name)
                  << " = " << model.value(def->arms[i].cases[0]) << "\n";
            }
            s << "    };\n";
            s << "    static constexpr qint32 discriminants[] = {";
            for (size_t i = 0; i < def->arms.size(); ++i)
                s << (i ? ", " : "") << model.value(def->arms[i].cases[0]);
            s << "};\n";
            s << "    std::variant<";
            for (size_t i = 0; i < def->arms.size(); ++i)
                s << (i ? ", " : "") << model.cppType(def->arms[i].decl, p.ns);
            s << "> value;\n\n";
            s << "    qint32 " << def->discriminant.name
              << "() const { return discriminants[value.index()]; }\n";
            s << "    bool operator==(const " << name << " &) const = default;\n";
            s << "};\n\n";
            break;
        }
        case Definition::Const:
            break;
        }
    }

    s << "// Encoders and decoders (ADL: encode(e, v), decode(d, v)).\n";
    for (const Definition *def : model.orderedTypes(p)) {
        if (def->kind != Definition::Struct && def->kind != Definition::Union)
            continue;
        const std::string name = model.cppName(*def);
        s << "void encode" << name << "(xdr::Encoder &e, const " << name << " &v);\n";
        s << "bool decode" << name << "(xdr::Decoder &d, " << name << " &v);\n";
        s << "inline void encode(xdr::Encoder &e, const " << name << " &v) { encode" << name
          << "(e, v); }\n";
        s << "inline bool decode(xdr::Decoder &d, " << name << " &v) { return decode" << name
          << "(d, v); }\n";
        s << "inline constexpr const char *xdrTypeName(const " << name << " *) { return "
          << cppString(model.displayName(*def)) << "; }\n";
    }
    s << "\n} // namespace verx::" << p.ns << "\n";
}

} // namespace

void emitTypes(const Model &model, Output &out)
{
    for (const auto &p : model.programs())
        emitProgramTypes(model, *p, out);
}

} // namespace xdrgen
