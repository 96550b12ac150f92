// SPDX-License-Identifier: LGPL-2.1-or-later
// verx-xdrgen: generates verx's protocol layer from libvirt's .x files and libvirt-api.xml.
//
//   verx-xdrgen --protocol-dir DIR --output-dir DIR [--calls] [--summary]

#include "Emitters.h"
#include "Model.h"
#include "Output.h"

#include <cstring>
#include <exception>
#include <iostream>

int main(int argc, char **argv)
{
    std::string protocolDir, outputDir;
    bool calls = false, summary = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--protocol-dir" && i + 1 < argc) {
            protocolDir = argv[++i];
        } else if (arg == "--output-dir" && i + 1 < argc) {
            outputDir = argv[++i];
        } else if (arg == "--calls") {
            calls = true;
        } else if (arg == "--summary") {
            summary = true;
        } else {
            std::cerr << "usage: verx-xdrgen --protocol-dir DIR --output-dir DIR [--calls] "
                         "[--summary]\n";
            return 2;
        }
    }
    if (protocolDir.empty() || outputDir.empty()) {
        std::cerr << "verx-xdrgen: --protocol-dir and --output-dir are required\n";
        return 2;
    }
    try {
        const xdrgen::Model model(protocolDir);
        xdrgen::Output out;
        xdrgen::emitTypes(model, out);
        xdrgen::emitCodecs(model, out);
        xdrgen::emitProcedureTable(model, out);
        xdrgen::emitSchema(model, out);
        xdrgen::emitApiEnums(model, out);
        if (calls)
            xdrgen::emitCalls(model, out);
        const int written = out.write(outputDir);
        if (summary) {
            size_t types = 0;
            for (const auto &p : model.programs())
                for (const auto *d : model.orderedTypes(*p))
                    types += d->kind == xdrgen::Definition::Struct ||
                             d->kind == xdrgen::Definition::Union;
            std::cout << "verx-xdrgen: " << model.procedures().size() << " procedures, " << types
                      << " structs/unions, " << model.api().enums.size() << " API enums, "
                      << out.files().size() << " files (" << written << " changed)\n";
            for (const auto &e : model.externalConstantsUsed())
                std::cout << "  external constant " << e << "\n";
        }
    } catch (const std::exception &e) {
        std::cerr << "verx-xdrgen: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
