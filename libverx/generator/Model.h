// SPDX-License-Identifier: LGPL-2.1-or-later
// Everything the emitters need: the parsed programs, resolved constants, C++ names and the
// wire shape of every declaration.
#pragma once

#include "ApiXml.h"
#include "Ast.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace xdrgen {

// One .x file and the C++ namespace it becomes.
struct Program
{
    std::string file;        // remote_protocol.x
    std::string ns;          // remote
    std::string fileStem;    // Remote (file names: RemoteTypes.h ...)
    std::string typePrefix;  // remote_  (stripped from type names)
    std::string constPrefix; // REMOTE_  (stripped from constant names)
    std::string procPrefix;  // REMOTE_PROC_ (empty: no procedures)
    std::string procEnum;    // remote_procedure
    std::string programConst;
    std::string versionConst;
    std::vector<std::string> includes; // other programs whose types this one uses
    Specification spec;
};

// The wire shape of a declaration, with typedefs resolved.
struct Shape
{
    enum Kind {
        Prim,        // prim says which
        String,      // bound = maximum
        Opaque,      // bound = maximum
        FixedOpaque, // bound = size
        Array,       // bound = maximum, element
        FixedArray,  // bound = size, element
        Optional,    // element
        Struct,      // def
        Union,       // def
        Enum,        // def
    };
    Kind kind = Prim;
    TypeSpec::Kind prim = TypeSpec::Int;
    unsigned long long bound = 0; // 0xffffffff when unbounded
    std::shared_ptr<Shape> element;
    const Definition *def = nullptr;
};

struct Procedure
{
    const Program *program = nullptr;
    std::string name;   // REMOTE_PROC_DOMAIN_GET_INFO
    std::string member; // DomainGetInfo
    std::string method; // domainGetInfo
    long long number = 0;
    const Definition *args = nullptr;
    const Definition *ret = nullptr;
    const Definition *msg = nullptr;
    int readStream = 0;  // @readstream parameter number, 0 = none
    int writeStream = 0; // @writestream parameter number, 0 = none
    bool sparse = false;
    bool highPriority = false;
    // File descriptors travel with the call (CALL_WITH_FDS) or its reply
    // (REPLY_WITH_FDS). The .x files do not say so (libvirt's remote driver
    // passes them by hand): a table in Model.cpp does.
    bool sendsFds = false;
    bool receivesFds = false;
    std::string generate;
    std::vector<std::string> acl;
};

class Model
{
public:
    // Reads the .x files and libvirt-api.xml from protocolDir.
    explicit Model(const std::string &protocolDir);

    const std::vector<std::unique_ptr<Program>> &programs() const { return m_programs; }
    const ApiDescription &api() const { return m_api; }
    const std::vector<Procedure> &procedures() const { return m_procedures; }
    const std::set<std::string> &externalConstantsUsed() const { return m_externalsUsed; }

    const Program &programOf(const Definition &def) const;
    long long value(const Value &v) const;
    const Definition *find(const std::string &name) const;

    // C++ name of a definition inside its namespace, e.g. DomainGetInfoArgs.
    std::string cppName(const Definition &def) const;
    // Qualified for use from namespace fromNs: DomainGetInfoArgs or remote::NonnullDomain.
    std::string cppRef(const Definition &def, const std::string &fromNs) const;
    // "remote::DomainGetInfoArgs", for messages and tables.
    std::string displayName(const Definition &def) const;
    // C++ type of a declaration (typedef names kept).
    std::string cppType(const Declaration &decl, const std::string &fromNs) const;
    // C++ name of a constant or enum member.
    std::string constantName(const Definition &def) const;
    std::vector<std::string> enumMemberNames(const Definition &def) const;

    std::shared_ptr<Shape> shape(const Declaration &decl) const;
    // Smallest number of bytes a value of this shape takes on the wire.
    unsigned long long minWireSize(const Shape &s) const;

    // Definitions of a program in an order where every by-value dependency comes first.
    std::vector<const Definition *> orderedTypes(const Program &p) const;

private:
    void loadProgram(const std::string &dir, Program p);
    void collectProcedures(const Program &p);
    void dependencies(const Declaration &decl, std::vector<const Definition *> &out) const;

    std::vector<std::unique_ptr<Program>> m_programs;
    ApiDescription m_api;
    std::map<std::string, const Definition *> m_defs;
    std::map<const Definition *, const Program *> m_defProgram;
    std::map<std::string, std::pair<const Definition *, size_t>> m_enumMembers;
    std::vector<Procedure> m_procedures;
    mutable std::set<std::string> m_externalsUsed;
};

std::string snakeToCamel(const std::string &s);      // domain_get_info -> DomainGetInfo
std::string upperSnakeToCamel(const std::string &s); // DOMAIN_GET_INFO -> DomainGetInfo
std::string lowerFirst(std::string s);
// Longest common prefix ending in '_' that leaves every name a valid identifier tail.
std::string commonPrefix(const std::vector<std::string> &names);

} // namespace xdrgen
