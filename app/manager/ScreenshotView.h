// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QImage>
#include <QWidget>

class QAction;
class QLabel;
class QScrollArea;
class QSpinBox;
class QTimer;

namespace verx::manager {

// Shows one screenshot: fit to window or 100 %, save as PNG, refresh by
// hand or every N seconds (refreshRequested()), and the image's mime type.
class ScreenshotView : public QWidget
{
    Q_OBJECT
public:
    explicit ScreenshotView(QWidget *parent = nullptr);

    // Decodes and shows \a data; false (and the error shown) when it fails.
    bool setScreenshot(const QByteArray &data, const QString &mimeType);
    void showError(const QString &message);
    const QImage &image() const { return m_image; }
    QString mimeType() const { return m_mimeType; }
    bool fitToWindow() const;
    void setFitToWindow(bool fit);
    bool saveTo(const QString &fileName) const;
    void setAutoRefresh(bool on, int seconds = 0);
    void setRefreshInterval(int seconds);

signals:
    void refreshRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updatePixmap();
    void save();

    QImage m_image;
    QString m_mimeType;
    QLabel *m_picture = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_info = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_autoRefresh = nullptr;
    QSpinBox *m_interval = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace verx::manager
