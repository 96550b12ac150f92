// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Emitters.h"

namespace xdrgen {

namespace {

bool isEventOnly(const Procedure &p)
{
    return p.msg && !p.args && !p.ret;
}

} // namespace

void emitCalls(const Model &model, Output &out)
{
    for (const auto &prog : model.programs()) {
        if (prog->procEnum.empty() || prog->ns == "keepalive")
            continue;
        std::vector<const Procedure *> procs;
        for (const auto &p : model.procedures())
            if (p.program == prog.get() && !isEventOnly(p))
                procs.push_back(&p);

        auto signature = [&](const Procedure &p, bool qualified) {
            std::string ret = p.ret ? "verx::TypedReply<" + model.cppName(*p.ret) + "> *"
                                    : std::string("verx::Reply *");
            std::string s = ret + (qualified ? "Calls::" : "") + p.method + "(";
            if (p.args)
                s += "const " + model.cppName(*p.args) + " &args";
            if (p.readStream || p.writeStream)
                s += std::string(p.args ? ", " : "") + "verx::Stream *stream";
            if (p.sendsFds)
                s += std::string(p.args ? ", " : "") + "const QList<int> &fds";
            return s + ")";
        };

        auto &h = out.open("verx/calls/" + prog->fileStem + "Calls.h");
        h << "// Typed calls of libvirt's " << prog->file << " program.\n#pragma once\n\n"
          << "#include <verx/Reply.h>\n#include <verx/TypedReply.h>\n"
          << "#include <verx/protocol/" << prog->fileStem << "Types.h>\n\n"
          << "namespace verx {\nclass Connection;\nclass Stream;\n} // namespace verx\n\n"
          << "namespace verx::" << prog->ns << " {\n\n"
          << "// One method per procedure; the caller owns the returned reply (deleteLater() "
             "after\n"
          << "// finished()). Procedures with a stream take the verx::Stream that carries the "
             "data.\n"
          << "// Procedures passing file descriptors take them as fds (duplicated at once, the "
             "caller\n"
          << "// keeps its own); those receiving some hand them out with "
             "Reply::takeFileDescriptors().\n"
          << "class Calls\n{\npublic:\n"
          << "    explicit Calls(verx::Connection *connection) : m_connection(connection) {}\n"
          << "    verx::Connection *connection() const { return m_connection; }\n\n";
        for (const Procedure *p : procs)
            h << "    " << signature(*p, false) << "; // " << p->name << " = " << p->number
              << (p->receivesFds ? ", receives fds" : "") << "\n";
        h << "\nprivate:\n    verx::Connection *m_connection;\n};\n\n} // namespace verx::"
          << prog->ns << "\n";

        const size_t parts = procs.size() > 100 ? 2 : 1;
        const size_t per = (procs.size() + parts - 1) / parts;
        for (size_t part = 0; part < parts; ++part) {
            auto &c = out.open("verx/calls/" + prog->fileStem + "Calls" +
                               (parts > 1 ? std::to_string(part + 1) : std::string()) + ".cpp");
            c << "#include <verx/calls/" << prog->fileStem << "Calls.h>\n\n"
              << "#include <verx/Connection.h>\n#include <verx/xdr/Bytes.h>\n\n"
              << "namespace verx::" << prog->ns << " {\n\n";
            for (size_t i = part * per; i < std::min(procs.size(), (part + 1) * per); ++i) {
                const Procedure &p = *procs[i];
                c << signature(p, true) << "\n{\n    return m_connection->"
                  << (p.ret ? "call<" + model.cppName(*p.ret) + ">" : std::string("callVoid"))
                  << "(Program, Version, int(Procedure::" << p.member << "), "
                  << (p.args ? "xdr::toBytes(args)" : "QByteArray()")
                  << (p.readStream || p.writeStream ? ", stream" : "")
                  << (p.sendsFds ? ", nullptr, fds" : "") << ");\n}\n\n";
            }
            c << "} // namespace verx::" << prog->ns << "\n";
        }
    }
}

} // namespace xdrgen
