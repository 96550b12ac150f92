// SPDX-License-Identifier: LGPL-2.1-or-later
// A data description of every generated type's wire format, for tests and tools
// (value generators, protocol dumps) that handle types they do not know at compile time.
#pragma once

#include <verx/xdr/DecodeError.h>

#include <QByteArray>
#include <QByteArrayView>

#include <span>
#include <string_view>

namespace verx::xdr {

struct SchemaType;

struct SchemaNode
{
    enum Kind : quint8 {
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
        Enum, // an int on the wire
        String,
        Opaque,
        FixedOpaque,
        Array,
        FixedArray,
        Optional,
        Struct,
        Union,
    };
    Kind kind;
    quint32 bound;             // maximum (String, Opaque, Array) or size (Fixed*)
    const SchemaNode *element; // Array, FixedArray, Optional
    const SchemaType *type;    // Struct, Union
};

struct SchemaField
{
    const char *name;
    const SchemaNode *node;
};

struct SchemaArm
{
    qint32 discriminant;
    const char *name;
    const SchemaNode *node; // nullptr: void arm
};

struct SchemaType
{
    const char *name; // "remote::DomainGetInfoArgs"
    const SchemaField *fields;
    quint32 fieldCount;
    const SchemaNode *discriminant; // unions only; nullptr for structs
    const SchemaArm *arms;
    quint32 armCount;
    // Decodes one value of this type from in (all of it) and encodes it again into *out.
    bool (*roundTrip)(QByteArrayView in, QByteArray *out, DecodeError *error);
};

// Every struct and union of every program.
std::span<const SchemaType> schemaTypes();
const SchemaType *findSchemaType(std::string_view name);

// Helper used by the generated table.
template <class T> bool roundTripAs(QByteArrayView in, QByteArray *out, DecodeError *error);

} // namespace verx::xdr
