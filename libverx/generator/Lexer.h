// SPDX-License-Identifier: LGPL-2.1-or-later
// Splits XDR source into tokens; keeps the last /** ... */ block for annotations.
#pragma once

#include <string>
#include <string_view>

namespace xdrgen {

struct Token
{
    enum Kind { End, Identifier, Number, Punct };
    Kind kind = End;
    std::string text;
    long long number = 0;
    int line = 0;
    std::string doc; // text of the /** */ comment right before this token, if any
};

class Lexer
{
public:
    Lexer(std::string_view source, std::string file);

    Token next();
    const std::string &file() const { return m_file; }

private:
    void skipSpaceAndComments(std::string &doc);
    [[noreturn]] void error(const std::string &message) const;

    std::string m_storage;
    std::string_view m_src;
    std::string m_file;
    size_t m_pos = 0;
    int m_line = 1;
    bool m_lineStart = true;
};

} // namespace xdrgen
