// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Emitters.h"

#include <algorithm>
#include <map>

namespace xdrgen {

namespace {

const char *kindName(const Shape &s)
{
    switch (s.kind) {
    case Shape::Prim:
        switch (s.prim) {
        case TypeSpec::Int:
            return "Int";
        case TypeSpec::UInt:
            return "UInt";
        case TypeSpec::Hyper:
            return "Hyper";
        case TypeSpec::UHyper:
            return "UHyper";
        case TypeSpec::Float:
            return "Float";
        case TypeSpec::Double:
            return "Double";
        case TypeSpec::Bool:
            return "Bool";
        case TypeSpec::Char:
            return "Char";
        case TypeSpec::UChar:
            return "UChar";
        case TypeSpec::Short:
            return "Short";
        case TypeSpec::UShort:
            return "UShort";
        default:
            return "Int";
        }
    case Shape::Enum:
        return "Enum";
    case Shape::String:
        return "String";
    case Shape::Opaque:
        return "Opaque";
    case Shape::FixedOpaque:
        return "FixedOpaque";
    case Shape::Array:
        return "Array";
    case Shape::FixedArray:
        return "FixedArray";
    case Shape::Optional:
        return "Optional";
    case Shape::Struct:
        return "Struct";
    case Shape::Union:
        return "Union";
    }
    return "Int";
}

class SchemaWriter
{
public:
    explicit SchemaWriter(const Model &m) : m(m)
    {
        for (const auto &p : m.programs())
            for (const Definition *d : m.orderedTypes(*p))
                if (d->kind == Definition::Struct || d->kind == Definition::Union)
                    types.push_back(d);
        std::sort(types.begin(), types.end(), [&](const Definition *a, const Definition *b) {
            return m.displayName(*a) < m.displayName(*b);
        });
        for (size_t i = 0; i < types.size(); ++i)
            index[types[i]] = i;
    }

    // Returns the index of the node describing s, adding it (and its element) to the table.
    size_t node(const Shape &s)
    {
        long long element = -1;
        if (s.element)
            element = static_cast<long long>(node(*s.element));
        std::string text = "{SchemaNode::";
        text += kindName(s);
        text += ", " +
                std::to_string(s.kind == Shape::Prim || s.kind == Shape::Enum ||
                                       s.kind == Shape::Struct || s.kind == Shape::Union
                                   ? 0ULL
                                   : s.bound) +
                "u, ";
        text += element < 0 ? "nullptr" : "&schemaNodes[" + std::to_string(element) + "]";
        text += ", ";
        text += (s.kind == Shape::Struct || s.kind == Shape::Union)
                    ? "&schemaTypeTable[" + std::to_string(index.at(s.def)) + "]"
                    : "nullptr";
        text += "}";
        auto it = dedup.find(text);
        if (it != dedup.end())
            return it->second;
        nodes.push_back(text);
        dedup[text] = nodes.size() - 1;
        return nodes.size() - 1;
    }

    void write(std::ostream &s)
    {
        std::vector<std::string> fields, arms, typeLines;
        for (const Definition *d : types) {
            std::string line = "    {" + cppString(m.displayName(*d)) + ", ";
            if (d->kind == Definition::Struct) {
                const size_t first = fields.size();
                for (const auto &f : d->fields)
                    fields.push_back("{" + cppString(f.name) + ", &schemaNodes[" +
                                     std::to_string(node(*m.shape(f))) + "]}");
                line += (d->fields.empty() ? std::string("nullptr")
                                           : "&schemaFields[" + std::to_string(first) + "]") +
                        ", " + std::to_string(d->fields.size()) + "u, nullptr, nullptr, 0u, ";
            } else {
                const size_t first = arms.size();
                for (const auto &a : d->arms) {
                    const bool isVoid = a.decl.type.kind == TypeSpec::Void;
                    arms.push_back(
                        "{" + std::to_string(m.value(a.cases[0])) + ", " +
                        cppString(isVoid ? "" : a.decl.name) + ", " +
                        (isVoid ? std::string("nullptr")
                                : "&schemaNodes[" + std::to_string(node(*m.shape(a.decl))) + "]") +
                        "}");
                }
                line += "nullptr, 0u, &schemaNodes[" +
                        std::to_string(node(*m.shape(d->discriminant))) + "], &schemaArms[" +
                        std::to_string(first) + "], " + std::to_string(d->arms.size()) + "u, ";
            }
            const Program &p = m.programOf(*d);
            line += "&roundTripAs<" + p.ns + "::" + m.cppName(*d) + ">},";
            typeLines.push_back(line);
        }
        s << "extern const SchemaType schemaTypeTable[" << types.size() << "];\n";
        s << "extern const SchemaNode schemaNodes[" << nodes.size() << "];\n\n";
        s << "const SchemaNode schemaNodes[" << nodes.size() << "] = {\n";
        for (const auto &n : nodes)
            s << "    " << n << ",\n";
        s << "};\n\n";
        s << "const SchemaField schemaFields[] = {\n";
        for (const auto &f : fields)
            s << "    " << f << ",\n";
        s << "};\n\n";
        s << "const SchemaArm schemaArms[] = {\n";
        for (const auto &a : arms)
            s << "    " << a << ",\n";
        s << "};\n\n";
        s << "const SchemaType schemaTypeTable[" << types.size() << "] = {\n";
        for (const auto &l : typeLines)
            s << l << "\n";
        s << "};\n\n";
    }

    const Model &m;
    std::vector<const Definition *> types;
    std::map<const Definition *, size_t> index;
    std::vector<std::string> nodes;
    std::map<std::string, size_t> dedup;
};

} // namespace

void emitSchema(const Model &model, Output &out)
{
    auto &s = out.open("verx/protocol/Schema.cpp");
    s << "#include <verx/xdr/RoundTrip.h>\n#include <verx/xdr/Schema.h>\n";
    for (const auto &p : model.programs())
        s << "#include <verx/protocol/" << p->fileStem << "Types.h>\n";
    s << "\n#include <algorithm>\n#include <iterator>\n\nnamespace verx::xdr {\n\n";
    s << "namespace generated {\n\n";
    SchemaWriter w(model);
    w.write(s);
    s << "} // namespace generated\n\n";
    s << "std::span<const SchemaType> schemaTypes()\n{\n    return "
         "generated::schemaTypeTable;\n}\n\n";
    s << "const SchemaType *findSchemaType(std::string_view name)\n{\n"
         "    const auto *begin = std::begin(generated::schemaTypeTable);\n"
         "    const auto *end = std::end(generated::schemaTypeTable);\n"
         "    const auto *it = std::lower_bound(begin, end, name, [](const SchemaType &t, "
         "std::string_view n) {\n"
         "        return std::string_view(t.name) < n;\n"
         "    });\n"
         "    return it != end && std::string_view(it->name) == name ? it : nullptr;\n}\n\n";
    s << "} // namespace verx::xdr\n";
}

} // namespace xdrgen
