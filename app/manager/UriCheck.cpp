// SPDX-License-Identifier: GPL-2.0-or-later
#include "UriCheck.h"

#include <verx/Uri.h>

#include <QCoreApplication>

namespace verx::manager::UriCheck {

QString error(const QString &uri)
{
    if (uri.trimmed().isEmpty())
        return QCoreApplication::translate("UriCheck", "The URI is empty.");
    verx::Error e;
    const verx::Uri parsed = verx::Uri::parse(uri.trimmed(), &e);
    if (!parsed.isValid())
        return e.message().isEmpty()
                   ? QCoreApplication::translate("UriCheck", "The URI is not valid.")
                   : e.message();
    return {};
}

} // namespace verx::manager::UriCheck
