// SPDX-License-Identifier: GPL-2.0-or-later
// verx-manager widgets that need no libvirt daemon.
#include "AddConnectionDialog.h"
#include "AppSettings.h"
#include "CommandLine.h"
#include "ConnectionTreeModel.h"
#include "ConsolePage.h"
#include "ConsoleView.h"
#include "DomainDetailsPage.h"
#include "DomainTableModel.h"
#include "HostSession.h"
#include "ImageDecoder.h"
#include "LineDiff.h"
#include "MainWindow.h"
#include "MessageArea.h"
#include "PasswordStore.h"
#include "SavedConnection.h"
#include "ScreenshotView.h"
#include "SearchBar.h"
#include "SettingsDialog.h"
#include "Translations.h"
#include "XmlEditor.h"
#include "XmlErrorLine.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTranslator>

#include <qtermwidget.h>

using namespace verx::manager;

class TestWidgets : public QObject
{
    Q_OBJECT
private slots:
    void uriPreview()
    {
        AddConnectionDialog dialog;
        auto *hv = dialog.findChild<QComboBox *>(QStringLiteral("hypervisor"));
        auto *transport = dialog.findChild<QComboBox *>(QStringLiteral("transport"));
        auto *host = dialog.findChild<QLineEdit *>(QStringLiteral("host"));
        auto *user = dialog.findChild<QLineEdit *>(QStringLiteral("user"));
        auto *port = dialog.findChild<QSpinBox *>(QStringLiteral("port"));
        auto *keyfile = dialog.findChild<QLineEdit *>(QStringLiteral("keyfile"));
        auto *preview = dialog.findChild<QLabel *>(QStringLiteral("preview"));
        QVERIFY(hv && transport && host && user && port && keyfile && preview);
        QCOMPARE(preview->text(), QStringLiteral("qemu:///system"));
        QVERIFY(dialog.uriError().isEmpty());

        transport->setCurrentIndex(transport->findText(QStringLiteral("SSH")));
        // No host yet: the error is shown inline.
        QVERIFY(!dialog.uriError().isEmpty());
        QTest::keyClicks(host, QStringLiteral("kvm1.example.org"));
        QTest::keyClicks(user, QStringLiteral("root"));
        port->setValue(2222);
        QTest::keyClicks(keyfile, QStringLiteral("/home/me/.ssh/id ed25519"));
        QCOMPARE(
            preview->text(),
            QStringLiteral(
                "qemu+ssh://root@kvm1.example.org:2222/system?keyfile=/home/me/.ssh/id%20ed25519"));
        QVERIFY(dialog.uriError().isEmpty());

        hv->setCurrentIndex(hv->findData(int(ConnectionSpec::Hypervisor::Test)));
        transport->setCurrentIndex(transport->findData(int(ConnectionSpec::Transport::Local)));
        QCOMPARE(preview->text(), QStringLiteral("test+unix:///default"));

        hv->setCurrentIndex(hv->findData(int(ConnectionSpec::Hypervisor::QemuSystem)));
        transport->setCurrentIndex(transport->findData(int(ConnectionSpec::Transport::Tls)));
        auto *noVerify = dialog.findChild<QCheckBox *>(QStringLiteral("noVerify"));
        noVerify->setChecked(true);
        port->setValue(0);
        QCOMPARE(dialog.uri(),
                 QStringLiteral("qemu+tls://root@kvm1.example.org/system?no_verify=1"));
        QCOMPARE(dialog.savedConnection().uri, dialog.uri());
    }

    void rawUriValidation()
    {
        AddConnectionDialog dialog;
        dialog.setRawUri(QStringLiteral("qemu+ssh://host/system"));
        QVERIFY(dialog.uriError().isEmpty());
        dialog.setRawUri(QStringLiteral("qemu+ssh://ho st:99999/system"));
        QVERIFY2(!dialog.uriError().isEmpty(), "an invalid URI is reported inline");
        dialog.setRawUri(QString());
        QVERIFY(!dialog.uriError().isEmpty());
    }

