// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace verx::cli {

struct XmlNode;

// An XPath 1.0 subset on an XmlDocument, for dumpxml --xpath: location
// paths with every axis but namespace, name tests, node(), text(),
// comment(), predicates, unions, comparisons, arithmetic, and/or, and the
// functions last, position, count, name, local-name, string, concat,
// contains, starts-with, substring-before/-after, string-length,
// normalize-space, not, true, false, boolean, number, sum. No variables,
// no namespace prefixes (virsh registers none either).
class XPath
{
public:
    struct Result
    {
        enum class Status {
            NodeSet,     // nodes holds the selection, in document order
            NotNodeSet,  // valid, but a string, number or boolean
            SyntaxError, // message, position: where parsing stopped
            UndefinedPrefix,
            Unsupported, // message names the feature
        };
        Status status = Status::NodeSet;
        QList<XmlNode *> nodes;
        QString message;
        qsizetype position = 0;
    };

    static Result select(const QString &expression, XmlNode *contextNode);
};

} // namespace verx::cli
