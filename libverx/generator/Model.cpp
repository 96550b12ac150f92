// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Model.h"

#include "Parser.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace xdrgen {

namespace {

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool fileExists(const std::string &path)
{
    std::ifstream in(path);
    return bool(in);
}

// Constants the .x files take from libvirt's public headers. They are read from
// libvirt-api.xml when it is present; these values (libvirt-host.h, libvirt-common.h)
// are the fallback.
const std::map<std::string, long long> &externalFallback()
{
    static const std::map<std::string, long long> table = {
        {"VIR_UUID_BUFLEN", 16},
        {"VIR_SECURITY_MODEL_BUFLEN", 257},
        {"VIR_SECURITY_LABEL_BUFLEN", 4097},
        {"VIR_SECURITY_DOI_BUFLEN", 257},
        {"VIR_TYPED_PARAM_INT", 1},
        {"VIR_TYPED_PARAM_UINT", 2},
        {"VIR_TYPED_PARAM_LLONG", 3},
        {"VIR_TYPED_PARAM_ULLONG", 4},
        {"VIR_TYPED_PARAM_DOUBLE", 5},
        {"VIR_TYPED_PARAM_BOOLEAN", 6},
        {"VIR_TYPED_PARAM_STRING", 7},
    };
    return table;
}

// Runs f; an error it throws that does not name a place yet gets "file:line: " in front.
template <class F> void atLine(const std::string &file, int line, F f)
{
    try {
        f();
    } catch (const std::runtime_error &e) {
        const std::string message = e.what();
        if (message.compare(0, file.size() + 1, file + ":") == 0)
            throw;
        throw std::runtime_error(file + ":" + std::to_string(line) + ": " + message);
    }
}

std::string trim(const std::string &s)
{
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return s.substr(b, e - b);
}

std::string toLower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The procedures whose calls or replies carry file descriptors.
struct FdProcedure
{
    const char *name;
    bool sends;
    bool receives;
};
constexpr FdProcedure kFdProcedures[] = {
    {"REMOTE_PROC_DOMAIN_CREATE_XML_WITH_FILES", true, false},
    {"REMOTE_PROC_DOMAIN_CREATE_WITH_FILES", true, false},
    {"REMOTE_PROC_DOMAIN_OPEN_GRAPHICS_FD", false, true},
    {"REMOTE_PROC_DOMAIN_FD_ASSOCIATE", true, false},
    {"QEMU_PROC_DOMAIN_MONITOR_COMMAND_WITH_FILES", true, true},
};

} // namespace

std::string snakeToCamel(const std::string &s)
{
    std::string out;
    bool up = true;
    for (char c : s) {
        if (c == '_') {
            up = true;
            continue;
        }
        out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        up = false;
    }
    return out;
}

std::string upperSnakeToCamel(const std::string &s)
{
    return snakeToCamel(toLower(s));
}

