// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

#include <array>

namespace verx::cli {

// Small formatters shared by the commands, each matching virsh's output.
namespace TextFormat {

// "%-15s %s\n" style lines: label padded to width, a space, the value.
QString field(const QString &label, const QString &value, int width = 15);
// virsh's vshPrettyCapacity + "%.2lf %s": "100.00 GiB", "0.00 B".
QString capacity(quint64 bytes);
// The canonical 8-4-4-4-12 form of a 16-byte UUID.
QString uuid(const QByteArray &bytes);
QString uuid(const std::array<char, 16> &bytes);
QString uuid(const std::array<quint8, 16> &bytes);
// Parses a UUID with or without dashes; empty on failure.
QByteArray parseUuid(const QString &text);
// "yes"/"no".
QString yesNo(bool value);
// A JSON document, indented, ending with a newline.
QString json(const QJsonValue &value);
// Valid JSON text re-indented like libvirt's pretty printer: two spaces,
// "key": value, members in their original order; no final newline.
QString prettyJson(const QByteArray &text);
// virsh's vshStringToArray: TEXT split at ",", where ",," stands for a
// comma; "" gives no items.
QStringList commaList(const QString &text);
// virsh's --pass-fds list: numbers N,M,... as strtol reads them (leading
// white space and a sign allowed, nothing after the digits, int range).
// nullopt with *bad set to the first item that is none ("" for "3,,4").
std::optional<QList<int>> fdList(const QString &text, QString *bad);
// Valid JSON text without the white space between its tokens.
QByteArray compactJson(const QByteArray &text);
// The text of member key of the JSON object in text (valid JSON), as it is
// written there; nullopt when text is no object or has no such member.
std::optional<QByteArray> jsonMember(const QByteArray &text, const QString &key);

} // namespace TextFormat

} // namespace verx::cli
