// SPDX-License-Identifier: GPL-2.0-or-later
#include "XmlDump.h"

#include "XmlDocument.h"

namespace verx::cli {

namespace {

// libxml2's escaping: text escapes <, >, & and CR; attribute values also
// the quote, LF and TAB.
QString escape(const QString &text, bool inAttribute)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '<')
            out += QLatin1String("&lt;");
        else if (u == '>')
            out += QLatin1String("&gt;");
        else if (u == '&')
            out += QLatin1String("&amp;");
        else if (u == '\r')
            out += QLatin1String("&#13;");
        else if (inAttribute && u == '"')
            out += QLatin1String("&quot;");
        else if (inAttribute && u == '\n')
            out += QLatin1String("&#10;");
        else if (inAttribute && u == '\t')
            out += QLatin1String("&#9;");
        else
            out += c;
    }
    return out;
}

QString escapeText(const QString &text)
{
    return escape(text, false);
}

QString escapeAttribute(const QString &text)
{
    return escape(text, true);
}

QString attribute(const XmlNode *a)
{
    return QStringLiteral(" %1=\"%2\"").arg(a->name, escapeAttribute(a->value));
}

QString indent(int level)
{
    return QString(2 * qMin(level, 30), QLatin1Char(' '));
}

void dump(const XmlNode *n, int level, bool format, QString &out)
{
    switch (n->type) {
    case XmlNode::Type::Text:
        out += escapeText(n->value);
        return;
    case XmlNode::Type::CData:
        out += QStringLiteral("<![CDATA[%1]]>").arg(n->value);
        return;
    case XmlNode::Type::Comment:
        out += QStringLiteral("<!--%1-->").arg(n->value);
        return;
    case XmlNode::Type::ProcessingInstruction:
        out += n->value.isEmpty() ? QStringLiteral("<?%1?>").arg(n->name)
                                  : QStringLiteral("<?%1 %2?>").arg(n->name, n->value);
        return;
    case XmlNode::Type::Attribute:
        out += attribute(n);
        return;
    case XmlNode::Type::Document:
        for (const XmlNode *c : n->children) {
            dump(c, 0, format, out);
            out += QLatin1Char('\n');
        }
        return;
    case XmlNode::Type::Element:
        break;
    }
    out += QLatin1Char('<') + n->name;
    for (const auto &[prefix, uri] : n->namespaceDeclarations)
        out += prefix.isEmpty()
                   ? QStringLiteral(" xmlns=\"%1\"").arg(escapeAttribute(uri))
                   : QStringLiteral(" xmlns:%1=\"%2\"").arg(prefix, escapeAttribute(uri));
    for (const XmlNode *a : n->attributes)
        out += attribute(a);
    if (n->children.isEmpty()) {
        out += QLatin1String("/>");
        return;
    }
    out += QLatin1Char('>');
    // libxml2 stops formatting inside an element with text children.
    bool childFormat = format;
    for (const XmlNode *c : n->children)
        if (c->isText())
            childFormat = false;
    if (childFormat)
        out += QLatin1Char('\n');
    for (const XmlNode *c : n->children) {
        if (childFormat)
            out += indent(level + 1);
        dump(c, level + 1, childFormat, out);
        if (childFormat)
            out += QLatin1Char('\n');
    }
    if (childFormat)
        out += indent(level);
    out += QStringLiteral("</%1>").arg(n->name);
}

} // namespace

QString XmlDump::node(const XmlNode *node)
{
    QString out;
    dump(node, 0, true, out);
    return out;
}

} // namespace verx::cli
