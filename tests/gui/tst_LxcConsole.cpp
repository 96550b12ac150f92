// SPDX-License-Identifier: GPL-2.0-or-later
// verx-manager's serial console for a libvirt LXC container: the fixture's
// container (lxc:///) runs busybox's shell on its console, with a host
// directory passed through at /share.
#include "ConsolePage.h"
#include "ConsoleView.h"
#include "DomainDetailsPage.h"
#include "DomainRecord.h"
#include "DomainState.h"
#include "DomainTableModel.h"
#include "FailureWatch.h"
#include "HostSession.h"
#include "MainWindow.h"

#include <FixtureEnv.h>

#include <QAction>
#include <QCheckBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace verx::manager;
using namespace Qt::StringLiterals;

namespace {
constexpr int Wait = 30000;
} // namespace

class TestLxcConsole : public QObject
{
    Q_OBJECT

    verx::test::FixtureEnv m_env;
    QTemporaryDir m_config;
    MainWindow *m_window = nullptr;
    verx::test::FailureWatch m_watch;

    QString env(const char *key) const { return m_env[key]; }

    bool waitFor(const std::function<bool()> &cond, const char *what, QString *why)
    {
        return m_watch.waitFor(cond, what, why, Wait);
    }

    void watchSession(HostSession *s) { m_watch.watchSession(s); }
    void watchConsole(ConsolePage *console)
    {
        connect(console, &ConsolePage::detached, m_watch.context(),
                [this](const QString &reason) { m_watch.record(u"console ended: "_s + reason); });
    }

    // With VERX_SAVE_SCREENSHOTS (gui.lxc_screenshots, under Xvfb): a PNG
    // of w's window in $VERX_SCREENSHOT_DIR.
    bool saveSnapshot(QWidget *w, const QString &name, QString *why)
    {
        if (qEnvironmentVariableIsEmpty("VERX_SAVE_SCREENSHOTS"))
            return true;
        const QString dir = qEnvironmentVariable("VERX_SCREENSHOT_DIR");
        if (dir.isEmpty() || !QDir().mkpath(dir)) {
            *why = u"no screenshot directory: "_s + dir;
            return false;
        }
        QTest::qWait(300); // let the window paint
        const QString file = QDir(dir).filePath(name + u".png"_s);
        if (!w->window()->grab().save(file)) {
            *why = u"cannot save "_s + file;
            return false;
        }
        qInfo("saved %s", qPrintable(file));
        return true;
    }

    // Types command into the console until the transcript shows expected
    // on a line of its own making (busybox's line editor queries the
    // terminal at each prompt and may swallow what comes meanwhile).
    bool typeUntil(ConsolePage *console, const QByteArray &command, const QByteArray &expected)
    {
        for (int i = 0; i < 5 && !console->view()->transcript().contains(expected); ++i) {
            console->send(command + '\r');
            (void)QTest::qWaitFor(
                [&] {
                    return !m_watch.failures().isEmpty() ||
                           console->view()->transcript().contains(expected);
                },
                5000);
        }
        return console->view()->transcript().contains(expected);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_env.isValid(), qPrintable(m_env.error()));
        // The fixture starts the container or says why it could not.
        QVERIFY2(
            env("VERX_LXC_ERROR").isEmpty(),
            qPrintable(u"the fixture's LXC container did not start: "_s + env("VERX_LXC_ERROR")));
        QVERIFY(!env("VERX_URI_LXC").isEmpty());
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        QCoreApplication::setOrganizationName(u"verx-test"_s);
        QCoreApplication::setApplicationName(u"verx-manager-lxc-test"_s);
        m_window = new MainWindow;
        m_window->resize(1000, 700);
        m_window->show();
    }

    void init() { m_watch.restart(); }

    void cleanup() { m_watch.dropWatches(); }

    void cleanupTestCase() { delete m_window; }

    void containerConsole()
    {
        HostSession *lxc = m_window->openUri(env("VERX_URI_LXC"));
        watchSession(lxc);
        WAIT_FOR(lxc->isPopulated());
        const QString name = env("VERX_LXC_CONTAINER");
        QByteArray uuid;
        for (const DomainRecord &d : lxc->model()->domains())
            if (d.name == name)
                uuid = d.uuid;
        QVERIFY2(!uuid.isEmpty(), qPrintable(name));
        QCOMPARE(lxc->model()->find(uuid)->state, int(DomainState::Running));

        // The user selects the container and opens its serial console.
        m_window->selectSession(lxc);
        m_window->selectDomains({uuid});
        QAction *consoleAction = m_window->action(MainWindow::Console);
        WAIT_FOR(consoleAction->isEnabled());
        consoleAction->trigger();
        auto *page = qobject_cast<DomainDetailsPage *>(m_window->workspace()->currentWidget());
        QVERIFY(page);
        ConsolePage *console = page->consolePage();
        QCOMPARE(page->currentWidget(), console);
        // LXC consoles cannot be taken over: the option is off.
        auto *force = console->findChild<QCheckBox *>();
        QVERIFY(force);
        QVERIFY(!force->isEnabled());
        watchConsole(console);
        // (typeUntil types again while the console is still opening)
        QVERIFY(console->isAttached());
        console->send("\r");
        WAIT_FOR(typeUntil(console, "echo $((6*7))", "\n42"));
        {
            QString why;
            QVERIFY2(saveSnapshot(console, u"lxc-console"_s, &why), qPrintable(why));
        }

        // The host directory passed through at /share: a file written on
        // the host now is read in the container.
        const QString word = QString::number(QRandomGenerator::global()->generate64(), 36);
        const QString file = u"verx-%1.txt"_s.arg(word);
        QFile f(QDir(env("VERX_LXC_SHARE")).filePath(file));
        QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(f.errorString()));
        f.write("shared:" + word.toUtf8() + '\n');
        f.close();
        WAIT_FOR(typeUntil(console, "cat /share/" + file.toUtf8(), "\nshared:" + word.toUtf8()));
        QFile::remove(f.fileName());

        // Disconnect, then reconnect with the page's button.
        m_watch.dropWatches(); // detaching is intended now
        watchSession(lxc);
        QSignalSpy attached(console, &ConsolePage::attached);
        console->detach();
        QVERIFY(!console->isAttached());
        auto *reconnect = console->findChild<QPushButton *>(u"attachConsole"_s);
        QVERIFY(reconnect);
        WAIT_FOR(reconnect->isEnabled());
        watchConsole(console);
        reconnect->click();
        WAIT_FOR(attached.size() == 1);
        WAIT_FOR(typeUntil(console, "echo $((7*8))", "\n56"));

        m_watch.dropWatches();
        console->detach();
        lxc->disconnectFromHost();
        WAIT_FOR(lxc->status() == HostSession::Status::Disconnected);
    }
};

QTEST_MAIN(TestLxcConsole)
#include "tst_LxcConsole.moc"
