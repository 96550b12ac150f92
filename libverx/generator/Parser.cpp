// SPDX-License-Identifier: LGPL-2.1-or-later
#include "Parser.h"

#include <stdexcept>

namespace xdrgen {

Parser::Parser(std::string_view source, std::string file) : m_lexer(source, std::move(file))
{
    m_token = m_lexer.next();
}

void Parser::error(const std::string &message) const
{
    const std::string near = m_token.kind == Token::End ? "end of file" : "'" + m_token.text + "'";
    throw std::runtime_error(m_lexer.file() + ":" + std::to_string(m_token.line) + ": " + message +
                             " (near " + near + ")");
}

Token Parser::take()
{
    Token t = std::move(m_token);
    m_token = m_lexer.next();
    return t;
}

bool Parser::accept(const char *punct)
{
    if (m_token.kind == Token::Punct && m_token.text == punct) {
        take();
        return true;
    }
    return false;
}

void Parser::expect(const char *punct)
{
    if (!accept(punct))
        error(std::string("expected '") + punct + "'");
}

std::string Parser::expectIdentifier()
{
    if (m_token.kind != Token::Identifier)
        error("expected an identifier");
    return take().text;
}

bool Parser::isKeyword(const char *word) const
{
    return m_token.kind == Token::Identifier && m_token.text == word;
}

Specification Parser::parse()
{
    Specification spec;
    spec.file = m_lexer.file();
    while (m_token.kind != Token::End) {
        Definition def = parseDefinition();
        def.file = spec.file;
        spec.definitions.push_back(std::move(def));
    }
    return spec;
}

// definition : type_def | constant_def
Definition Parser::parseDefinition()
{
    const int line = m_token.line;
    Definition def;
    if (isKeyword("const"))
        def = parseConst();
    else if (isKeyword("typedef"))
        def = parseTypedef();
    else if (isKeyword("enum"))
        def = parseEnum();
    else if (isKeyword("struct"))
        def = parseStruct();
    else if (isKeyword("union"))
        def = parseUnion();
    else
        error("expected a definition (const, typedef, enum, struct or union)");
    def.line = line;
    return def;
}

// constant_def : "const" identifier "=" constant ";"
Definition Parser::parseConst()
{
    take();
    Definition def;
    def.kind = Definition::Const;
    def.name = expectIdentifier();
    expect("=");
    def.value = parseValue();
    expect(";");
    return def;
}

// "typedef" declaration ";"
Definition Parser::parseTypedef()
{
    take();
    Definition def;
    def.kind = Definition::Typedef;
    def.decl = parseDeclaration();
    if (def.decl.type.kind == TypeSpec::Void)
        error("typedef of void");
    def.name = def.decl.name;
    expect(";");
    return def;
}

// "enum" identifier "{" ( identifier "=" value ) ( "," identifier "=" value )* "}" ";"
Definition Parser::parseEnum()
{
    take();
    Definition def;
    def.kind = Definition::Enum;
    def.name = expectIdentifier();
    expect("{");
    do {
        EnumMember m;
        m.doc = m_token.doc;
        m.name = expectIdentifier();
        expect("=");
        m.value = parseValue();
        def.members.push_back(std::move(m));
    } while (accept(",") && !(m_token.kind == Token::Punct && m_token.text == "}"));
    expect("}");
    expect(";");
    return def;
}

// "struct" identifier "{" ( declaration ";" )+ "}" ";"
Definition Parser::parseStruct()
{
    take();
    Definition def;
    def.kind = Definition::Struct;
    def.name = expectIdentifier();
    expect("{");
    do {
        Declaration d = parseDeclaration();
        if (d.type.kind != TypeSpec::Void)
            def.fields.push_back(std::move(d));
        expect(";");
    } while (!accept("}"));
    expect(";");
    return def;
}

// "union" identifier "switch" "(" declaration ")" "{"
//     ( "case" value ":" )+ declaration ";" ...
//     [ "default" ":" declaration ";" ] "}" ";"
Definition Parser::parseUnion()
{
    take();
    Definition def;
    def.kind = Definition::Union;
    def.name = expectIdentifier();
    if (!isKeyword("switch"))
        error("expected 'switch'");
    take();
    expect("(");
    def.discriminant = parseDeclaration();
    expect(")");
    expect("{");
    while (isKeyword("case")) {
        UnionArm arm;
        while (isKeyword("case")) {
            take();
            arm.cases.push_back(parseValue());
            expect(":");
        }
        arm.decl = parseDeclaration();
        expect(";");
        def.arms.push_back(std::move(arm));
    }
    if (isKeyword("default")) {
        take();
        expect(":");
        def.defaultArm = parseDeclaration();
        expect(";");
    }
    expect("}");
    expect(";");
    if (def.arms.empty())
        error("union without arms");
    return def;
}

// declaration : type_specifier identifier
//             | type_specifier identifier "[" value "]"
//             | type_specifier identifier "<" [ value ] ">"
//             | "opaque" identifier "[" value "]" | "opaque" identifier "<" [ value ] ">"
//             | "string" identifier "<" [ value ] ">"
//             | type_specifier "*" identifier
//             | "void"
Declaration Parser::parseDeclaration()
{
    Declaration d;
    d.line = m_token.line;
    d.type = parseTypeSpecifier();
    if (d.type.kind == TypeSpec::Void)
        return d;
    if (accept("*")) {
        d.cardinality = Declaration::Optional;
        d.name = expectIdentifier();
        if (d.type.kind == TypeSpec::String || d.type.kind == TypeSpec::Opaque)
            error("optional string/opaque needs a typedef");
        return d;
    }
    d.name = expectIdentifier();
    if (accept("[")) {
        d.cardinality = Declaration::Fixed;
        d.bound = parseValue();
        expect("]");
    } else if (accept("<")) {
        d.cardinality = Declaration::Variable;
        if (!accept(">")) {
            d.bound = parseValue();
            expect(">");
        }
    }
    if (d.type.kind == TypeSpec::String && d.cardinality != Declaration::Variable)
        error("string needs <> bounds");
    if (d.type.kind == TypeSpec::Opaque && d.cardinality == Declaration::Single)
        error("opaque needs [] or <> bounds");
    return d;
}

TypeSpec Parser::parseTypeSpecifier()
{
    TypeSpec t;
    if (m_token.kind != Token::Identifier)
        error("expected a type");
    const std::string word = take().text;
    if (word == "unsigned") {
        // "unsigned" alone means unsigned int (rpcgen).
        if (isKeyword("int")) {
            take();
            t.kind = TypeSpec::UInt;
        } else if (isKeyword("hyper")) {
            take();
            t.kind = TypeSpec::UHyper;
        } else if (isKeyword("char")) {
            take();
            t.kind = TypeSpec::UChar;
        } else if (isKeyword("short")) {
            take();
            t.kind = TypeSpec::UShort;
        } else if (isKeyword("long")) {
            take();
            t.kind = TypeSpec::UInt;
        } else {
            t.kind = TypeSpec::UInt;
        }
    } else if (word == "int" || word == "long") {
        t.kind = TypeSpec::Int;
    } else if (word == "hyper") {
        t.kind = TypeSpec::Hyper;
    } else if (word == "float") {
        t.kind = TypeSpec::Float;
    } else if (word == "double") {
        t.kind = TypeSpec::Double;
    } else if (word == "bool") {
        t.kind = TypeSpec::Bool;
    } else if (word == "char") {
        t.kind = TypeSpec::Char;
    } else if (word == "short") {
        t.kind = TypeSpec::Short;
    } else if (word == "string") {
        t.kind = TypeSpec::String;
    } else if (word == "opaque") {
        t.kind = TypeSpec::Opaque;
    } else if (word == "void") {
        t.kind = TypeSpec::Void;
    } else if (word == "struct" || word == "enum" || word == "union") {
        // "struct foo x" refers to a named type (inline bodies are not used by libvirt).
        t.kind = TypeSpec::Named;
        t.name = expectIdentifier();
    } else if (word == "quadruple") {
        error("quadruple is not supported");
    } else {
        t.kind = TypeSpec::Named;
        t.name = word;
    }
    return t;
}

Value Parser::parseValue()
{
    Value v;
    if (m_token.kind == Token::Number) {
        v.number = take().number;
    } else if (m_token.kind == Token::Identifier) {
        v.name = take().text;
    } else {
        error("expected a number or a constant name");
    }
    return v;
}

} // namespace xdrgen
