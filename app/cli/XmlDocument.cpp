// SPDX-License-Identifier: GPL-2.0-or-later
#include "XmlDocument.h"

#include <QXmlStreamReader>

namespace verx::cli {

namespace {

bool isBlank(const QString &text)
{
    for (const QChar c : text)
        if (c != QLatin1Char(' ') && c != QLatin1Char('\t') && c != QLatin1Char('\n') &&
            c != QLatin1Char('\r'))
            return false;
    return true;
}

void collectText(const XmlNode *node, QString &out)
{
    for (const XmlNode *child : node->children) {
        if (child->isText())
            out += child->value;
        else if (child->type == XmlNode::Type::Element)
            collectText(child, out);
    }
}

void number(XmlNode *node, int &order)
{
    node->order = order++;
    for (XmlNode *a : node->attributes)
        a->order = order++;
    for (XmlNode *c : node->children)
        number(c, order);
}

} // namespace

QString XmlNode::stringValue() const
{
    if (type == Type::Element || type == Type::Document) {
        QString out;
        collectText(this, out);
        return out;
    }
    return value;
}

XmlNode *XmlDocument::create(XmlNode::Type type)
{
    m_nodes.push_back(std::make_unique<XmlNode>());
    m_nodes.back()->type = type;
    return m_nodes.back().get();
}

XmlNode *XmlDocument::copy(const XmlNode *node)
{
    XmlNode *c = create(node->type);
    c->name = node->name;
    c->prefix = node->prefix;
    c->localName = node->localName;
    c->namespaceUri = node->namespaceUri;
    c->value = node->value;
    c->namespaceDeclarations = node->namespaceDeclarations;
    c->order = node->order;
    for (const XmlNode *a : node->attributes) {
        XmlNode *ac = copy(a);
        ac->parent = c;
        c->attributes.append(ac);
    }
    for (const XmlNode *child : node->children) {
        XmlNode *cc = copy(child);
        cc->parent = c;
        c->children.append(cc);
    }
    return c;
}

bool XmlDocument::parse(const QByteArray &text, QString *error)
{
    m_nodes.clear();
    m_document = create(XmlNode::Type::Document);
    QXmlStreamReader reader(text);
    reader.setNamespaceProcessing(true);
    XmlNode *current = m_document;
    QString pending; // character data not yet added
    bool pendingCData = false;
    auto flush = [&](bool beforeEndTag) {
        if (pending.isEmpty())
            return;
        // libxml2 without kept blanks: a blank text node stays only as the
        // sole content of an element, or after/with text in the element.
        bool keep = true;
        if (!pendingCData && isBlank(pending)) {
            if (current->type != XmlNode::Type::Element) {
                keep = false; // outside the root element
            } else if (current->children.isEmpty()) {
                keep = beforeEndTag;
            } else {
                keep = current->children.last()->type == XmlNode::Type::Text ||
                       current->children.first()->type == XmlNode::Type::Text;
            }
        }
        if (keep) {
            XmlNode *t = create(pendingCData ? XmlNode::Type::CData : XmlNode::Type::Text);
            t->value = pending;
            t->parent = current;
            current->children.append(t);
        }
        pending.clear();
        pendingCData = false;
    };
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::Characters) {
            if (!pending.isEmpty() && pendingCData != reader.isCDATA())
                flush(false);
            pendingCData = reader.isCDATA();
            pending += reader.text();
            continue;
        }
        flush(token == QXmlStreamReader::EndElement);
        switch (token) {
        case QXmlStreamReader::StartElement: {
            XmlNode *e = create(XmlNode::Type::Element);
            e->name = reader.qualifiedName().toString();
            e->prefix = reader.prefix().toString();
            e->localName = reader.name().toString();
            e->namespaceUri = reader.namespaceUri().toString();
            for (const auto &ns : reader.namespaceDeclarations())
                e->namespaceDeclarations.append(
                    {ns.prefix().toString(), ns.namespaceUri().toString()});
            for (const auto &attr : reader.attributes()) {
                XmlNode *a = create(XmlNode::Type::Attribute);
                a->name = attr.qualifiedName().toString();
                a->prefix = attr.prefix().toString();
                a->localName = attr.name().toString();
                a->namespaceUri = attr.namespaceUri().toString();
                a->value = attr.value().toString();
                a->parent = e;
                e->attributes.append(a);
            }
            e->parent = current;
            current->children.append(e);
            current = e;
            break;
        }
        case QXmlStreamReader::EndElement:
            current = current->parent;
            break;
        case QXmlStreamReader::Comment:
        case QXmlStreamReader::ProcessingInstruction: {
            const bool comment = token == QXmlStreamReader::Comment;
            XmlNode *n =
                create(comment ? XmlNode::Type::Comment : XmlNode::Type::ProcessingInstruction);
            if (comment) {
                n->value = reader.text().toString();
            } else {
                n->name = reader.processingInstructionTarget().toString();
                n->value = reader.processingInstructionData().toString();
            }
            n->parent = current;
            current->children.append(n);
            break;
        }
        default:
            break;
        }
    }
    if (reader.hasError()) {
        if (error)
            *error =
                QStringLiteral("%1 (line %2)").arg(reader.errorString()).arg(reader.lineNumber());
        return false;
    }
    int order = 0;
    number(m_document, order);
    return true;
}

} // namespace verx::cli
