// SPDX-License-Identifier: GPL-2.0-or-later
#include "ImageDecoder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>

namespace verx::manager::ImageDecoder {

QImage decode(const QByteArray &data, const QString &mimeType, QString *error)
{
    QByteArray format;
    const QString mime = mimeType.toLower();
    if (mime == QLatin1String("image/png"))
        format = "png";
    else if (mime == QLatin1String("image/x-portable-pixmap") ||
             mime == QLatin1String("image/x-portable-anymap"))
        format = "ppm";
    else if (data.startsWith("\x89PNG"))
        format = "png";
    else if (data.size() > 2 && data[0] == 'P' && data[1] >= '1' && data[1] <= '6')
        format = "ppm";
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    QImage image = reader.read();
    if (image.isNull() && error) {
        *error =
            data.isEmpty()
                ? QCoreApplication::translate("ImageDecoder", "The screenshot is empty.")
                : QCoreApplication::translate("ImageDecoder", "Cannot decode the %1 screenshot: %2")
                      .arg(mimeType.isEmpty() ? QStringLiteral("?") : mimeType,
                           reader.errorString());
    }
    return image;
}

} // namespace verx::manager::ImageDecoder