    void lineDiff()
    {
        QCOMPARE(LineDiff::unified(QStringLiteral("a\nb\n"), QStringLiteral("a\nb\n"),
                                   QStringLiteral("x"), QStringLiteral("y")),
                 QString());
        const QString before = QStringLiteral("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        const QString after = QStringLiteral("1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\neleven\n");
        const QString diff =
            LineDiff::unified(before, after, QStringLiteral("old"), QStringLiteral("new"));
        QVERIFY(diff.startsWith(QStringLiteral("--- old\n+++ new\n@@ -2,")));
        QVERIFY(diff.contains(QStringLiteral("\n-5\n+five\n")));
        QVERIFY(diff.contains(QStringLiteral("\n+eleven\n")));
        QVERIFY(!diff.contains(QStringLiteral("\n 1\n")));
    }

    void decodesPngAndPpm()
    {
        QImage source(7, 5, QImage::Format_RGB32);
        source.fill(QColor(10, 200, 30));
        QByteArray png;
        {
            QBuffer b(&png);
            b.open(QIODevice::WriteOnly);
            QVERIFY(source.save(&b, "PNG"));
        }
        QString error;
        QImage fromPng = ImageDecoder::decode(png, QStringLiteral("image/png"), &error);
        QCOMPARE(fromPng.size(), QSize(7, 5));
        // A PPM as QEMU writes it (P6, maxval 255).
        QByteArray ppm = "P6\n7 5\n255\n";
        for (int i = 0; i < 7 * 5; ++i)
            ppm += QByteArray("\x0a\xc8\x1e", 3);
        QImage fromPpm =
            ImageDecoder::decode(ppm, QStringLiteral("image/x-portable-pixmap"), &error);
        QCOMPARE(fromPpm.size(), QSize(7, 5));
        QCOMPARE(QColor(fromPpm.pixel(3, 3)), QColor(10, 200, 30));
        // Without a mime type the magic decides.
        QCOMPARE(ImageDecoder::decode(ppm, QString()).size(), QSize(7, 5));
        QVERIFY(ImageDecoder::decode("garbage", QStringLiteral("image/png"), &error).isNull());
        QVERIFY(!error.isEmpty());

        ScreenshotView view;
        view.resize(300, 200);
        QVERIFY(view.setScreenshot(ppm, QStringLiteral("image/x-portable-pixmap")));
        QCOMPARE(view.image().size(), QSize(7, 5));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("shot.png"));
        QVERIFY(view.saveTo(file));
        QCOMPARE(QImage(file).size(), QSize(7, 5));
        QVERIFY(!view.setScreenshot("nope", QStringLiteral("image/png")));
    }

