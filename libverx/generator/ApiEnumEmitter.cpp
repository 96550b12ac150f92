// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Emitters.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <set>

namespace xdrgen {

namespace {

bool isSentinel(const std::string &name)
{
    return name.size() > 5 && name.compare(name.size() - 5, 5, "_LAST") == 0;
}

std::string oneLine(std::string s)
{
    for (char &c : s)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    while (s.find("  ") != std::string::npos)
        s.erase(s.find("  "), 1);
    if (s.size() > 200)
        s = s.substr(0, 197) + "...";
    return s;
}

struct Emitted
{
    std::string cppName;
    std::string underlying;
    std::vector<std::pair<std::string, const ApiEnumValue *>> members;
};

// Member names: the enum's common prefix is removed; when a few members do not share the
// prefix most do (virErrorNumber: VIR_ERR_* and VIR_WAR_*), the majority prefix is used and
// the others only lose "VIR_".
std::vector<std::string> memberNames(const std::vector<const ApiEnumValue *> &values)
{
    std::vector<std::string> names;
    for (const auto *v : values)
        names.push_back(v->name);
    std::string prefix = commonPrefix(names);
    if (prefix == "VIR_" && names.size() > 2) {
        // Try the prefix shared by most members.
        std::map<std::string, int> counts;
        for (const auto &n : names) {
            const size_t us = n.find('_', 4);
            if (us != std::string::npos)
                ++counts[n.substr(0, us + 1)];
        }
        for (const auto &[p, c] : counts)
            if (c * 10 >= int(names.size()) * 8)
                prefix = p;
    }
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto &n : names) {
        std::string tail =
            n.compare(0, prefix.size(), prefix) == 0 ? n.substr(prefix.size()) : n.substr(4);
        if (tail.empty() || std::isdigit(static_cast<unsigned char>(tail[0])))
            tail = n.substr(4);
        std::string c = upperSnakeToCamel(tail);
        if (!seen.insert(c).second)
            c = upperSnakeToCamel(n.substr(4));
        seen.insert(c);
        out.push_back(c);
    }
    return out;
}

} // namespace

void emitApiEnums(const Model &model, Output &out)
{
    const auto &api = model.api();
    std::vector<Emitted> enums;
    for (const auto &[name, en] : api.enums) {
        if (name.compare(0, 3, "vir") != 0)
            continue;
        std::vector<const ApiEnumValue *> values;
        for (const auto &v : en.values)
            if (!isSentinel(v.name))
                values.push_back(&v);
        if (values.empty())
            continue;
        std::stable_sort(
            values.begin(), values.end(),
            [](const ApiEnumValue *a, const ApiEnumValue *b) { return a->value < b->value; });
        Emitted e;
        e.cppName = name.substr(3);
        long long lo = LLONG_MAX, hi = LLONG_MIN;
        for (const auto *v : values) {
            lo = std::min(lo, v->value);
            hi = std::max(hi, v->value);
        }
        e.underlying = (lo >= INT_MIN && hi <= INT_MAX)  ? "qint32"
                       : (lo >= 0 && hi <= 0xffffffffLL) ? "quint32"
                                                         : "qint64";
        const auto names = memberNames(values);
        for (size_t i = 0; i < values.size(); ++i)
            e.members.push_back({names[i], values[i]});
        enums.push_back(std::move(e));
    }

    auto &h = out.open("verx/protocol/ApiEnums.h");
    h << "// libvirt's public enums (from libvirt-api.xml), as enum classes with name lookups.\n"
         "// enumName() gives the C name (e.g. \"VIR_ERR_NO_DOMAIN\"), enumFromName() the "
         "reverse.\n"
         "#pragma once\n\n#include <QByteArrayView>\n#include <QtGlobal>\n\nnamespace verx {\n\n";
    for (const auto &e : enums) {
        h << "// vir" << e.cppName << "\n";
        h << "enum class " << e.cppName << " : " << e.underlying << " {\n";
        for (const auto &[n, v] : e.members) {
            h << "    " << n << " = " << v->value << (e.underlying == "qint32" ? "" : "LL") << ",";
            h << " // " << v->name;
            if (!v->info.empty())
                h << ": " << oneLine(v->info);
            h << "\n";
        }
        h << "};\n";
        h << "const char *enumName(" << e.cppName << " value); // nullptr if unknown\n";
        h << "bool enumFromName(QByteArrayView name, " << e.cppName << " &value);\n\n";
    }
    h << "} // namespace verx\n";

    auto &c = out.open("verx/protocol/ApiEnums.cpp");
    c << "#include <verx/protocol/ApiEnums.h>\n\nnamespace verx {\n\n";
    for (const auto &e : enums) {
        c << "const char *enumName(" << e.cppName << " value)\n{\n    switch (value) {\n";
        std::set<long long> seen;
        for (const auto &[n, v] : e.members) {
            if (!seen.insert(v->value).second)
                continue;
            c << "    case " << e.cppName << "::" << n << ":\n        return " << cppString(v->name)
              << ";\n";
        }
        c << "    }\n    return nullptr;\n}\n\n";
        c << "bool enumFromName(QByteArrayView name, " << e.cppName << " &value)\n{\n";
        c << "    static constexpr struct { const char *name; " << e.underlying
          << " value; } table[] = {\n";
        for (const auto &[n, v] : e.members)
            c << "        {" << cppString(v->name) << ", " << v->value
              << (e.underlying == "qint32" ? "" : "LL") << "},\n";
        c << "    };\n";
        c << "    for (const auto &entry : table) {\n"
             "        if (name == entry.name) {\n"
             "            value = static_cast<"
          << e.cppName
          << ">(entry.value);\n"
             "            return true;\n"
             "        }\n"
             "    }\n"
             "    return false;\n}\n\n";
    }
    c << "} // namespace verx\n";
}

} // namespace xdrgen
