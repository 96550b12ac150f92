// SPDX-License-Identifier: LGPL-2.1-or-later
// A reader for libvirt's client configuration (libvirt.conf, virConf
// syntax): `key = "string"`, `key = 123`, `key = [ "a", "b" ]`, # comments.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace verx::detail {

class LibvirtConf
{
public:
    // Reads and merges the files in order (later ones win); missing files
    // are skipped. Malformed lines are ignored.
    static LibvirtConf load(const QStringList &files);
    static LibvirtConf parse(const QString &text);

    bool contains(const QString &key) const { return m_values.contains(key); }
    QString value(const QString &key) const { return m_values.value(key).value(0); }
    QStringList list(const QString &key) const { return m_values.value(key); }

private:
    QHash<QString, QStringList> m_values;
};

} // namespace verx::detail
