// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <deque>
#include <memory>
#include <utility>

namespace verx::cli {

// One node of an XmlDocument.
struct XmlNode
{
    enum class Type { Document, Element, Attribute, Text, CData, Comment, ProcessingInstruction };
    Type type = Type::Element;
    QString name;         // qualified name (elements, attributes); target (PIs)
    QString prefix;       // of name
    QString localName;    // of name
    QString namespaceUri; // elements and attributes
    QString value;        // text, CDATA, comment, attribute value, PI data
    // xmlns declarations on an element, in document order: (prefix, uri),
    // prefix empty for the default namespace.
    QList<std::pair<QString, QString>> namespaceDeclarations;
    QList<XmlNode *> attributes;
    QList<XmlNode *> children;
    XmlNode *parent = nullptr;
    int order = 0; // document order

    bool isText() const { return type == Type::Text || type == Type::CData; }
    // XPath's string-value.
    QString stringValue() const;
};

// A parsed XML document (Qt's stream reader; no other dependency), with
// blank text nodes dropped the way libxml2 drops them when blanks are not
// kept (virsh parses XML so for --xpath).
class XmlDocument
{
public:
    // False and *error set when the text is not well-formed.
    bool parse(const QByteArray &text, QString *error);
    XmlNode *document() { return m_document; }

    // A new node owned by this document (not linked anywhere).
    XmlNode *create(XmlNode::Type type);
    // A deep copy of node (from any document), owned by this one.
    XmlNode *copy(const XmlNode *node);

private:
    std::deque<std::unique_ptr<XmlNode>> m_nodes;
    XmlNode *m_document = nullptr;
};

} // namespace verx::cli