std::string lowerFirst(std::string s)
{
    if (!s.empty())
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

std::string commonPrefix(const std::vector<std::string> &names)
{
    if (names.empty())
        return {};
    std::string prefix = names[0];
    for (const auto &n : names) {
        size_t i = 0;
        while (i < prefix.size() && i < n.size() && prefix[i] == n[i])
            ++i;
        prefix.resize(i);
    }
    // Cut back to an underscore boundary that leaves a non-empty tail not starting with a digit.
    for (;;) {
        const size_t us = prefix.rfind('_');
        if (us == std::string::npos)
            return {};
        prefix.resize(us + 1);
        bool ok = true;
        for (const auto &n : names) {
            if (n.size() <= prefix.size() ||
                std::isdigit(static_cast<unsigned char>(n[prefix.size()]))) {
                ok = false;
                break;
            }
        }
        if (ok)
            return prefix;
        prefix.pop_back();
    }
}

Model::Model(const std::string &dir)
{
    const std::string apiPath = dir + "/libvirt-api.xml";
    if (fileExists(apiPath))
        m_api = parseApiXml(readFile(apiPath));

    loadProgram(
        dir,
        {"virnetprotocol.x", "virnet", "Virnet", "virNet", "VIR_NET_", "", "", "", "", {}, {}});
    loadProgram(dir, {"virkeepaliveprotocol.x",
                      "keepalive",
                      "Keepalive",
                      "keepalive_",
                      "KEEPALIVE_",
                      "KEEPALIVE_PROC_",
                      "keepalive_procedure",
                      "KEEPALIVE_PROGRAM",
                      "KEEPALIVE_PROTOCOL_VERSION",
                      {},
                      {}});
    loadProgram(dir, {"remote_protocol.x",
                      "remote",
                      "Remote",
                      "remote_",
                      "REMOTE_",
                      "REMOTE_PROC_",
                      "remote_procedure",
                      "REMOTE_PROGRAM",
                      "REMOTE_PROTOCOL_VERSION",
                      {},
                      {}});
    loadProgram(dir, {"qemu_protocol.x",
                      "qemu",
                      "Qemu",
                      "qemu_",
                      "QEMU_",
                      "QEMU_PROC_",
                      "qemu_procedure",
                      "QEMU_PROGRAM",
                      "QEMU_PROTOCOL_VERSION",
                      {"remote"},
                      {}});
    loadProgram(dir, {"lxc_protocol.x",
                      "lxc",
                      "Lxc",
                      "lxc_",
                      "LXC_",
                      "LXC_PROC_",
                      "lxc_procedure",
                      "LXC_PROGRAM",
                      "LXC_PROTOCOL_VERSION",
                      {"remote"},
                      {}});

    // Check every reference resolves, and that C++ names are unique per namespace.
    for (const auto &p : m_programs) {
        std::map<std::string, std::string> names;
        auto claim = [&](const std::string &cpp, const std::string &what) {
            auto [it, inserted] = names.emplace(cpp, what);
            if (!inserted)
                throw std::runtime_error(p->file + ": C++ name " + cpp + " of " + what +
                                         " collides with " + it->second);
        };
        for (const auto &def : p->spec.definitions) {
            atLine(def.file, def.line, [&] {
                if (def.kind == Definition::Const) {
                    value(def.value);
                    claim(constantName(def), def.name);
                } else {
                    claim(cppName(def), def.name);
                }
                std::function<void(const Declaration &)> check = [&](const Declaration &d) {
                    atLine(def.file, d.line, [&] {
                        if (d.type.kind == TypeSpec::Named && !find(d.type.name))
                            throw std::runtime_error("unknown type " + d.type.name);
                        if (d.bound)
                            value(*d.bound);
                        shape(d);
                    });
                };
                if (def.kind == Definition::Typedef)
                    check(def.decl);
                for (const auto &f : def.fields)
                    check(f);
                if (def.kind == Definition::Union) {
                    check(def.discriminant);
                    for (const auto &a : def.arms) {
                        if (a.decl.type.kind != TypeSpec::Void) // void arms carry no value
                            check(a.decl);
                        for (const auto &c : a.cases)
                            value(c);
                    }
                }
                for (const auto &m : def.members)
                    value(m.value);
            });
        }
        collectProcedures(*p);
    }
}

void Model::loadProgram(const std::string &dir, Program p)
{
    const std::string path = dir + "/" + p.file;
    Parser parser(readFile(path), p.file);
    p.spec = parser.parse();
    auto prog = std::make_unique<Program>(std::move(p));
    for (const auto &def : prog->spec.definitions) {
        if (m_defs.count(def.name))
            throw std::runtime_error(prog->file + ":" + std::to_string(def.line) +
                                     ": redefinition of " + def.name);
        m_defs[def.name] = &def;
        m_defProgram[&def] = prog.get();
        for (size_t i = 0; i < def.members.size(); ++i)
            m_enumMembers[def.members[i].name] = {&def, i};
    }
    m_programs.push_back(std::move(prog));
}

const Program &Model::programOf(const Definition &def) const
{
    return *m_defProgram.at(&def);
}

const Definition *Model::find(const std::string &name) const
{
    auto it = m_defs.find(name);
    return it == m_defs.end() ? nullptr : it->second;
}

long long Model::value(const Value &v) const
{
    if (v.name.empty())
        return v.number;
    if (const Definition *d = find(v.name); d && d->kind == Definition::Const)
        return value(d->value);
    if (auto it = m_enumMembers.find(v.name); it != m_enumMembers.end())
        return value(it->second.first->members[it->second.second].value);
    if (auto it = m_api.constants.find(v.name); it != m_api.constants.end()) {
        m_externalsUsed.insert(v.name + " (libvirt-api.xml)");
        return it->second;
    }
    if (auto it = externalFallback().find(v.name); it != externalFallback().end()) {
        m_externalsUsed.insert(v.name + " (built-in table)");
        return it->second;
    }
    throw std::runtime_error("unknown constant " + v.name);
}

std::string Model::cppName(const Definition &def) const
{
    const Program &p = programOf(def);
    if (def.kind == Definition::Const)
        return constantName(def);
    if (!p.procEnum.empty() && def.name == p.procEnum)
        return "Procedure";
    std::string n = def.name;
    if (n.compare(0, p.typePrefix.size(), p.typePrefix) == 0)
        n = n.substr(p.typePrefix.size());
    if (n.find('_') != std::string::npos || std::islower(static_cast<unsigned char>(n[0])))
        return snakeToCamel(n);
    return n; // already CamelCase (virNet...)
}

std::string Model::cppRef(const Definition &def, const std::string &fromNs) const
{
    const Program &p = programOf(def);
    if (p.ns == fromNs)
        return cppName(def);
    return p.ns + "::" + cppName(def);
}

std::string Model::displayName(const Definition &def) const
{
    return programOf(def).ns + "::" + cppName(def);
}

std::string Model::constantName(const Definition &def) const
{
    const Program &p = programOf(def);
    std::string n = def.name;
    if (n.compare(0, p.constPrefix.size(), p.constPrefix) == 0)
        n = n.substr(p.constPrefix.size());
    return upperSnakeToCamel(n);
}

std::vector<std::string> Model::enumMemberNames(const Definition &def) const
{
    const Program &p = programOf(def);
    std::vector<std::string> names;
    for (const auto &m : def.members)
        names.push_back(m.name);
    std::string prefix;
    if (def.name == p.procEnum)
        prefix = p.procPrefix;
    else if (names.size() == 1)
        prefix = p.constPrefix;
    else
        prefix = commonPrefix(names);
    std::vector<std::string> out;
    for (const auto &n : names) {
        std::string tail = n.compare(0, prefix.size(), prefix) == 0 ? n.substr(prefix.size()) : n;
        out.push_back(upperSnakeToCamel(tail));
    }
    return out;
}

std::string Model::cppType(const Declaration &decl, const std::string &fromNs) const
{
    std::string base;
    switch (decl.type.kind) {
    case TypeSpec::Int:
        base = "qint32";
        break;
    case TypeSpec::UInt:
        base = "quint32";
        break;
    case TypeSpec::Hyper:
        base = "qint64";
        break;
    case TypeSpec::UHyper:
        base = "quint64";
        break;
    case TypeSpec::Float:
        base = "float";
        break;
    case TypeSpec::Double:
        base = "double";
        break;
    case TypeSpec::Bool:
        base = "bool";
        break;
    case TypeSpec::Char:
        base = "char";
        break;
    case TypeSpec::UChar:
        base = "quint8";
        break;
    case TypeSpec::Short:
        base = "qint16";
        break;
    case TypeSpec::UShort:
        base = "quint16";
        break;
    case TypeSpec::String:
        return "QByteArray";
    case TypeSpec::Opaque:
        if (decl.cardinality == Declaration::Fixed)
            return "std::array<quint8, " + std::to_string(value(*decl.bound)) + ">";
        return "QByteArray";
    case TypeSpec::Void:
        return "std::monostate";
    case TypeSpec::Named:
        base = cppRef(*find(decl.type.name), fromNs);
        break;
    }
    switch (decl.cardinality) {
    case Declaration::Single:
        return base;
    case Declaration::Fixed:
        return "std::array<" + base + ", " + std::to_string(value(*decl.bound)) + ">";
    case Declaration::Variable:
        return "QList<" + base + ">";
    case Declaration::Optional:
        return "std::optional<" + base + ">";
    }
    return base;
}

std::shared_ptr<Shape> Model::shape(const Declaration &decl) const
{
    auto base = std::make_shared<Shape>();
    const unsigned long long unbounded = 0xffffffffULL;
    const unsigned long long bound =
        decl.bound ? static_cast<unsigned long long>(value(*decl.bound)) : unbounded;
    switch (decl.type.kind) {
    case TypeSpec::String:
        base->kind = Shape::String;
        base->bound = bound;
        return base;
    case TypeSpec::Opaque:
        base->kind = decl.cardinality == Declaration::Fixed ? Shape::FixedOpaque : Shape::Opaque;
        base->bound = bound;
        return base;
    case TypeSpec::Named: {
        const Definition *d = find(decl.type.name);
        if (!d)
            throw std::runtime_error("unknown type " + decl.type.name);
        if (d->kind == Definition::Typedef) {
            base = shape(d->decl);
        } else if (d->kind == Definition::Struct) {
            base->kind = Shape::Struct;
            base->def = d;
        } else if (d->kind == Definition::Union) {
            base->kind = Shape::Union;
            base->def = d;
        } else if (d->kind == Definition::Enum) {
            base->kind = Shape::Enum;
            base->def = d;
        } else {
            throw std::runtime_error(decl.type.name + " is not a type");
        }
        break;
    }
    case TypeSpec::Void:
        throw std::runtime_error("void in a value position");
    default:
        base->kind = Shape::Prim;
        base->prim = decl.type.kind;
        break;
    }
    if (decl.cardinality == Declaration::Single)
        return base;
    auto s = std::make_shared<Shape>();
    s->element = base;
    s->bound = bound;
    switch (decl.cardinality) {
    case Declaration::Fixed:
        s->kind = Shape::FixedArray;
        break;
    case Declaration::Variable:
        s->kind = Shape::Array;
        break;
    case Declaration::Optional:
        s->kind = Shape::Optional;
        break;
    case Declaration::Single:
        break;
    }
    return s;
}

unsigned long long Model::minWireSize(const Shape &s) const
{
    switch (s.kind) {
    case Shape::Prim:
        return (s.prim == TypeSpec::Hyper || s.prim == TypeSpec::UHyper ||
                s.prim == TypeSpec::Double)
                   ? 8
                   : 4;
    case Shape::String:
    case Shape::Opaque:
    case Shape::Array:
    case Shape::Optional:
    case Shape::Enum:
        return 4;
    case Shape::FixedOpaque:
        return (s.bound + 3) & ~3ULL;
    case Shape::FixedArray:
        return s.bound * minWireSize(*s.element);
    case Shape::Struct: {
        unsigned long long n = 0;
        for (const auto &f : s.def->fields)
            n += minWireSize(*shape(f));
        return n;
    }
    case Shape::Union: {
        unsigned long long best = ~0ULL;
        for (const auto &a : s.def->arms)
            best = std::min(best, a.decl.type.kind == TypeSpec::Void ? 0ULL
                                                                     : minWireSize(*shape(a.decl)));
        return 4 + best;
    }
    }
    return 4;
}

void Model::dependencies(const Declaration &decl, std::vector<const Definition *> &out) const
{
    if (decl.type.kind != TypeSpec::Named)
        return;
    const Definition *d = find(decl.type.name);
    if (d)
        out.push_back(d);
}

std::vector<const Definition *> Model::orderedTypes(const Program &p) const
{
    std::vector<const Definition *> order;
    std::set<const Definition *> done, active;
    std::function<void(const Definition *)> visit = [&](const Definition *d) {
        if (done.count(d) || &programOf(*d) != &p)
            return;
        if (active.count(d))
            throw std::runtime_error("recursive type " + d->name + " is not supported");
        active.insert(d);
        std::vector<const Definition *> deps;
        if (d->kind == Definition::Typedef)
            dependencies(d->decl, deps);
        for (const auto &f : d->fields)
            dependencies(f, deps);
        if (d->kind == Definition::Union) {
            dependencies(d->discriminant, deps);
            for (const auto &a : d->arms)
                dependencies(a.decl, deps);
        }
        for (const Definition *dep : deps)
            visit(dep);
        active.erase(d);
        done.insert(d);
        order.push_back(d);
    };
    for (const auto &def : p.spec.definitions)
        if (def.kind != Definition::Const)
            visit(&def);
    return order;
}

void Model::collectProcedures(const Program &p)
{
    if (p.procEnum.empty())
        return;
    const Definition *e = find(p.procEnum);
    if (!e || e->kind != Definition::Enum)
        throw std::runtime_error(p.file + ": no enum " + p.procEnum);
    const auto members = enumMemberNames(*e);
    for (size_t i = 0; i < e->members.size(); ++i) {
        const EnumMember &m = e->members[i];
        Procedure proc;
        proc.program = &p;
        proc.name = m.name;
        proc.member = members[i];
        proc.method = lowerFirst(members[i]);
        proc.number = value(m.value);
        const std::string stem = p.typePrefix + toLower(m.name.substr(p.procPrefix.size()));
        auto pick = [&](const char *suffix) -> const Definition * {
            const Definition *d = find(stem + suffix);
            return d && d->kind == Definition::Struct ? d : nullptr;
        };
        proc.args = pick("_args");
        proc.ret = pick("_ret");
        proc.msg = pick("_msg");
        // Annotations: one "@key: value" (or "@key:value") per line of the /** */ block.
        std::istringstream lines(m.doc);
        std::string line;
        while (std::getline(lines, line)) {
            const size_t at = line.find('@');
            if (at == std::string::npos)
                continue;
            const size_t colon = line.find(':', at);
            if (colon == std::string::npos)
                continue;
            const std::string key = trim(line.substr(at + 1, colon - at - 1));
            const std::string val = trim(line.substr(colon + 1));
            if (key == "generate")
                proc.generate = val;
            else if (key == "priority")
                proc.highPriority = val == "high";
            else if (key == "acl")
                proc.acl.push_back(val);
            else if (key == "readstream")
                proc.readStream = std::stoi(val);
            else if (key == "writestream")
                proc.writeStream = std::stoi(val);
            else if (key == "sparseflag")
                proc.sparse = true;
        }
        for (const FdProcedure &f : kFdProcedures) {
            if (proc.name == f.name) {
                proc.sendsFds = f.sends;
                proc.receivesFds = f.receives;
            }
        }
        m_procedures.push_back(std::move(proc));
    }
}

} // namespace xdrgen
