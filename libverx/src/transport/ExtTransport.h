// SPDX-License-Identifier: LGPL-2.1-or-later
// The "ext" transport: runs command= and talks over its stdin/stdout. As
// libvirt, the value is the program to run (no arguments); as an extension,
// a value with spaces that names no file is split into program and
// arguments (shell-like quoting).
#pragma once

#include "ProcessTransport.h"

namespace verx {

class Uri;

class ExtTransport : public ProcessTransport
{
    Q_OBJECT
public:
    explicit ExtTransport(const QString &command, QObject *parent = nullptr);
    static ExtTransport *fromUri(const Uri &uri, QObject *parent = nullptr);

protected:
    bool prepare(QString *program, QStringList *arguments, QProcessEnvironment *env,
                 Error::Code *code, QString *error) override;
    QString label() const override { return QStringLiteral("ext command"); }

private:
    QString m_command;
};

} // namespace verx
