// SPDX-License-Identifier: GPL-2.0-or-later
#include "UriCheck.h"

#include <QCoreApplication>
#include <QUrl>

namespace verx::manager::UriCheck {

QString error(const QString &uri)
{
    if (uri.trimmed().isEmpty())
        return QCoreApplication::translate("UriCheck", "The URI is empty.");
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid())
        return url.errorString();
    if (url.scheme().isEmpty())
        return QCoreApplication::translate("UriCheck", "The URI has no driver (like qemu://).");
    return {};
}

} // namespace verx::manager::UriCheck
