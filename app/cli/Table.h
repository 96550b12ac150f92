// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QList>
#include <QStringList>

namespace verx::cli {

// A table printed exactly like virsh's: a leading space per cell, columns
// separated by at least three spaces, a dashed line under the header.
class Table
{
public:
    explicit Table(QStringList header) : m_header(std::move(header)) {}

    void addRow(QStringList cells) { m_rows.append(std::move(cells)); }
    qsizetype rowCount() const { return m_rows.size(); }

    // withHeader false is virsh's quiet mode: the rows only.
    QString toString(bool withHeader = true) const;

    // The width a terminal gives to text (wide characters count two).
    static qsizetype displayWidth(const QString &text);

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace verx::cli
