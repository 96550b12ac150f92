// SPDX-License-Identifier: LGPL-2.1-or-later
// The x509 files of libvirt's TLS client: pkipath= if given (CA, client
// certificate and key all required), else for non-root users the files of
// ~/.pki/libvirt that exist, else /etc/pki/CA and /etc/pki/libvirt.
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace verx {

struct TlsCredentials
{
    QString caFile;
    QString crlFile; // empty when there is none
    QString certFile;
    QString keyFile;
    QList<QSslCertificate> caCertificates;
    QSslCertificate clientCertificate; // null when no client certificate
    QSslKey clientKey;
    QByteArray crl; // PEM, empty when there is none

    // Locates and loads the files; false with *error naming the file and the
    // cause. home/privileged are parameters so tests can point them elsewhere.
    bool load(const QString &pkiPath, QString *error);
    bool load(const QString &pkiPath, const QString &home, bool privileged, QString *error);
};

} // namespace verx
