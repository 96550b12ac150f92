// SPDX-License-Identifier: GPL-2.0-or-later
#include "Icons.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace verx::manager::Icons {
namespace {

const char *themeName(Id id)
{
    switch (id) {
    case App:
        return "computer";
    case StateRunning:
    case Start:
        return "media-playback-start";
    case StatePaused:
    case Pause:
        return "media-playback-pause";
    case StateShutoff:
    case ForceOff:
        return "media-playback-stop";
    case StateCrashed:
        return "dialog-error";
    case Resume:
        return "media-playback-start";
    case Shutdown:
        return "system-shutdown";
    case Reboot:
        return "system-reboot";
    case Save:
        return "document-save";
    case Delete:
        return "edit-delete";
    case AddConnection:
        return "list-add";
    case Connected:
        return "network-connect";
    case Disconnected:
        return "network-disconnect";
    case Connecting:
        return "view-refresh";
    case Refresh:
        return "view-refresh";
    case Find:
        return "edit-find";
    case Console:
        return "utilities-terminal";
    case Screenshot:
        return "camera-photo";
    }
    return "";
}

QColor colorFor(Id id)
{
    switch (id) {
    case StateRunning:
    case Start:
    case Resume:
    case Connected:
        return QColor(0x2e, 0x9e, 0x44);
    case StatePaused:
    case Pause:
    case Connecting:
        return QColor(0xd8, 0x9b, 0x16);
    case StateCrashed:
    case ForceOff:
    case Delete:
    case Disconnected:
        return QColor(0xc6, 0x28, 0x28);
    default:
        return QColor(0x3b, 0x6e, 0xa5);
    }
}

void paintShape(QPainter &p, Id id, const QRectF &r)
{
    const QColor c = colorFor(id);
    p.setPen(QPen(c.darker(130), 1.5));
    p.setBrush(c);
    const qreal w = r.width();
    switch (id) {
    case StateRunning:
    case Start:
    case Resume: {
        QPainterPath path;
        path.moveTo(r.left() + w * 0.25, r.top() + w * 0.15);
        path.lineTo(r.left() + w * 0.85, r.center().y());
        path.lineTo(r.left() + w * 0.25, r.bottom() - w * 0.15);
        path.closeSubpath();
        p.drawPath(path);
        break;
    }
    case StatePaused:
    case Pause:
        p.drawRect(QRectF(r.left() + w * 0.2, r.top() + w * 0.15, w * 0.2, w * 0.7));
        p.drawRect(QRectF(r.left() + w * 0.6, r.top() + w * 0.15, w * 0.2, w * 0.7));
        break;
    case StateShutoff:
    case ForceOff:
        p.setBrush(id == StateShutoff ? QColor(0x80, 0x80, 0x80) : c);
        p.drawRect(r.adjusted(w * 0.2, w * 0.2, -w * 0.2, -w * 0.2));
        break;
    case StateCrashed:
    case Delete:
    case Disconnected:
        p.setPen(QPen(c, w * 0.14, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(r.topLeft() + QPointF(w * 0.2, w * 0.2),
                   r.bottomRight() - QPointF(w * 0.2, w * 0.2));
        p.drawLine(r.topRight() + QPointF(-w * 0.2, w * 0.2),
                   r.bottomLeft() + QPointF(w * 0.2, -w * 0.2));
        break;
    case Shutdown:
    case Reboot:
    case Refresh:
    case Connecting:
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(c, w * 0.12, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(r.adjusted(w * 0.18, w * 0.18, -w * 0.18, -w * 0.18), 120 * 16,
                  id == Shutdown ? 300 * 16 : 270 * 16);
        if (id == Shutdown)
            p.drawLine(QPointF(r.center().x(), r.top() + w * 0.1), r.center());
        break;
    case AddConnection:
        p.setPen(QPen(c, w * 0.16, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(r.center().x(), r.top() + w * 0.2),
                   QPointF(r.center().x(), r.bottom() - w * 0.2));
        p.drawLine(QPointF(r.left() + w * 0.2, r.center().y()),
                   QPointF(r.right() - w * 0.2, r.center().y()));
        break;
    case Connected:
    case App:
        p.setBrush(c.lighter(150));
        p.drawRoundedRect(r.adjusted(w * 0.1, w * 0.15, -w * 0.1, -w * 0.3), w * 0.08, w * 0.08);
        p.drawLine(QPointF(r.center().x(), r.bottom() - w * 0.3),
                   QPointF(r.center().x(), r.bottom() - w * 0.1));
        p.drawLine(QPointF(r.left() + w * 0.3, r.bottom() - w * 0.1),
                   QPointF(r.right() - w * 0.3, r.bottom() - w * 0.1));
        break;
    case Console:
        p.setBrush(QColor(0x20, 0x20, 0x20));
        p.drawRect(r.adjusted(w * 0.08, w * 0.15, -w * 0.08, -w * 0.15));
        p.setPen(QPen(Qt::white, w * 0.08));
        p.drawLine(QPointF(r.left() + w * 0.25, r.top() + w * 0.35), r.center());
        p.drawLine(r.center(), QPointF(r.left() + w * 0.25, r.bottom() - w * 0.35));
        break;
    case Save:
    case Screenshot:
    case Find:
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(r.adjusted(w * 0.15, w * 0.15, -w * 0.35, -w * 0.35));
        p.drawLine(r.center() + QPointF(w * 0.1, w * 0.1),
                   r.bottomRight() - QPointF(w * 0.15, w * 0.15));
        break;
    }
}

QIcon painted(Id id)
{
    QIcon icon;
    for (int size : {16, 22, 32, 48}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        paintShape(p, id, QRectF(0, 0, size, size));
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

} // namespace

QIcon get(Id id)
{
    static QHash<int, QIcon> cache;
    auto it = cache.constFind(id);
    if (it != cache.constEnd())
        return *it;
    QIcon icon = QIcon::fromTheme(QString::fromLatin1(themeName(id)));
    if (icon.isNull())
        icon = painted(id);
    cache.insert(id, icon);
    return icon;
}

} // namespace verx::manager::Icons