    void screenshotSaveDoesNotBlock()
    {
        // Save opens a file dialog without a nested event loop: the trigger
        // returns at once, the file is written when the dialog is accepted.
        QImage source(9, 4, QImage::Format_RGB32);
        source.fill(QColor(200, 20, 30));
        QByteArray png;
        {
            QBuffer buffer(&png);
            QVERIFY(buffer.open(QIODevice::WriteOnly));
            QVERIFY(source.save(&buffer, "PNG"));
        }
        ScreenshotView view;
        view.show();
        QVERIFY(view.setScreenshot(png, QStringLiteral("image/png")));
        QAction *save = nullptr;
        for (QAction *a : view.findChildren<QAction *>())
            if (a->shortcut() == QKeySequence(QKeySequence::SaveAs))
                save = a;
        QVERIFY(save);
        save->trigger();
        auto *dialog = view.findChild<QFileDialog *>(QStringLiteral("saveScreenshotDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("shot.png"));
        dialog->selectFile(file);
        static_cast<QDialog *>(dialog)->accept(); // (protected in QFileDialog)
        QCOMPARE(QImage(file).size(), source.size());
    }

    void xmlEditorSearch()
    {
        XmlEditor editor;
        verx::manager::SearchBar bar(&editor);
        editor.setPlainText(QStringLiteral(
            "<domain>\n  <name>a</name>\n  <memory>1</memory>\n  <name>b</name>\n</domain>\n"));
        QVERIFY(editor.lineNumberAreaWidth() > 0);
        bar.lineEdit()->setText(QStringLiteral("<name>"));
        QVERIFY(bar.findNext());
        QCOMPARE(editor.textCursor().blockNumber(), 1);
        QVERIFY(bar.findNext());
        QCOMPARE(editor.textCursor().blockNumber(), 3);
        QVERIFY(bar.findNext()); // wraps
        QCOMPARE(editor.textCursor().blockNumber(), 1);
        bar.lineEdit()->setText(QStringLiteral("absent"));
        QVERIFY(!bar.findNext());
    }

    void messageAreaFoldsRepeats()
    {
        MessageArea area;
        area.error(QStringLiteral("boom"));
        area.error(QStringLiteral("boom"));
        area.error(QStringLiteral("boom"));
        area.info(QStringLiteral("fine"));
        QCOMPARE(area.count(), 2);
        QCOMPARE(area.textAt(0), QStringLiteral("boom"));
        area.clear();
        QCOMPARE(area.count(), 0);
    }

    void connectionTreeForwardsDomains()
    {
        ConnectionTreeModel tree;
        QAbstractItemModelTester tester(&tree,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        SavedConnection c;
        c.uri = QStringLiteral("test+unix:///default");
        HostSession a(c), b(c);
        tree.addSession(&a);
        tree.addSession(&b);
        QCOMPARE(tree.rowCount(), 2);
        QList<DomainRecord> list;
        for (int i = 0; i < 10000; ++i) {
            DomainRecord d;
            d.uuid = QByteArray::number(i).leftJustified(16, '-');
            d.name = QStringLiteral("d%1").arg(i);
            list.append(d);
        }
        b.model()->setDomains(list);
        QCOMPARE(tree.rowCount(tree.index(1, 0)), 10000);
        QCOMPARE(tree.index(5, 0, tree.index(1, 0)).data().toString(), QStringLiteral("d5"));
        b.model()->removeDomain(list.at(5).uuid);
        QCOMPARE(tree.rowCount(tree.index(1, 0)), 9999);
        b.model()->upsertDomains({list.at(5)});
        QCOMPARE(tree.indexOf(&b, list.at(5).uuid).row(), 9999);
        QCOMPARE(tree.sessionAt(tree.index(3, 0, tree.index(1, 0))), &b);
        tree.removeSession(&a);
        QCOMPARE(tree.rowCount(), 1);
        QCOMPARE(tree.rowCount(tree.index(0, 0)), 10000);
        b.model()->clear();
        QCOMPARE(tree.rowCount(tree.index(0, 0)), 0);
    }

    void savedConnectionsRoundTrip()
    {
        QTemporaryDir config;
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("verx-test"));
        SavedConnection a;
        a.uri = QStringLiteral("qemu+ssh://root@h1/system");
        a.name = QStringLiteral("h1");
        a.autoconnect = true;
        SavedConnection b;
        b.uri = QStringLiteral("test+unix:///default");
        b.rememberPassword = true;
        ConnectionStore::save({a, b});
        const QList<SavedConnection> loaded = ConnectionStore::load();
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0), a);
        QCOMPARE(loaded.at(1), b);
        QCOMPARE(loaded.at(1).displayName(), b.uri);
        // Saving replaces the whole list.
        ConnectionStore::save({b});
        QCOMPARE(ConnectionStore::load().size(), 1);
    }

    void commandLine()
    {
        CommandLine plain;
        QVERIFY(plain.parse({QStringLiteral("verx-manager")}));
        QVERIFY(plain.uris().isEmpty());
        QVERIFY(plain.openSaved());
        // --connect (repeatable, -c too) first, then the positional URIs
        // the desktop file passes with %U.
        CommandLine cl;
        QVERIFY2(cl.parse({QStringLiteral("verx-manager"), QStringLiteral("qemu+ssh://h1/system"),
                           QStringLiteral("--connect"), QStringLiteral("qemu:///system"),
                           QStringLiteral("--no-saved"), QStringLiteral("-c"),
                           QStringLiteral("test:///default"), QStringLiteral("lxc:///")}),
                 qPrintable(cl.errorText()));
        QCOMPARE(cl.uris(),
                 (QStringList{QStringLiteral("qemu:///system"), QStringLiteral("test:///default"),
                              QStringLiteral("qemu+ssh://h1/system"), QStringLiteral("lxc:///")}));
        QVERIFY(!cl.openSaved());
        CommandLine bad;
        QVERIFY(!bad.parse({QStringLiteral("verx-manager"), QStringLiteral("--connect")}));
        QVERIFY(!bad.errorText().isEmpty());
        CommandLine unknown;
        QVERIFY(!unknown.parse({QStringLiteral("verx-manager"), QStringLiteral("--bogus")}));
    }

