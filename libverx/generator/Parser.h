// SPDX-License-Identifier: LGPL-2.1-or-later
// Recursive-descent parser for the XDR language (RFC 4506 section 6, rpcgen's dialect).
#pragma once

#include "Ast.h"
#include "Lexer.h"

namespace xdrgen {

class Parser
{
public:
    Parser(std::string_view source, std::string file);

    // specification : definition* END
    Specification parse();

private:
    Definition parseDefinition();
    Definition parseConst();
    Definition parseTypedef();
    Definition parseEnum();
    Definition parseStruct();
    Definition parseUnion();
    Declaration parseDeclaration();
    TypeSpec parseTypeSpecifier();
    Value parseValue();

    const Token &peek() const { return m_token; }
    Token take();
    bool accept(const char *punct);
    void expect(const char *punct);
    std::string expectIdentifier();
    bool isKeyword(const char *word) const;
    [[noreturn]] void error(const std::string &message) const;

    Lexer m_lexer;
    Token m_token;
};

} // namespace xdrgen
