// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Emitters.h"

#include <algorithm>

namespace xdrgen {

void emitProcedureTable(const Model &model, Output &out)
{
    auto &s = out.open("verx/protocol/ProcedureTable.cpp");
    s << "#include <verx/xdr/ProcedureInfo.h>\n\n#include <algorithm>\n#include <iterator>\n\n"
         "namespace verx {\n\nnamespace {\n\n";
    std::vector<const Procedure *> procs;
    for (const auto &p : model.procedures())
        procs.push_back(&p);
    auto programNumber = [&](const Procedure &p) {
        const Definition *c = model.find(p.program->programConst);
        return static_cast<unsigned long long>(model.value(c->value));
    };
    auto versionNumber = [&](const Procedure &p) {
        const Definition *c = model.find(p.program->versionConst);
        return static_cast<unsigned long long>(model.value(c->value));
    };
    std::stable_sort(procs.begin(), procs.end(), [&](const Procedure *a, const Procedure *b) {
        const auto pa = programNumber(*a), pb = programNumber(*b);
        return pa != pb ? pa < pb : a->number < b->number;
    });
    auto typeName = [&](const Definition *d) {
        return d ? cppString(model.displayName(*d)) : std::string("nullptr");
    };
    s << "const ProcedureInfo table[] = {\n";
    for (const Procedure *p : procs) {
        // Consoles and channels are annotated @readstream, but their streams carry data both
        // ways (the guest's output and the user's input); record what the client must do.
        const bool bidirectional = p->readStream && (p->name == "REMOTE_PROC_DOMAIN_OPEN_CONSOLE" ||
                                                     p->name == "REMOTE_PROC_DOMAIN_OPEN_CHANNEL");
        const char *stream = (p->readStream && p->writeStream) || bidirectional ? "Both"
                             : p->readStream                                    ? "Read"
                             : p->writeStream                                   ? "Write"
                                                                                : "None";
        std::string acl;
        for (const auto &a : p->acl)
            acl += (acl.empty() ? "" : " ") + a;
        s << "    {" << programNumber(*p) << "u, " << versionNumber(*p) << "u, " << p->number
          << ", " << cppString(p->name) << ", " << cppString(p->method) << ", " << typeName(p->args)
          << ", " << typeName(p->ret) << ", " << typeName(p->msg) << ", StreamDirection::" << stream
          << ", " << (p->sparse ? "true" : "false")
          << ", ProcedurePriority::" << (p->highPriority ? "High" : "Low") << ", " << cppString(acl)
          << "},\n";
    }
    s << "};\n\n} // namespace\n\n";
    s << "std::span<const ProcedureInfo> procedureTable()\n{\n    return table;\n}\n\n";
    s << "const ProcedureInfo *findProcedure(quint32 program, qint32 number)\n{\n"
         "    const auto it = std::lower_bound(std::begin(table), std::end(table), "
         "std::pair(program, number),\n"
         "                                     [](const ProcedureInfo &p, std::pair<quint32, "
         "qint32> "
         "key) {\n"
         "                                         return p.program != key.first ? p.program < "
         "key.first\n"
         "                                                                       : p.number < "
         "key.second;\n"
         "                                     });\n"
         "    if (it == std::end(table) || it->program != program || it->number != number)\n"
         "        return nullptr;\n"
         "    return it;\n}\n\n} // namespace verx\n";
}

} // namespace xdrgen
