// SPDX-License-Identifier: GPL-2.0-or-later
#include "ScreenshotView.h"

#include "Icons.h"
#include "ImageDecoder.h"

#include <QAction>
#include <QFileDialog>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace verx::manager {

ScreenshotView::ScreenshotView(QWidget *parent) : QWidget(parent)
{
    auto *toolbar = new QToolBar;
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *refresh = toolbar->addAction(Icons::get(Icons::Refresh), tr("&Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, this, &ScreenshotView::refreshRequested);
    m_fit = toolbar->addAction(tr("&Fit to window"));
    m_fit->setObjectName(QStringLiteral("fitToWindow"));
    m_fit->setCheckable(true);
    m_fit->setChecked(true);
    connect(m_fit, &QAction::toggled, this, &ScreenshotView::updatePixmap);
    auto *actual = toolbar->addAction(tr("&Actual size"));
    connect(actual, &QAction::triggered, this, [this] { setFitToWindow(false); });
    auto *save = toolbar->addAction(Icons::get(Icons::Save), tr("&Save as PNG…"));
    save->setShortcut(QKeySequence::SaveAs);
    connect(save, &QAction::triggered, this, &ScreenshotView::save);
    toolbar->addSeparator();
    m_autoRefresh = toolbar->addAction(tr("Refresh e&very"));
    m_autoRefresh->setCheckable(true);
    m_interval = new QSpinBox;
    m_interval->setRange(1, 3600);
    m_interval->setValue(5);
    m_interval->setSuffix(tr(" s"));
    toolbar->addWidget(m_interval);
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &ScreenshotView::refreshRequested);
    connect(m_autoRefresh, &QAction::toggled, this,
            [this](bool on) { setAutoRefresh(on, m_interval->value()); });
    connect(m_interval, &QSpinBox::valueChanged, this, [this](int s) {
        if (m_timer->isActive())
            m_timer->start(s * 1000);
    });

    m_picture = new QLabel;
    m_picture->setObjectName(QStringLiteral("picture"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_scroll = new QScrollArea;
    m_scroll->setWidget(m_picture);
    m_scroll->setWidgetResizable(true);
    m_scroll->setAlignment(Qt::AlignCenter);
    m_info = new QLabel;
    m_info->setObjectName(QStringLiteral("info"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_info);
}

bool ScreenshotView::setScreenshot(const QByteArray &data, const QString &mimeType)
{
    QString error;
    QImage image = ImageDecoder::decode(data, mimeType, &error);
    if (image.isNull()) {
        showError(error);
        return false;
    }
    m_image = image;
    m_mimeType = mimeType;
    m_info->setText(tr("%1 × %2 pixels, %3, %4 bytes")
                        .arg(m_image.width())
                        .arg(m_image.height())
                        .arg(mimeType.isEmpty() ? tr("unknown type") : mimeType)
                        .arg(data.size()));
    updatePixmap();
    return true;
}

void ScreenshotView::showError(const QString &message)
{
    m_info->setText(message);
}

bool ScreenshotView::fitToWindow() const
{
    return m_fit->isChecked();
}

void ScreenshotView::setFitToWindow(bool fit)
{
    m_fit->setChecked(fit);
    updatePixmap();
}

bool ScreenshotView::saveTo(const QString &fileName) const
{
    return !m_image.isNull() && m_image.save(fileName, "PNG");
}

void ScreenshotView::setAutoRefresh(bool on, int seconds)
{
    if (seconds > 0)
        m_interval->setValue(seconds);
    {
        const QSignalBlocker block(m_autoRefresh);
        m_autoRefresh->setChecked(on);
    }
    if (on)
        m_timer->start(m_interval->value() * 1000);
    else
        m_timer->stop();
}

void ScreenshotView::setRefreshInterval(int seconds)
{
    m_interval->setValue(seconds);
}

void ScreenshotView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (fitToWindow())
        updatePixmap();
}

void ScreenshotView::updatePixmap()
{
    if (m_image.isNull()) {
        m_picture->clear();
        return;
    }
    QPixmap pm = QPixmap::fromImage(m_image);
    if (fitToWindow()) {
        const QSize room = m_scroll->viewport()->size();
        if (pm.width() > room.width() || pm.height() > room.height())
            pm = pm.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    m_picture->setPixmap(pm);
}

void ScreenshotView::save()
{
    if (m_image.isNull())
        return;
    // open(), not a nested event loop: connections keep working meanwhile.
    auto *dialog =
        new QFileDialog(this, tr("Save screenshot"), QString(), tr("PNG images (*.png)"));
    dialog->setObjectName(QStringLiteral("saveScreenshotDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("png"));
    dialog->selectFile(tr("screenshot.png"));
    const QImage image = m_image; // what was shown when Save was chosen
    connect(dialog, &QFileDialog::fileSelected, this, [this, image](const QString &file) {
        if (file.isEmpty())
            return;
        if (!image.save(file, "PNG"))
            showError(tr("Could not save %1.").arg(file));
    });
    dialog->open();
}

} // namespace verx::manager
