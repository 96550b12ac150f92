// SPDX-License-Identifier: LGPL-2.1-or-later
// The set of generated files, kept in memory until written (so output is all-or-nothing).
#pragma once

#include <map>
#include <sstream>
#include <string>

namespace xdrgen {

class Output
{
public:
    // Starts a new file (path relative to the output root) with the standard banner.
    std::ostringstream &open(const std::string &path);
    // Writes every file under root; returns how many were written.
    int write(const std::string &root) const;
    const std::map<std::string, std::ostringstream> &files() const { return m_files; }

private:
    std::map<std::string, std::ostringstream> m_files;
};

} // namespace xdrgen
