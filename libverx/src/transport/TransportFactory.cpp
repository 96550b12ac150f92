// SPDX-License-Identifier: LGPL-2.1-or-later
#include "TransportFactory.h"

#include "ExtTransport.h"
#include "SshTransport.h"
#include "TcpTransport.h"
#include "TlsTransport.h"
#include "UnixTransport.h"

namespace verx {

Transport *TransportFactory::create(const Uri &uri, const Options &options, QObject *parent,
                                    Error *error)
{
    const QString transport = uri.transport();
    if (transport == QLatin1String("unix")) {
        Error socketError;
        const QString path = uri.unixSocketPath(options.readOnly, &socketError);
        if (socketError.isError()) {
            if (error)
                *error = socketError;
            return nullptr;
        }
        auto *socket = new UnixTransport(path, parent);
        socket->setBusyPolling(options.busyPolling);
        return socket;
    }
    if (transport == QLatin1String("tcp"))
        return new TcpTransport(uri.host(), quint16(uri.effectivePort()), parent);
    if (transport == QLatin1String("tls"))
        return new TlsTransport(TlsTransport::optionsFromUri(uri), parent);
    // libssh and libssh2 (libvirt's in-process ssh clients) are served by
    // the ssh command too, with their known_hosts_verify= and sshauth=.
    if (transport == QLatin1String("ssh") || transport == QLatin1String("libssh") ||
        transport == QLatin1String("libssh2")) {
        QString sshError;
        const SshCommand command = SshTransport::commandFromUri(uri, options.readOnly, &sshError);
        if (!sshError.isEmpty()) {
            if (error)
                *error = Error::transport(Error::InvalidUri, sshError);
            return nullptr;
        }
        return new SshTransport(command, parent);
    }
    if (transport == QLatin1String("ext"))
        return ExtTransport::fromUri(uri, parent);

    if (error)
        *error = Error::transport(Error::Unsupported,
                                  QStringLiteral("transport '%1' is not supported (URI '%2')")
                                      .arg(transport, uri.toString()));
    return nullptr;
}

} // namespace verx