    void xmlErrorLine()
    {
        QCOMPARE(XmlErrorLine::find(QStringLiteral(
                     "XML error: (domain_definition):7: Opening and ending tag mismatch: "
                     "memoryy line 7 and memory")),
                 7);
        QCOMPARE(XmlErrorLine::find(QStringLiteral("Element memory at line 12 is unexpected")), 12);
        QCOMPARE(XmlErrorLine::find(QStringLiteral("unsupported configuration: 2 vCPUs")), 0);
        QCOMPARE(XmlErrorLine::find(QString()), 0);
        // The editor marks the line and goes there; 0 clears the mark.
        XmlEditor editor;
        editor.setPlainText(QStringLiteral("<a>\n<b>\n<c>\n</a>\n"));
        editor.markErrorLine(3);
        QCOMPARE(editor.errorLine(), 3);
        QCOMPARE(editor.textCursor().blockNumber(), 2);
        QCOMPARE(editor.extraSelections().size(), 1);
        editor.markErrorLine(99); // beyond the text: nothing to mark
        QCOMPARE(editor.errorLine(), 0);
        QVERIFY(editor.extraSelections().isEmpty());
    }

    void consoleTakesBurstsWithoutBlocking()
    {
        // More than a pty buffer holds at once: feed() returns at once and
        // the terminal gets everything as it reads (no deadlock on the GUI
        // thread, which is also the terminal's reader).
        ConsoleView view;
        view.resize(640, 400);
        view.show();
        QByteArray burst;
        for (int i = 0; i < 20000; ++i)
            burst += "line " + QByteArray::number(i) + " of a long console burst\r\n";
        burst += "END-OF-BURST\r\n";
        QVERIFY(burst.size() > 512 * 1024);
        view.feed(burst);
        QVERIFY(view.pendingBytes() > 0); // the pty did not take it all
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingBytes(), qsizetype(0), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(view.screenText().contains(QStringLiteral("END-OF-BURST")), 20000);
        QVERIFY(view.transcript().endsWith("END-OF-BURST\r\n"));
    }

