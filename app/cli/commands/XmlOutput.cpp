// SPDX-License-Identifier: GPL-2.0-or-later
#include "XmlOutput.h"

#include "CommandContext.h"
#include "Session.h"
#include "XPath.h"
#include "XdrText.h"
#include "XmlDocument.h"
#include "XmlDump.h"

namespace verx::cli {

namespace {

// The namespace declarations a copied element needs (libxml2's
// xmlDocCopyNode declares a prefix used but not declared in the copy on the
// copy's top element).
void declareNamespaces(XmlNode *top, XmlNode *n)
{
    if (n->type != XmlNode::Type::Element)
        return;
    if (!n->namespaceUri.isEmpty() || !n->prefix.isEmpty()) {
        bool declared = false;
        for (const XmlNode *p = n; p && !declared; p = p->parent) {
            for (const auto &decl : p->namespaceDeclarations)
                if (decl.first == n->prefix)
                    declared = true;
            if (p == top)
                break;
        }
        if (!declared)
            top->namespaceDeclarations.append({n->prefix, n->namespaceUri});
    }
    for (XmlNode *c : n->children)
        declareNamespaces(top, c);
}

} // namespace

bool XmlOutput::print(CommandContext &ctx, const QByteArray &xml)
{
    if (!ctx.options().has(QStringLiteral("xpath"))) {
        ctx.print(XdrText::str(xml));
        return true;
    }
    const QString expression = ctx.value(QStringLiteral("xpath"));
    XmlDocument doc;
    QString parseError;
    if (!doc.parse(xml, &parseError) || doc.document()->children.isEmpty()) {
        ctx.error(QStringLiteral("XML error: %1").arg(parseError));
        return false;
    }
    // As virsh: relative paths start at the root element.
    XmlNode *root = doc.document()->children.first();
    for (XmlNode *c : doc.document()->children)
        if (c->type == XmlNode::Type::Element)
            root = c;
    const XPath::Result r = XPath::select(expression, root);
    switch (r.status) {
    case XPath::Result::Status::NodeSet:
        break;
    case XPath::Result::Status::NotNodeSet:
        ctx.error(QStringLiteral("internal error: Incorrect xpath '%1'").arg(expression));
        return false;
    case XPath::Result::Status::SyntaxError:
    case XPath::Result::Status::UndefinedPrefix:
        // As virsh (libxml2's message): nothing selected, not a failure.
        Session::writeErr(QStringLiteral("XPath error : %1\n%2\n%3^\n")
                              .arg(r.message, expression, QString(r.position, QLatin1Char(' '))));
        return true;
    case XPath::Result::Status::Unsupported:
        ctx.error(QStringLiteral("XPath expression '%1' uses %2, which verx does not support")
                      .arg(expression, r.message));
        return false;
    }
    if (!ctx.flag(QStringLiteral("wrap"))) {
        for (const XmlNode *n : r.nodes)
            ctx.print(XmlDump::node(n) + QLatin1Char('\n'));
        return true;
    }
    // --wrap: copies under <nodes>, as libxml2's xmlAddChild adds them:
    // attributes become the wrapper's (a later one replaces an earlier one
    // of the same name), adjacent text merges.
    XmlDocument wrapped;
    XmlNode *nodes = wrapped.create(XmlNode::Type::Element);
    nodes->name = nodes->localName = QStringLiteral("nodes");
    for (const XmlNode *n : r.nodes) {
        if (n->type == XmlNode::Type::Document)
            continue;
        XmlNode *c = wrapped.copy(n);
        c->parent = nodes;
        if (c->type == XmlNode::Type::Attribute) {
            nodes->attributes.removeIf([&](const XmlNode *a) {
                return a->localName == c->localName && a->namespaceUri == c->namespaceUri;
            });
            nodes->attributes.append(c);
        } else if (c->type == XmlNode::Type::Text && !nodes->children.isEmpty() &&
                   nodes->children.last()->type == XmlNode::Type::Text) {
            nodes->children.last()->value += c->value;
        } else {
            declareNamespaces(c, c);
            nodes->children.append(c);
        }
    }
    ctx.print(XmlDump::node(nodes) + QLatin1Char('\n'));
    return true;
}

} // namespace verx::cli
