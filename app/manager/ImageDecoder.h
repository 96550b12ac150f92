// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

namespace verx::manager::ImageDecoder {

// Decodes a screenshot: PNG or PPM (what QEMU sends), chosen by the mime
// type the daemon reports, falling back to the data's magic. A null image
// and \a error set when it cannot be decoded.
QImage decode(const QByteArray &data, const QString &mimeType, QString *error = nullptr);

} // namespace verx::manager::ImageDecoder