    void shortcutsDoNotClash()
    {
        // Every action of the main window, a domain's tab (XML editor,
        // console, screenshot) included: no two share a key, and none takes
        // a standard key (QKeySequence::StandardKey) for something else,
        // such as Ctrl+P (print) for pausing.
        QTemporaryDir config;
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("verx-test-shortcuts"));
        MainWindow window;
        HostSession session(
            SavedConnection{QStringLiteral("test:///default"), {}, false, false, {}});
        AppSettings settings;
        window.workspace()->addTab(new DomainDetailsPage(&session, QByteArray(16, 'x'), settings),
                                   QStringLiteral("details"));
        // The standard keys the actions are meant to have.
        const QHash<QString, QKeySequence::StandardKey> intended{
            {QStringLiteral("Add Connection"), QKeySequence::New},
            {QStringLiteral("Open Details"), QKeySequence::Open},
            {QStringLiteral("Find"), QKeySequence::Find},
            {QStringLiteral("Delete"), QKeySequence::Delete},
            {QStringLiteral("Close Tab"), QKeySequence::Close},
            {QStringLiteral("Preferences"), QKeySequence::Preferences},
            {QStringLiteral("Quit"), QKeySequence::Quit},
            {QStringLiteral("Find next"), QKeySequence::FindNext},
            {QStringLiteral("Find previous"), QKeySequence::FindPrevious},
            {QStringLiteral("Apply"), QKeySequence::Save},
            {QStringLiteral("Refresh"), QKeySequence::Refresh},
            {QStringLiteral("Save as PNG"), QKeySequence::SaveAs},
        };
        const QMetaEnum standardKeys = QMetaEnum::fromType<QKeySequence::StandardKey>();
        QHash<QKeySequence, QString> owner;
        for (QAction *a : window.findChildren<QAction *>()) {
            QString name = a->text();
            name.remove(QLatin1Char('&')).remove(QChar(0x2026));
            for (const QKeySequence &key : a->shortcuts()) {
                QVERIFY2(!owner.contains(key),
                         qPrintable(QStringLiteral("%1: %2 and %3")
                                        .arg(key.toString(), owner.value(key), name)));
                owner.insert(key, name);
                for (int i = 0; i < standardKeys.keyCount(); ++i) {
                    const auto standard = QKeySequence::StandardKey(standardKeys.value(i));
                    if (standard == QKeySequence::UnknownKey ||
                        !QKeySequence::keyBindings(standard).contains(key))
                        continue;
                    QVERIFY2(intended.value(name, QKeySequence::UnknownKey) == standard,
                             qPrintable(QStringLiteral("%1 has %2, the key of %3")
                                            .arg(name, key.toString(),
                                                 QLatin1String(standardKeys.key(i)))));
                }
            }
        }
        // The window's actions and the tab's own ones all took part.
        const QList<QString> owners = owner.values();
        for (int id = 0; id < MainWindow::ActionCount; ++id) {
            QString name = window.action(MainWindow::ActionId(id))->text();
            name.remove(QLatin1Char('&')).remove(QChar(0x2026));
            QVERIFY2(window.action(MainWindow::ActionId(id))->shortcut().isEmpty() ||
                         owners.contains(name),
                     qPrintable(name));
        }
        for (const char *name :
             {"Copy", "Paste", "Find next", "Find previous", "Apply", "Refresh", "Save as PNG"})
            QVERIFY2(owners.contains(QLatin1String(name)), name);
        QCOMPARE(owner.value(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)),
                 QStringLiteral("Copy"));
        QCOMPARE(owner.value(window.action(MainWindow::Pause)->shortcut()),
                 QStringLiteral("Pause"));
    }

    void windowStateRestored()
    {
        QTemporaryDir config;
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("verx-test-window"));
        QList<int> sizes;
        QSize size;
        {
            MainWindow first;
            first.show();
            first.resize(700, 500); // within the offscreen screen (800x600)
            auto *splitter = first.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
            QVERIFY(splitter);
            splitter->setSizes({233, 400});
            QTest::qWait(0);
            sizes = splitter->sizes();
            size = first.size();
            QVERIFY(first.close()); // saves the state
        }
        MainWindow second;
        second.show();
        auto *splitter = second.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        QCOMPARE(second.size(), size);
        QCOMPARE(splitter->sizes(), sizes);
    }

    void secretsAreNotedPerConnection()
    {
        // Only key names are noted (for removing a connection's secrets),
        // per URI; a URI that is a prefix of another does not match it.
        QTemporaryDir config;
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("verx-test-keys"));
        const QString a = QStringLiteral("qemu+ssh://h1/system");
        const QString b = QStringLiteral("qemu+ssh://h1/system2");
        PasswordStore::noteKey(PasswordStore::keyFor(a, QStringLiteral("Password:")));
        PasswordStore::noteKey(PasswordStore::keyFor(a, QStringLiteral("Passphrase:")));
        PasswordStore::noteKey(PasswordStore::keyFor(a, QStringLiteral("Password:")));
        PasswordStore::noteKey(PasswordStore::keyFor(b, QStringLiteral("Password:")));
        QCOMPARE(PasswordStore::keysFor(a).size(), 2);
        QCOMPARE(PasswordStore::keysFor(b),
                 QStringList{PasswordStore::keyFor(b, QStringLiteral("Password:"))});
        PasswordStore::forgetKey(PasswordStore::keyFor(a, QStringLiteral("Password:")));
        QCOMPARE(PasswordStore::keysFor(a),
                 QStringList{PasswordStore::keyFor(a, QStringLiteral("Passphrase:"))});
    }

    void germanTranslation()
    {
        QVERIFY(Translations::install(qApp, QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(DomainTableModel().headerData(DomainTableModel::State, Qt::Horizontal).toString(),
                 QStringLiteral("Zustand"));
        AddConnectionDialog dialog;
        QCOMPARE(dialog.windowTitle(), QStringLiteral("Verbindung hinzufügen"));
    }

    void consoleSettingsApplyAndPersist()
    {
        // The preferences offer QTermWidget's colour schemes and the
        // monospaced fonts; what the user picks applies to the consoles
        // already open and is kept for the next run.
        QTemporaryDir config;
        qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("verx-test-console-settings"));
        MainWindow window;
        window.show();
        HostSession session(
            SavedConnection{QStringLiteral("test:///default"), {}, false, false, {}});
        auto *page = new DomainDetailsPage(&session, QByteArray(16, 'x'), AppSettings::load());
        window.workspace()->addTab(page, QStringLiteral("details"));
        window.workspace()->setCurrentWidget(page);
        ConsoleView *view = page->consolePage()->view();
        QVERIFY(view);

        // The colour the terminal paints where nothing is written.
        auto background = [view] {
            const QImage image = view->terminal()->grab().toImage();
            return image.pixelColor(image.width() / 2, image.height() / 2);
        };
        auto choose = [&window](const QString &scheme, int fontSize, QString *family,
                                QString *why) {
            window.action(MainWindow::Preferences)->trigger();
            SettingsDialog *dialog = nullptr;
            for (QWidget *w : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<SettingsDialog *>(w); d && d->isVisible())
                    dialog = d;
            auto *schemes =
                dialog ? dialog->findChild<QComboBox *>(QStringLiteral("consoleColorScheme"))
                       : nullptr;
            auto *font = dialog ? dialog->findChild<QFontComboBox *>(QStringLiteral("consoleFont"))
                                : nullptr;
            auto *size =
                dialog ? dialog->findChild<QSpinBox *>(QStringLiteral("consoleFontSize")) : nullptr;
            if (!schemes || !font || !size) {
                *why = QStringLiteral("no preferences dialog with font, size and colour scheme");
                return false;
            }
            QStringList offered;
            for (int i = 0; i < schemes->count(); ++i)
                offered << schemes->itemText(i);
            QStringList available = QTermWidget::availableColorSchemes();
            available.sort();
            if (offered != available) {
                *why = QStringLiteral("offered %1, QTermWidget has %2")
                           .arg(offered.join(QLatin1Char(',')), available.join(QLatin1Char(',')));
                return false;
            }
            schemes->setCurrentText(scheme);
            // Another monospaced font than the one shown, when there is one.
            font->setCurrentIndex((font->currentIndex() + 1) % font->count());
            *family = font->currentFont().family();
            size->setValue(fontSize);
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            return true;
        };
        QString family, why;
        QVERIFY2(choose(QStringLiteral("BlackOnWhite"), 17, &family, &why), qPrintable(why));
        QCOMPARE(view->terminal()->getTerminalFont().pointSize(), 17);
        QCOMPARE(view->terminal()->getTerminalFont().family(), family);
        QTRY_COMPARE(background(), QColor(Qt::white));
        QVERIFY2(choose(QStringLiteral("WhiteOnBlack"), 13, &family, &why), qPrintable(why));
        QCOMPARE(view->terminal()->getTerminalFont().pointSize(), 13);
        QCOMPARE(view->terminal()->getTerminalFont().family(), family);
        QTRY_COMPARE(background(), QColor(Qt::black));

        // Kept: the next run's consoles start with them.
        const AppSettings saved = AppSettings::load();
        QCOMPARE(saved.consoleColorScheme, QStringLiteral("WhiteOnBlack"));
        QCOMPARE(saved.consoleFont.pointSize(), 13);
        QCOMPARE(saved.consoleFont.family(), family);
        ConsoleView next;
        next.applySettings(saved);
        QCOMPARE(next.terminal()->getTerminalFont().pointSize(), 13);
        QCOMPARE(next.terminal()->getTerminalFont().family(), family);
    }
};

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
