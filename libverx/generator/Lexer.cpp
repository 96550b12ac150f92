// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Lexer.h"

#include <cctype>
#include <stdexcept>

namespace xdrgen {

Lexer::Lexer(std::string_view source, std::string file)
    : m_storage(source), m_src(m_storage), m_file(std::move(file))
{}

void Lexer::error(const std::string &message) const
{
    throw std::runtime_error(m_file + ":" + std::to_string(m_line) + ": " + message);
}

void Lexer::skipSpaceAndComments(std::string &doc)
{
    while (m_pos < m_src.size()) {
        const char c = m_src[m_pos];
        if (c == '\n') {
            ++m_line;
            ++m_pos;
            m_lineStart = true;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            ++m_pos;
        } else if (c == '%' && m_lineStart) {
            // rpcgen passthrough line: copied verbatim into C output; meaningless here.
            while (m_pos < m_src.size() && m_src[m_pos] != '\n')
                ++m_pos;
        } else if (m_src.substr(m_pos, 2) == "/*") {
            const size_t end = m_src.find("*/", m_pos + 2);
            if (end == std::string_view::npos)
                error("unterminated comment");
            const std::string_view body = m_src.substr(m_pos, end + 2 - m_pos);
            if (body.substr(0, 3) == "/**" && body != "/**/")
                doc = std::string(body);
            for (char b : body)
                if (b == '\n')
                    ++m_line;
            m_pos = end + 2;
            m_lineStart = false;
        } else if (m_src.substr(m_pos, 2) == "//") {
            while (m_pos < m_src.size() && m_src[m_pos] != '\n')
                ++m_pos;
        } else {
            return;
        }
    }
}

Token Lexer::next()
{
    Token t;
    skipSpaceAndComments(t.doc);
    t.line = m_line;
    m_lineStart = false;
    if (m_pos >= m_src.size()) {
        t.kind = Token::End;
        return t;
    }
    const char c = m_src[m_pos];
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        const size_t start = m_pos;
        while (m_pos < m_src.size() &&
               (std::isalnum(static_cast<unsigned char>(m_src[m_pos])) || m_src[m_pos] == '_'))
            ++m_pos;
        t.kind = Token::Identifier;
        t.text = std::string(m_src.substr(start, m_pos - start));
        return t;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '-' && m_pos + 1 < m_src.size() &&
         std::isdigit(static_cast<unsigned char>(m_src[m_pos + 1])))) {
        const size_t start = m_pos;
        if (c == '-')
            ++m_pos;
        while (m_pos < m_src.size() && std::isalnum(static_cast<unsigned char>(m_src[m_pos])))
            ++m_pos;
        t.kind = Token::Number;
        t.text = std::string(m_src.substr(start, m_pos - start));
        size_t used = 0;
        try {
            // base 0: decimal, 0x hexadecimal, 0 octal, as in C.
            t.number = std::stoll(t.text, &used, 0);
        } catch (const std::exception &) {
            error("bad number '" + t.text + "'");
        }
        if (used != t.text.size())
            error("bad number '" + t.text + "'");
        return t;
    }
    if (std::string_view("{}[]<>()=;:,*").find(c) != std::string_view::npos) {
        ++m_pos;
        t.kind = Token::Punct;
        t.text = std::string(1, c);
        return t;
    }
    error(std::string("unexpected character '") + c + "'");
}

} // namespace xdrgen
