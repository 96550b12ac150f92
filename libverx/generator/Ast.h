// SPDX-License-Identifier: LGPL-2.1-or-later
// The parsed form of an XDR specification (RFC 4506 as rpcgen accepts it).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xdrgen {

// A value in the grammar: a literal number or the name of a constant.
struct Value
{
    std::string name; // empty for a literal
    long long number = 0;
};

struct TypeSpec
{
    enum Kind {
        Int,
        UInt,
        Hyper,
        UHyper,
        Float,
        Double,
        Bool,
        Char,
        UChar,
        Short,
        UShort,
        String,
        Opaque,
        Void,
        Named,
    };
    Kind kind = Void;
    std::string name; // for Named
};

struct Declaration
{
    enum Cardinality { Single, Fixed, Variable, Optional };
    TypeSpec type;
    std::string name;
    Cardinality cardinality = Single;
    std::optional<Value> bound; // Fixed: size; Variable: maximum (none = unbounded)
    int line = 0;
};

struct EnumMember
{
    std::string name;
    Value value;
    std::string doc; // the /** ... */ block before it, if any
};

struct UnionArm
{
    std::vector<Value> cases;
    Declaration decl;
};

struct Definition
{
    enum Kind { Const, Typedef, Enum, Struct, Union };
    Kind kind = Const;
    std::string name;
    int line = 0;
    std::string file;
    // Const
    Value value;
    // Typedef
    Declaration decl;
    // Enum
    std::vector<EnumMember> members;
    // Struct
    std::vector<Declaration> fields;
    // Union
    Declaration discriminant;
    std::vector<UnionArm> arms;
    std::optional<Declaration> defaultArm;
};

struct Specification
{
    std::string file;
    std::vector<Definition> definitions;
};

} // namespace xdrgen
