// SPDX-License-Identifier: GPL-2.0-or-later
// Every icon verx-manager uses exists with no icon theme at all: the
// bundled SVG fallbacks (resources/icons/actions) are compiled in and draw.
#include "DomainState.h"
#include "Icons.h"
#include "MainWindow.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace verx::manager;

namespace {

// How many pixels of the icon at size x size are not transparent.
int paintedPixels(const QIcon &icon, int size)
{
    const QImage image = icon.pixmap(QSize(size, size)).toImage();
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += qAlpha(image.pixel(x, y)) > 0;
    return n;
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // No theme, no fallback theme, no search paths: only what the
        // program brings. (Before any icon is made: Icons caches them.)
        const QString missing = QStringLiteral("verx-no-such-icon-theme");
        QIcon::setThemeSearchPaths({});
        QIcon::setFallbackSearchPaths({});
        QIcon::setThemeName(missing);
        QIcon::setFallbackThemeName(missing);
        QVERIFY(!QIcon::hasThemeIcon(QStringLiteral("media-playback-start")));
    }

    void everyIconHasAFallback_data()
    {
        QTest::addColumn<int>("id");
        for (int id = 0; id < Icons::IdCount; ++id)
            QTest::addRow("%s", qPrintable(Icons::themeName(Icons::Id(id)))) << id;
    }
    void everyIconHasAFallback()
    {
        QFETCH(int, id);
        const auto icon = Icons::Id(id);
        QVERIFY(!Icons::themeName(icon).isEmpty());
        QVERIFY(!QIcon::hasThemeIcon(Icons::themeName(icon)));
        const QString file = Icons::fallbackFile(icon);
        QVERIFY2(file.endsWith(QLatin1String(".svg")), qPrintable(file));
        QVERIFY2(QFile::exists(file), qPrintable(file));
        QVERIFY(!Icons::get(icon).isNull());
        // It draws, at the toolbar and the table sizes (the SVG engine is
        // there and the file is valid SVG).
        for (int size : {16, 22, 48})
            QVERIFY2(paintedPixels(Icons::get(icon), size) > size, qPrintable(file));
    }

    void windowActionsAndStatesHaveIcons()
    {
        QTemporaryDir config;
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        MainWindow window;
        for (int id = 0; id < MainWindow::ActionCount; ++id) {
            QAction *a = window.action(MainWindow::ActionId(id));
            QVERIFY2(!a->icon().isNull(), qPrintable(a->text()));
            QVERIFY2(paintedPixels(a->icon(), 22) > 22, qPrintable(a->text()));
        }
        for (int state = DomainState::NoState; state <= DomainState::PmSuspended; ++state)
            QVERIFY2(paintedPixels(DomainState::icon(state), 16) > 16,
                     qPrintable(DomainState::text(state)));
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
