// SPDX-License-Identifier: GPL-2.0-or-later
// verx-manager against the real libvirtd fixture: the test driver
// (test+unix:///default) and the QEMU guest on qemu:///system.
#include "AddConnectionDialog.h"
#include "AuthDialog.h"
#include "CommandLine.h"
#include "ConnectionSpec.h"
#include "ConnectionTreeModel.h"
#include "ConsolePage.h"
#include "ConsoleView.h"
#include "DeleteDomainsDialog.h"
#include "DiffDialog.h"
#include "DomainDetailsPage.h"
#include "DomainFilterProxy.h"
#include "DomainState.h"
#include "DomainTableModel.h"
#include "DomainXmlPage.h"
#include "FailureWatch.h"
#include "HostDetailsPage.h"
#include "HostSession.h"
#include "MainWindow.h"
#include "MessageArea.h"
#include "Relay.h"
#include "SavedConnection.h"
#include "ScreenshotPage.h"
#include "ScreenshotView.h"
#include "XmlConflictDialog.h"
#include "XmlEditor.h"
#include "XmlErrorLine.h"

#include <FixtureEnv.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QtEndian>

#include <algorithm>
#include <functional>
#include <memory>

using namespace verx::manager;
using namespace Qt::StringLiterals;

namespace {
// Long enough for a loaded machine under sanitizers; waits also watch the
// failure signals, so a failure ends a wait at once with its message.
constexpr int Wait = 30000;
} // namespace

// Triggers a main-window action once it is enabled (the window updates its
// actions shortly after the selection or a state changes).
#define TRIGGER(id)                                                                                \
    do {                                                                                           \
        WAIT_FOR(m_window->action(MainWindow::id)->isEnabled());                                   \
        m_window->action(MainWindow::id)->trigger();                                               \
    } while (false)

class TestFixture : public QObject
{
    Q_OBJECT
private:
    using Kind = verx::AuthRequest::Kind;

    verx::test::FixtureEnv m_env;
    QTemporaryDir m_config;
    MainWindow *m_window = nullptr;
    HostSession *m_test = nullptr;
    HostSession *m_system = nullptr;
    // Model checks for the whole run: every later event-driven change of
    // the test driver's list and of the side tree is checked too.
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
    std::unique_ptr<QAbstractItemModelTester> m_treeTester;
    // Failures seen while the current test function runs (see WAIT_FOR);
    // the watches live in m_watch, which each test function renews.
    verx::test::FailureWatch m_watch;

    QString uri(const char *key) const { return m_env[key]; }

    template <class Sender, class Signal>
    void failOn(Sender *sender, Signal signal, const QString &what)
    {
        m_watch.failOn(sender, signal, what);
    }
    // Session errors, and a session giving up with an error.
    void watchSession(HostSession *s) { m_watch.watchSession(s); }

    bool waitFor(const std::function<bool()> &cond, const char *what, QString *why)
    {
        return m_watch.waitFor(cond, what, why, Wait);
    }

    QByteArray uuidOf(HostSession *s, const QString &name)
    {
        for (const DomainRecord &d : s->model()->domains())
            if (d.name == name)
                return d.uuid;
        return {};
    }
    int stateOf(HostSession *s, const QString &name)
    {
        const DomainRecord *d = s->model()->find(uuidOf(s, name));
        return d ? d->state : -1;
    }

    // A Relay to the fixture's libvirtd TCP port, and the test driver's URI
    // through it.
    quint16 libvirtTcpPort() const { return quint16(QUrl(uri("VERX_URI_TCP")).port(16509)); }
    QString uriThrough(const Relay &relay) const
    {
        return u"test+tcp://127.0.0.1:%1%2"_s.arg(relay.port())
            .arg(QUrl(uri("VERX_URI_TCP")).path());
    }
    // A session through the relay, not in the window, watched, not connected.
    HostSession *sessionThrough(const Relay &relay)
    {
        auto *session = new HostSession(SavedConnection{uriThrough(relay), {}, false, false, {}},
                                        m_watch.context());
        watchSession(session);
        return session;
    }
#define DISCONNECT(session)                                                                        \
    do {                                                                                           \
        (session)->disconnectFromHost();                                                           \
        WAIT_FOR((session)->status() == HostSession::Status::Disconnected);                        \
    } while (false)

    // Types command on the guest's console until its output shows expected
    // (the guest's line editor may swallow typed input: busybox queries the
    // terminal with ESC[6n at each prompt and may eat what comes meanwhile).
    bool typeUntil(ConsolePage *console, const QByteArray &command, const QByteArray &expected,
                   QString *why)
    {
        auto seen = [&] { return console->view()->transcript().contains(expected); };
        console->send("\r");
        for (int i = 0; i < 5 && !seen(); ++i) {
            console->send(command + '\r');
            (void)QTest::qWaitFor(seen, 5000);
        }
        return waitFor(seen, expected.constData(), why);
    }
#define TYPE_UNTIL(console, command, expected)                                                     \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(typeUntil(console, command, expected, &why_), qPrintable(why_));                  \
    } while (false)

    // Attaches console by attempt() (without take-over) once libvirtd has
    // let go of an earlier stream of it: it releases a detached console
    // asynchronously, so an attempt right after may still find it busy.
    bool attachWhenFree(ConsolePage *console, const std::function<void()> &attempt, QString *why)
    {
        QSignalSpy attached(console, &ConsolePage::attached);
        QSignalSpy ended(console, &ConsolePage::detached);
        for (int i = 0; i < 10; ++i) {
            attempt();
            if (!waitFor([&] { return !attached.isEmpty() || !ended.isEmpty(); },
                         "the console to attach or end", why))
                return false;
            if (!attached.isEmpty())
                return true;
            const QString reason = ended.first().first().toString();
            if (!reason.contains(u"console session"_s, Qt::CaseInsensitive)) {
                *why = u"console: "_s + reason;
                return false;
            }
            qInfo("console still busy: %s", qPrintable(reason));
            ended.clear();
            QTest::qWait(200);
        }
        *why = u"the console stayed busy"_s;
        return false;
    }
#define ATTACH_WHEN_FREE(console, ...)                                                             \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(attachWhenFree(console, __VA_ARGS__, &why_), qPrintable(why_));                   \
    } while (false)

    // Runs virsh without blocking the event loop (the connections under
    // test keep answering keepalives meanwhile). False with the reason in
    // *why when it fails or takes longer than Wait; *out gets its stdout.
    bool virsh(const QStringList &args, QString *why, QString *out = nullptr)
    {
        QProcess p;
        p.start(u"virsh"_s, args);
        if (!p.waitForStarted(Wait)) {
            *why = u"virsh did not start: %1"_s.arg(p.errorString());
            return false;
        }
        QDeadlineTimer deadline(Wait);
        while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(10);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(1000);
            *why = u"virsh %1: no result after %2 ms"_s.arg(args.join(u' ')).arg(Wait);
            return false;
        }
        if (out)
            *out = QString::fromLocal8Bit(p.readAllStandardOutput());
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *why = u"virsh %1 failed (%2): %3"_s.arg(args.join(u' '))
                       .arg(p.exitCode())
                       .arg(QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
            return false;
        }
        return true;
    }
#define VIRSH(...)                                                                                 \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(virsh(__VA_ARGS__, &why_), qPrintable(why_));                                     \
    } while (false)
#define VIRSH_OUT(out, ...)                                                                        \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(virsh(__VA_ARGS__, &why_, &(out)), qPrintable(why_));                             \
    } while (false)

    // "running", "paused", "shut off" as virsh sees it.
    QString virshState(const QString &connection, const QString &domain)
    {
        QString out, why;
        if (!virsh({u"-c"_s, connection, u"domstate"_s, domain}, &why, &out))
            return why;
        return out.trimmed();
    }

    // A test-driver domain defined for one test function.
    bool defineTestDomain(const QString &name, QString *why)
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"d.xml"_s);
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly)) {
            *why = f.errorString();
            return false;
        }
        f.write(u"<domain type='test'><name>%1</name><memory>65536</memory>"
                "<os><type>hvm</type></os></domain>"_s.arg(name)
                    .toUtf8());
        f.close();
        return virsh({u"-c"_s, uri("VERX_URI_TEST"), u"define"_s, file}, why);
    }

// Defines the test-driver domain and waits until the list shows it.
#define DEFINE_TEST_DOMAIN(name)                                                                   \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(defineTestDomain(name, &why_), qPrintable(why_));                                 \
        WAIT_FOR(!uuidOf(m_test, name).isEmpty());                                                 \
    } while (false)

    bool saveSnapshot(QWidget *w, const QString &name, QString *why)
    {
        if (qEnvironmentVariableIsEmpty("VERX_SAVE_SCREENSHOTS"))
            return true;
        const QString dir = qEnvironmentVariable("VERX_SCREENSHOT_DIR");
        QDir().mkpath(dir);
        QTest::qWait(300); // let the window paint
        const QString file = dir + QLatin1Char('/') + name + u".png"_s;
        if (!w->window()->grab().save(file)) {
            *why = u"cannot save "_s + file;
            return false;
        }
        qInfo("saved %s", qPrintable(file));
        return true;
    }
#define SNAPSHOT(widget, name)                                                                     \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(saveSnapshot(widget, name, &why_), qPrintable(why_));                             \
    } while (false)

    template <class Dialog> Dialog *visibleDialog()
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *d = qobject_cast<Dialog *>(w); d && d->isVisible())
                return d;
        return nullptr;
    }

    // The diff an XmlConflictDialog shows, and whether it adds a line with text.
    static QString diffOf(QDialog *dialog)
    {
        auto *view = dialog->findChild<XmlEditor *>();
        return view ? view->toPlainText() : QString();
    }
    static bool addedLine(QDialog *dialog, const QString &text)
    {
        const QStringList lines = diffOf(dialog).split(u'\n');
        return std::any_of(lines.begin(), lines.end(), [&](const QString &l) {
            return l.startsWith(u'+') && l.contains(text);
        });
    }
// Apply on the XML page, which finds the XML changed on the host: the
// conflict dialog opens (into dialog).
#define OPEN_CONFLICT(xml, dialog)                                                                 \
    do {                                                                                           \
        (xml)->apply();                                                                            \
        WAIT_FOR(visibleDialog<XmlConflictDialog>() || visibleDialog<DiffDialog>());               \
        (dialog) = visibleDialog<XmlConflictDialog>();                                             \
        QVERIFY2(dialog, "Apply went on to the diff: it did not see the host's change");           \
    } while (false)
// Clicks the dialog's button of that object name.
#define CLICK(dialog, button)                                                                      \
    do {                                                                                           \
        auto *button_ = (dialog)->findChild<QPushButton *>(QStringLiteral(button));                \
        QVERIFY2(button_, button);                                                                 \
        button_->click();                                                                          \
    } while (false)

    // Answers every open AuthDialog from answers (by kind; the host key
    // kind is accepted when present). A kind without an answer is a
    // failure with the dialog's prompt. *asked records what was asked.
    void answerAuthDialogs(const QHash<Kind, QString> &answers, QList<Kind> *asked)
    {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto *dialog = qobject_cast<AuthDialog *>(w);
            if (!dialog || !dialog->isVisible())
                continue;
            asked->append(dialog->kind());
            if (!answers.contains(dialog->kind())) {
                QStringList labels;
                for (QLabel *l : dialog->findChildren<QLabel *>())
                    labels << l->text();
                m_watch.record(u"unexpected %1 prompt: %2"_s.arg(
                    QString::fromLatin1(
                        QMetaEnum::fromType<Kind>().valueToKey(int(dialog->kind()))),
                    labels.join(u" | "_s)));
                dialog->reject();
                continue;
            }
            if (dialog->kind() != Kind::HostKeyConfirmation) {
                auto *edit = dialog->findChild<QLineEdit *>(u"credential"_s);
                if (!edit) {
                    m_watch.record(u"credential dialog without an input field"_s);
                    dialog->reject();
                    continue;
                }
                edit->setText(answers.value(dialog->kind()));
            }
            dialog->accept();
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_env.isValid(), qPrintable(m_env.error()));
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        QCoreApplication::setOrganizationName(u"verx-test"_s);
        QCoreApplication::setApplicationName(u"verx-manager-test"_s);
        m_window = new MainWindow;
        m_window->resize(1200, 760);
        m_window->show();
    }

    void init()
    {
        m_watch.restart();
        for (HostSession *s : {m_test, m_system})
            if (s)
                watchSession(s);
    }

    void cleanup()
    {
        m_watch.dropWatches();
    }

    void cleanupTestCase()
    {
        m_modelTester.reset();
        m_proxyTester.reset();
        m_treeTester.reset();
        delete m_window;
    }

    void connectsAndListsDomains()
    {
        m_treeTester = std::make_unique<QAbstractItemModelTester>(
            m_window->treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_test = m_window->openUri(uri("VERX_URI_TEST"));
        watchSession(m_test);
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_test->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        WAIT_FOR(m_test->isPopulated());
        QCOMPARE(m_test->status(), HostSession::Status::Connected);
        QVERIFY(!uuidOf(m_test, u"test"_s).isEmpty());
        QCOMPARE(stateOf(m_test, u"test"_s), int(DomainState::Running));
        // The bulk statistics arrive and fill vCPUs and memory.
        WAIT_FOR(m_test->model()->find(uuidOf(m_test, u"test"_s))->vcpus > 0);
        m_window->selectSession(m_test);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(
            m_window->domainProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        WAIT_FOR(m_window->domainProxy()->rowCount() >= 1);
        // The side tree shows the host connected, with its domains.
        const QModelIndex host = m_window->treeModel()->indexOf(m_test);
        QVERIFY(host.isValid());
        QCOMPARE(m_window->treeModel()->rowCount(host), m_test->model()->rowCount());
        // The host tab shows the host facts.
        WAIT_FOR(!m_window->hostDetails()->field(u"libVersion"_s).isEmpty());
        QCOMPARE(m_window->hostDetails()->field(u"driver"_s), u"TEST"_s);
        // Node info as virsh shows it, and the capabilities XML.
        QString nodeinfo;
        VIRSH_OUT(nodeinfo, {u"-c"_s, uri("VERX_URI_TEST"), u"nodeinfo"_s});
        QString cpus;
        for (const QString &line : nodeinfo.split(u'\n'))
            if (line.startsWith(u"CPU(s):"_s))
                cpus = line.mid(7).trimmed();
        QVERIFY2(!cpus.isEmpty(), qPrintable(nodeinfo));
        WAIT_FOR(!m_window->hostDetails()->field(u"cpus"_s).isEmpty());
        QVERIFY2(m_window->hostDetails()->field(u"cpus"_s).startsWith(cpus + u' '),
                 qPrintable(m_window->hostDetails()->field(u"cpus"_s)));
        auto *caps = m_window->hostDetails()->findChild<XmlEditor *>();
        QVERIFY(caps);
        WAIT_FOR(caps->toPlainText().contains(u"<capabilities>"_s));
    }

    void suspendAndResumeThroughGui()
    {
        const QByteArray uuid = uuidOf(m_test, u"test"_s);
        m_window->selectSession(m_test);
        m_window->selectDomains({uuid});
        QCOMPARE(m_window->selectedDomains(), QList<QByteArray>{uuid});
        TRIGGER(Pause);
        WAIT_FOR(stateOf(m_test, u"test"_s) == int(DomainState::Paused));
        QCOMPARE(virshState(uri("VERX_URI_TEST"), u"test"_s), u"paused"_s);
        SNAPSHOT(m_window, u"main-window"_s);
        TRIGGER(Resume);
        WAIT_FOR(stateOf(m_test, u"test"_s) == int(DomainState::Running));
        QCOMPARE(virshState(uri("VERX_URI_TEST"), u"test"_s), u"running"_s);

        // The same from the keyboard (the actions' shortcuts) ...
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        m_window->domainTable()->setFocus();
        WAIT_FOR(m_window->action(MainWindow::Pause)->isEnabled());
        QTest::keySequence(m_window->domainTable(),
                           m_window->action(MainWindow::Pause)->shortcut());
        WAIT_FOR(stateOf(m_test, u"test"_s) == int(DomainState::Paused));
        WAIT_FOR(m_window->action(MainWindow::Resume)->isEnabled());
        QTest::keySequence(m_window->domainTable(),
                           m_window->action(MainWindow::Resume)->shortcut());
        WAIT_FOR(stateOf(m_test, u"test"_s) == int(DomainState::Running));
        // ... and the table's context menu offers the domain actions.
        const QList<QAction *> menu = m_window->domainTable()->actions();
        for (MainWindow::ActionId id :
             {MainWindow::Start, MainWindow::Shutdown, MainWindow::Reboot, MainWindow::ForceOff,
              MainWindow::Pause, MainWindow::Resume, MainWindow::ManagedSave, MainWindow::Delete})
            QVERIFY(menu.contains(m_window->action(id)));
        QCOMPARE(m_window->domainTable()->contextMenuPolicy(), Qt::ActionsContextMenu);
    }

    void listFollowsVirsh()
    {
        const QString c = uri("VERX_URI_TEST");
        VIRSH({u"-c"_s, c, u"suspend"_s, u"test"_s});
        WAIT_FOR(stateOf(m_test, u"test"_s) == int(DomainState::Paused));
        // Statistics refreshes do not poll the state: it stays what the
        // events said.
        QSignalSpy refreshed(m_test, &HostSession::statsApplied);
        m_test->refreshStats();
        WAIT_FOR(refreshed.size() >= 1);
        QCOMPARE(stateOf(m_test, u"test"_s), int(DomainState::Paused));
        VIRSH({u"-c"_s, c, u"resume"_s, u"test"_s});
        WAIT_FOR(stateOf(m_test, u"test"_s) == int(DomainState::Running));
        // A domain defined elsewhere appears; undefined, it goes.
        DEFINE_TEST_DOMAIN(u"verx-gui-new"_s);
        QCOMPARE(stateOf(m_test, u"verx-gui-new"_s), int(DomainState::Shutoff));
        VIRSH({u"-c"_s, c, u"undefine"_s, u"verx-gui-new"_s});
        WAIT_FOR(uuidOf(m_test, u"verx-gui-new"_s).isEmpty());
    }

    void eventsBeforeTheFirstListAreKept()
    {
        // The server registers our event callback, then a domain changes,
        // then it answers the list: the event arrives before the list and
        // must be applied to it, not dropped. The relay orders this: after
        // "connected" it passes the event registration (one packet) and
        // holds the list calls until the change is made.
        Relay relay(libvirtTcpPort());
        HostSession *session = sessionThrough(relay);
        QAbstractItemModelTester tester(session->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(session, &HostSession::statusChanged, m_watch.context(),
                [&relay](HostSession::Status st) {
                    if (st == HostSession::Status::Connected)
                        relay.passThenHoldUpstream(1);
                });
        QSignalSpy events(session, &HostSession::domainEvent);
        int stateWhenPopulated = -1;
        connect(session, &HostSession::populated, m_watch.context(),
                [&] { stateWhenPopulated = stateOf(session, u"test"_s); });
        session->connectToHost();
        WAIT_FOR(session->isConnected() && relay.holdsUpstream());
        QVERIFY(!session->isPopulated());
        VIRSH({u"-c"_s, uri("VERX_URI_TEST"), u"suspend"_s, u"test"_s});
        // Give the event time to arrive (it is queued, not shown: no list yet).
        QTest::qWait(500);
        QVERIFY(!session->isPopulated());
        QCOMPARE(events.size(), 0);
        relay.releaseUpstream();
        WAIT_FOR(session->isPopulated());
        // Right when the list is shown (before any statistics), the state
        // already is the event's.
        QCOMPARE(stateWhenPopulated, int(DomainState::Paused));
        QCOMPARE(events.size(), 1);
        VIRSH({u"-c"_s, uri("VERX_URI_TEST"), u"resume"_s, u"test"_s});
        WAIT_FOR(stateOf(session, u"test"_s) == int(DomainState::Running));
        DISCONNECT(session);
    }

    void olderStatisticsDoNotOverwriteEvents()
    {
        // The statistics taken right after the list (the only ones that
        // carry the state) are answered before a domain changes, but the
        // answer arrives after the change's event: the event wins.
        Relay relay(libvirtTcpPort());
        HostSession *session = sessionThrough(relay);
        // The statistics call goes out right after populated().
        connect(session, &HostSession::populated, m_watch.context(),
                [&relay] { relay.holdReplies(); });
        QSignalSpy statsApplied(session, &HostSession::statsApplied);
        QSignalSpy events(session, &HostSession::domainEvent);
        session->connectToHost();
        WAIT_FOR(session->isPopulated() && relay.holdsReplies());
        QCOMPARE(stateOf(session, u"test"_s), int(DomainState::Running));
        VIRSH({u"-c"_s, uri("VERX_URI_TEST"), u"suspend"_s, u"test"_s});
        WAIT_FOR(events.size() >= 1);
        QCOMPARE(stateOf(session, u"test"_s), int(DomainState::Paused));
        QCOMPARE(statsApplied.size(), 0);
        relay.releaseReplies();
        WAIT_FOR(statsApplied.size() >= 1);
        QCOMPARE(stateOf(session, u"test"_s), int(DomainState::Paused));
        // The test driver's bulk statistics lack vCPUs and memory: the basic
        // info fills them, and leaves the state alone too.
        WAIT_FOR(session->model()->find(uuidOf(session, u"test"_s))->vcpus > 0);
        QCOMPARE(stateOf(session, u"test"_s), int(DomainState::Paused));
        VIRSH({u"-c"_s, uri("VERX_URI_TEST"), u"resume"_s, u"test"_s});
        WAIT_FOR(stateOf(session, u"test"_s) == int(DomainState::Running));
        DISCONNECT(session);
    }

    void basicInfoFallbackIsBounded()
    {
        // A test-driver host with more domains than one refresh may ask
        // about: the bulk statistics lack vCPUs and memory there, and the
        // basic info comes for at most MaxInfoCallsPerRefresh domains per
        // refresh, never one call per domain at once.
        constexpr int count = 2 * HostSession::MaxInfoCallsPerRefresh + 10;
        QTemporaryDir dir(qEnvironmentVariable("VERX_FIXTURE") + u"/gui-node-XXXXXX"_s);
        QVERIFY(dir.isValid());
        QFile node(dir.filePath(u"node.xml"_s));
        QVERIFY(node.open(QIODevice::WriteOnly));
        node.write("<node>\n");
        for (int i = 0; i < count; ++i)
            node.write(u"<domain type='test'><name>info-%1</name><memory>65536</memory>"
                       "<vcpu>2</vcpu><os><type>hvm</type></os></domain>\n"_s.arg(i)
                           .toUtf8());
        node.write("</node>\n");
        node.close();
        auto *session = new HostSession(
            SavedConnection{
                u"test+unix://"_s + QFileInfo(node).absoluteFilePath(), {}, false, false, {}},
            m_watch.context());
        session->setStatsInterval(3600); // refreshes by hand only
        watchSession(session);
        auto withInfo = [session] {
            int n = 0;
            for (const DomainRecord &d : session->model()->domains())
                n += d.vcpus > 0;
            return n;
        };
        session->connectToHost();
        WAIT_FOR(session->isPopulated());
        QCOMPARE(session->model()->rowCount(), count);
        for (int expected : {HostSession::MaxInfoCallsPerRefresh,
                             2 * HostSession::MaxInfoCallsPerRefresh, count}) {
            WAIT_FOR(withInfo() >= expected);
            QTest::qWait(300); // more answers would have come by now
            QCOMPARE(withInfo(), expected);
            QSignalSpy applied(session, &HostSession::statsApplied);
            session->refreshStats();
            WAIT_FOR(applied.size() >= 1);
        }
        for (const DomainRecord &d : session->model()->domains())
            QCOMPARE(d.vcpus, 2u);
        DISCONNECT(session);
    }

    void actionsOnManyDomains()
    {
        QList<QByteArray> uuids;
        for (int i = 0; i < 3; ++i) {
            const QString name = u"verx-multi-%1"_s.arg(i);
            DEFINE_TEST_DOMAIN(name);
            uuids.append(uuidOf(m_test, name));
        }
        m_window->messages()->clear();
        m_window->selectSession(m_test);
        m_window->filterEdit()->setText(u"MULTI"_s);
        QCOMPARE(m_window->domainProxy()->rowCount(), 3);
        m_window->domainTable()->selectAll();
        QCOMPARE(m_window->selectedDomains().size(), 3);
        WAIT_FOR(m_window->action(MainWindow::Start)->isEnabled());
        QVERIFY(!m_window->action(MainWindow::Pause)->isEnabled());
        TRIGGER(Start);
        for (int i = 0; i < 3; ++i)
            WAIT_FOR(stateOf(m_test, u"verx-multi-%1"_s.arg(i)) == int(DomainState::Running));
        TRIGGER(ForceOff);
        for (int i = 0; i < 3; ++i)
            WAIT_FOR(stateOf(m_test, u"verx-multi-%1"_s.arg(i)) == int(DomainState::Shutoff));
        // Delete through the confirmation dialog.
        TRIGGER(Delete);
        auto *dialog = visibleDialog<DeleteDomainsDialog>();
        QVERIFY(dialog);
        auto *confirm = dialog->findChild<QPushButton *>(u"confirmDelete"_s);
        QVERIFY(confirm);
        confirm->click();
        for (int i = 0; i < 3; ++i)
            WAIT_FOR(uuidOf(m_test, u"verx-multi-%1"_s.arg(i)).isEmpty());
        QCOMPARE(m_window->domainProxy()->rowCount(), 0);
        m_window->filterEdit()->clear();
        QCOMPARE(m_window->domainProxy()->rowCount(), m_test->model()->rowCount());
        // Each result was reported in the message area (3 started, 3 forced
        // off, 3 deleted; repeats of one text fold), and no dialog opened.
        QStringList texts;
        for (int i = 0; i < m_window->messages()->count(); ++i)
            texts << m_window->messages()->textAt(i);
        for (int i = 0; i < 3; ++i)
            for (const QString &what : {u"started"_s, u"forced off"_s, u"deleted"_s}) {
                const QString expected = u"verx-multi-%1 %2"_s.arg(i).arg(what);
                QVERIFY2(texts.contains(expected), qPrintable(texts.join(u'\n')));
            }
        QVERIFY(!visibleDialog<QDialog>());
    }

    void shutdownRebootAndManagedSave()
    {
        const QString c = uri("VERX_URI_TEST");
        const QString name = u"verx-gui-life"_s;
        DEFINE_TEST_DOMAIN(name);
        const QByteArray uuid = uuidOf(m_test, name);
        m_window->selectSession(m_test);
        m_window->selectDomains({uuid});
        TRIGGER(Start);
        WAIT_FOR(stateOf(m_test, name) == int(DomainState::Running));
        QCOMPARE(virshState(c, name), u"running"_s);

        // Reboot: it comes back running.
        m_window->messages()->clear();
        TRIGGER(Reboot);
        WAIT_FOR(m_window->messages()->count() >= 1);
        QCOMPARE(m_window->messages()->textAt(0), name + u" is rebooting"_s);
        WAIT_FOR(stateOf(m_test, name) == int(DomainState::Running));
        QCOMPARE(virshState(c, name), u"running"_s);

        // Shut down: off.
        TRIGGER(Shutdown);
        WAIT_FOR(stateOf(m_test, name) == int(DomainState::Shutoff));
        QCOMPARE(virshState(c, name), u"shut off"_s);

        // Managed save: off, with a saved image libvirt knows about.
        TRIGGER(Start);
        WAIT_FOR(stateOf(m_test, name) == int(DomainState::Running));
        TRIGGER(ManagedSave);
        WAIT_FOR(stateOf(m_test, name) == int(DomainState::Shutoff));
        QString saved;
        VIRSH_OUT(saved,
                  {u"-c"_s, c, u"list"_s, u"--all"_s, u"--name"_s, u"--with-managed-save"_s});
        QVERIFY2(saved.split(u'\n').contains(name), qPrintable(saved));

        // Delete without "remove the managed save image": libvirt refuses,
        // the error goes to the message area, the domain stays.
        m_window->messages()->clear();
        TRIGGER(Delete);
        auto *dialog = visibleDialog<DeleteDomainsDialog>();
        QVERIFY(dialog);
        auto *managedSave = dialog->findChild<QCheckBox *>(u"removeManagedSave"_s);
        QVERIFY(managedSave && managedSave->isChecked());
        managedSave->setChecked(false);
        QCOMPARE(dialog->flags() & HostSession::UndefineManagedSave, 0u);
        dialog->findChild<QPushButton *>(u"confirmDelete"_s)->click();
        m_watch.dropWatches(); // the refusal is expected
        WAIT_FOR(m_window->messages()->count() >= 1);
        QVERIFY2(m_window->messages()->textAt(0).startsWith(name + u": "_s),
                 qPrintable(m_window->messages()->textAt(0)));
        QVERIFY(!uuidOf(m_test, name).isEmpty());
        watchSession(m_test);
        // With it (the default): gone, image and all.
        m_window->selectDomains({uuid});
        TRIGGER(Delete);
        dialog = visibleDialog<DeleteDomainsDialog>();
        QVERIFY(dialog);
        dialog->findChild<QPushButton *>(u"confirmDelete"_s)->click();
        WAIT_FOR(uuidOf(m_test, name).isEmpty());
        QString all;
        VIRSH_OUT(all, {u"-c"_s, c, u"list"_s, u"--all"_s, u"--name"_s});
        QVERIFY2(!all.split(u'\n').contains(name), qPrintable(all));
    }

    void xmlEditApplyAndReject()
    {
        const QByteArray uuid = uuidOf(m_test, u"test"_s);
        DomainDetailsPage *page = m_window->openDetails(m_test, uuid);
        QVERIFY(page);
        DomainXmlPage *xml = page->xmlPage();
        failOn(xml, &DomainXmlPage::applyFailed, u"apply"_s);
        WAIT_FOR(!xml->originalXml().isEmpty());
        QVERIFY(xml->originalXml().contains(u"<name>test</name>"_s));
        // A good edit: a description. Apply shows the diff first; nothing
        // is defined until it is confirmed.
        QString text = xml->originalXml();
        const QString marker = u"verx GUI test %1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        text.replace(u"<name>test</name>"_s,
                     u"<name>test</name>\n  <description>%1</description>"_s.arg(marker));
        xml->editor()->setPlainText(text);
        QSignalSpy applied(xml, &DomainXmlPage::applied);
        QSignalSpy loaded(xml, &DomainXmlPage::loaded);
        xml->apply(); // (after fetching the host's XML: it is unchanged)
        WAIT_FOR(visibleDialog<DiffDialog>());
        auto *diff = visibleDialog<DiffDialog>();
        auto *diffView = diff->findChild<XmlEditor *>();
        QVERIFY(diffView);
        QVERIFY2(
            diffView->toPlainText().contains(u"+  <description>%1</description>"_s.arg(marker)),
            qPrintable(diffView->toPlainText()));
        QTest::qWait(100);
        QCOMPARE(applied.size(), 0);
        QVERIFY(!xml->originalXml().contains(marker));
        auto *buttons = diff->findChild<QDialogButtonBox *>();
        QVERIFY(buttons && buttons->button(QDialogButtonBox::Apply));
        buttons->button(QDialogButtonBox::Apply)->click();
        WAIT_FOR(applied.size() == 1);
        WAIT_FOR(loaded.size() >= 1);
        QVERIFY(xml->originalXml().contains(marker));
        QVERIFY(xml->errorText().isEmpty());
        QString dumped;
        VIRSH_OUT(dumped,
                  {u"-c"_s, uri("VERX_URI_TEST"), u"dumpxml"_s, u"--inactive"_s, u"test"_s});
        QVERIFY(dumped.contains(marker));
        SNAPSHOT(xml, u"xml-editor"_s);

        // A bad edit: rejected, the edit stays with libvirt's message, and
        // the editor goes to the line libvirt names.
        m_watch.dropWatches(); // this failure is expected
        watchSession(m_test);
        QString bad = xml->originalXml();
        bad.replace(u"<memory"_s, u"<memoryy"_s);
        const int badLine = int(bad.left(bad.indexOf(u"<memoryy"_s)).count(u'\n')) + 1;
        xml->editor()->setPlainText(bad);
        QSignalSpy failed(xml, &DomainXmlPage::applyFailed);
        xml->applyNow();
        WAIT_FOR(failed.size() == 1);
        QCOMPARE(xml->editor()->toPlainText(), bad);
        QVERIFY(!xml->errorText().isEmpty());
        qInfo("libvirt said: %s", qPrintable(xml->errorText()));
        const int named = XmlErrorLine::find(failed.first().first().toString());
        QVERIFY2(named > 0, qPrintable(xml->errorText()));
        // libxml2 reports the mismatch at the end tag, on the same line.
        QCOMPARE(named, badLine);
        QCOMPARE(xml->editor()->errorLine(), badLine);
        QCOMPARE(xml->editor()->textCursor().blockNumber() + 1, badLine);
        QVERIFY(xml->errorText().contains(u"line %1"_s.arg(badLine)));
        xml->revert();
        QCOMPARE(xml->editor()->toPlainText(), xml->originalXml());
        QCOMPARE(xml->editor()->errorLine(), 0);

        // Someone else redefines the domain while we edit: we are told, and
        // the edit stays.
        const QString mine = xml->originalXml() + u"<!-- my edit -->\n"_s;
        xml->editor()->setPlainText(mine);
        QSignalSpy underneath(xml, &DomainXmlPage::changedUnderneath);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"other.xml"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QString other = xml->originalXml();
        other.replace(marker, marker + u" (changed elsewhere)"_s);
        f.write(other.toUtf8());
        f.close();
        VIRSH({u"-c"_s, uri("VERX_URI_TEST"), u"define"_s, file});
        WAIT_FOR(underneath.size() == 1);
        QCOMPARE(xml->editor()->toPlainText(), mine);
        // The edit keeps the XML it began with; Apply shows what changed
        // on the host, and the user takes the host's version.
        QVERIFY(!xml->originalXml().contains(u"(changed elsewhere)"_s));
        XmlConflictDialog *conflict = nullptr;
        OPEN_CONFLICT(xml, conflict);
        QVERIFY2(addedLine(conflict, marker + u" (changed elsewhere)"_s),
                 qPrintable(diffOf(conflict)));
        CLICK(conflict, "loadHost");
        QVERIFY(xml->originalXml().contains(u"(changed elsewhere)"_s));
        QCOMPARE(xml->editor()->toPlainText(), xml->originalXml());
        QVERIFY(!xml->isModified());
    }

    void xmlApplyWarnsOfChangeUnderneath()
    {
        // An inactive domain; the user edits its title while someone sets
        // its description with virsh (no lifecycle event tells): Apply
        // fetches the host's XML first and lets the user choose.
        const QString c = uri("VERX_URI_TEST");
        const QString name = u"verx-gui-xml"_s;
        DEFINE_TEST_DOMAIN(name);
        DomainDetailsPage *page = m_window->openDetails(m_test, uuidOf(m_test, name));
        QVERIFY(page);
        DomainXmlPage *xml = page->xmlPage();
        failOn(xml, &DomainXmlPage::applyFailed, u"apply"_s);
        WAIT_FOR(xml->originalXml().contains(name));
        const QString nameTag = u"<name>%1</name>"_s.arg(name);
        QString mine = xml->originalXml();
        mine.replace(nameTag, nameTag + u"\n  <title>my title</title>"_s);
        xml->editor()->setPlainText(mine);
        VIRSH({u"-c"_s, c, u"desc"_s, name, u"--config"_s, u"--new-desc"_s, u"set by virsh"_s});
        QSignalSpy applied(xml, &DomainXmlPage::applied);

        // Keep editing: nothing is applied, the edit stays.
        XmlConflictDialog *conflict = nullptr;
        OPEN_CONFLICT(xml, conflict);
        QVERIFY2(addedLine(conflict, u"<description>set by virsh</description>"_s),
                 qPrintable(diffOf(conflict)));
        CLICK(conflict, "keepEditing");
        QTest::qWait(100);
        QVERIFY(!visibleDialog<DiffDialog>());
        QCOMPARE(applied.size(), 0);
        QCOMPARE(xml->editor()->toPlainText(), mine);

        // Apply anyway: the diff is against the host's XML now (the
        // description goes), and what is defined is the edit.
        OPEN_CONFLICT(xml, conflict);
        CLICK(conflict, "applyMine");
        WAIT_FOR(visibleDialog<DiffDialog>());
        const QString diff = visibleDialog<DiffDialog>()->findChild<XmlEditor *>()->toPlainText();
        QVERIFY2(diff.contains(u"-  <description>set by virsh</description>"_s), qPrintable(diff));
        QVERIFY2(diff.contains(u"+  <title>my title</title>"_s), qPrintable(diff));
        visibleDialog<DiffDialog>()
            ->findChild<QDialogButtonBox *>()
            ->button(QDialogButtonBox::Apply)
            ->click();
        WAIT_FOR(applied.size() == 1);
        WAIT_FOR(xml->originalXml().contains(u"my title"_s));
        QString dumped;
        VIRSH_OUT(dumped, {u"-c"_s, c, u"dumpxml"_s, u"--inactive"_s, name});
        QVERIFY2(dumped.contains(u"<title>my title</title>"_s) &&
                     !dumped.contains(u"set by virsh"_s),
                 qPrintable(dumped));

        // Changed again meanwhile: this time the user takes the host's.
        QString second = xml->originalXml();
        second.replace(u"my title"_s, u"my second title"_s);
        xml->editor()->setPlainText(second);
        VIRSH({u"-c"_s, c, u"desc"_s, name, u"--config"_s, u"--new-desc"_s, u"virsh again"_s});
        OPEN_CONFLICT(xml, conflict);
        CLICK(conflict, "loadHost");
        QVERIFY(xml->originalXml().contains(u"virsh again"_s));
        QVERIFY(xml->originalXml().contains(u"<title>my title</title>"_s));
        QCOMPARE(xml->editor()->toPlainText(), xml->originalXml());
        QCOMPARE(applied.size(), 1);

        m_window->closeDetailsTab(m_window->workspace()->indexOf(page));
        VIRSH({u"-c"_s, c, u"undefine"_s, name});
        WAIT_FOR(uuidOf(m_test, name).isEmpty());
    }

    void testDriverScreenshot()
    {
        const QByteArray uuid = uuidOf(m_test, u"test"_s);
        DomainDetailsPage *page = m_window->openDetails(m_test, uuid);
        QVERIFY(page);
        ScreenshotPage *shots = page->screenshotPage();
        failOn(shots, &ScreenshotPage::screenshotFailed, u"screenshot"_s);
        QSignalSpy shown(shots, &ScreenshotPage::screenshotShown);
        page->showScreenshot();
        WAIT_FOR(shown.size() == 1);
        const QImage image = shots->view()->image();
        QVERIFY(!image.isNull());
        QCOMPARE(shots->view()->mimeType(), u"image/png"_s);
        // The same picture libvirt's own client gets.
        QTemporaryDir dir;
        const QString file = dir.filePath(u"virsh.png"_s);
        VIRSH({u"-c"_s, uri("VERX_URI_TEST"), u"screenshot"_s, u"test"_s, file});
        QCOMPARE(image.size(), QImage(file).size());
        // Auto-refresh takes new screenshots by itself, until switched off.
        WAIT_FOR(!shots->isBusy());
        shots->view()->setAutoRefresh(true, 1);
        WAIT_FOR(shown.size() >= 3);
        shots->view()->setAutoRefresh(false);
        WAIT_FOR(!shots->isBusy());
        const qsizetype after = shown.size();
        QTest::qWait(2500); // two intervals: nothing more comes
        QCOMPARE(shown.size(), after);
    }

    void addConnectionThroughDialog()
    {
        // The user fills in the dialog: test driver, TCP, the fixture's host.
        const QUrl tcp(uri("VERX_URI_TCP"));
        const QList<HostSession *> before = m_window->sessions();
        m_window->action(MainWindow::AddConnection)->trigger();
        auto *dialog = visibleDialog<AddConnectionDialog>();
        QVERIFY(dialog);
        auto *hv = dialog->findChild<QComboBox *>(u"hypervisor"_s);
        auto *transport = dialog->findChild<QComboBox *>(u"transport"_s);
        auto *host = dialog->findChild<QLineEdit *>(u"host"_s);
        auto *port = dialog->findChild<QSpinBox *>(u"port"_s);
        auto *name = dialog->findChild<QLineEdit *>(u"name"_s);
        QVERIFY(hv && transport && host && port && name);
        hv->setCurrentIndex(hv->findData(int(ConnectionSpec::Hypervisor::Test)));
        transport->setCurrentIndex(transport->findData(int(ConnectionSpec::Transport::Tcp)));
        QTest::keyClicks(host, tcp.host());
        if (tcp.port() > 0)
            port->setValue(tcp.port());
        QTest::keyClicks(name, u"verx dialog test"_s);
        QVERIFY2(dialog->uriError().isEmpty(), qPrintable(dialog->uriError()));
        QCOMPARE(dialog->uri(), tcp.toString());
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Ok)->click();

        // A new host, selected, connected with its list; saved.
        QCOMPARE(m_window->sessions().size(), before.size() + 1);
        HostSession *added = m_window->sessions().last();
        QVERIFY(!before.contains(added));
        watchSession(added);
        QCOMPARE(m_window->currentSession(), added);
        QCOMPARE(added->displayName(), u"verx dialog test"_s);
        WAIT_FOR(added->isPopulated());
        QVERIFY(!uuidOf(added, u"test"_s).isEmpty());
        QCOMPARE(m_window->domainProxy()->sourceModel(), added->model());
        bool stored = false;
        for (const SavedConnection &c : ConnectionStore::load())
            stored |= c.uri == tcp.toString() && c.name == u"verx dialog test"_s;
        QVERIFY(stored);

        // Removing it disconnects and forgets it.
        m_window->action(MainWindow::RemoveConnection)->trigger();
        QVERIFY(!m_window->sessions().contains(added));
        for (const SavedConnection &c : ConnectionStore::load())
            QVERIFY(c.uri != tcp.toString());
    }

    void connectionsAtStart()
    {
        // What main() does: a saved connection with autoconnect, --connect
        // and a positional URI (the desktop file's %U).
        SavedConnection saved;
        saved.uri = uri("VERX_URI_TCP");
        saved.name = u"saved at start"_s;
        saved.autoconnect = true;
        SavedConnection manual;
        manual.uri = uri("VERX_URI_TCP6");
        manual.name = u"not automatic"_s;
        ConnectionStore::save({saved, manual});
        CommandLine commandLine;
        QVERIFY2(commandLine.parse({u"verx-manager"_s, u"--connect"_s, uri("VERX_URI_TEST"),
                                    uri("VERX_URI_SSH")}),
                 qPrintable(commandLine.errorText()));
        MainWindow window;
        window.openAtStart(commandLine);
        QStringList uris;
        for (HostSession *s : window.sessions()) {
            uris << s->saved().uri;
            watchSession(s);
        }
        QCOMPARE(uris,
                 (QStringList{saved.uri, manual.uri, uri("VERX_URI_TEST"), uri("VERX_URI_SSH")}));
        const QList<HostSession *> sessions = window.sessions();
        QCOMPARE(sessions.at(1)->status(), HostSession::Status::Disconnected);
        for (int i : {0, 2, 3})
            WAIT_FOR(sessions.at(i)->isPopulated());
        for (int i : {0, 2, 3})
            QVERIFY(!uuidOf(sessions.at(i), u"test"_s).isEmpty());
        QCOMPARE(sessions.at(1)->status(), HostSession::Status::Disconnected);
        for (HostSession *s : sessions)
            s->disconnectFromHost();
        ConnectionStore::save({});
    }

    void credentialsThroughDialogs()
    {
        // SASL asks for a user name and a password: each request opens an
        // AuthDialog; the user types the answers.
        HostSession *sasl = m_window->openUri(uri("VERX_URI_SASL"));
        watchSession(sasl);
        WAIT_FOR(visibleDialog<AuthDialog>() || sasl->isConnected());
        QCOMPARE(sasl->status(), HostSession::Status::AuthNeeded);
        // The side tree says so.
        QVERIFY2(m_window->treeModel()->indexOf(sasl).data().toString().endsWith(
                     u"(%1)"_s.arg(sasl->statusText())),
                 qPrintable(m_window->treeModel()->indexOf(sasl).data().toString()));
        QCOMPARE(sasl->statusText(), HostSession::tr("Waiting for credentials"));
        if (AuthDialog *first = visibleDialog<AuthDialog>())
            SNAPSHOT(first, u"auth-dialog"_s);
        const QHash<Kind, QString> answers{{Kind::Username, uri("VERX_SASL_USER")},
                                           {Kind::Password, uri("VERX_SASL_PASSWORD")}};
        QList<Kind> asked;
        WAIT_FOR((answerAuthDialogs(answers, &asked), sasl->isConnected()));
        QVERIFY(asked.contains(Kind::Username));
        QCOMPARE(asked.count(Kind::Password), 1);
        WAIT_FOR(sasl->isPopulated());
        QVERIFY(!uuidOf(sasl, u"test"_s).isEmpty());
        DISCONNECT(sasl);
    }

    void passphraseThroughDialog()
    {
        // ssh with a key protected by a passphrase: the passphrase prompt
        // comes as a dialog without echo. The host key is known, so no
        // confirmation is asked.
        // Known host key (known_hosts=), no BatchMode (no_tty would forbid
        // the prompt).
        const QString url = u"test+ssh://%1@%2:%3/default?keyfile=%4&known_hosts=%5"_s.arg(
            uri("VERX_SSH_USER"), uri("VERX_SSH_HOST"), uri("VERX_SSH_PORT"),
            uri("VERX_SSH_KEY_WITH_PASSPHRASE"), uri("VERX_SSH_KNOWN_HOSTS"));
        HostSession *ssh = m_window->openUri(url);
        watchSession(ssh);
        QList<Kind> asked;
        WAIT_FOR((answerAuthDialogs({{Kind::Passphrase, uri("VERX_SSH_KEY_PASSPHRASE")}}, &asked),
                  ssh->isConnected()));
        QCOMPARE(asked, QList<Kind>{Kind::Passphrase});
        WAIT_FOR(ssh->isPopulated());
        QVERIFY(!uuidOf(ssh, u"test"_s).isEmpty());
        DISCONNECT(ssh);
    }

    void hostKeyThroughDialog()
    {
        // ssh to a host whose key is not known: the user is asked to accept
        // it (a dialog without input field); accepted, the login goes on.
        // The fixture's known_hosts names [127.0.0.1]:2222, so "localhost"
        // is unknown; the key is written to an empty known_hosts.
        QTemporaryDir dir;
        const QString url = u"test+ssh://%1@localhost:%2/default?keyfile=%3&known_hosts=%4"_s.arg(
            uri("VERX_SSH_USER"), uri("VERX_SSH_PORT"), uri("VERX_SSH_KEY"),
            dir.filePath(u"known_hosts"_s));
        HostSession *ssh = m_window->openUri(url);
        watchSession(ssh);
        QList<Kind> asked;
        WAIT_FOR((answerAuthDialogs({{Kind::HostKeyConfirmation, QString()}}, &asked),
                  ssh->isConnected()));
        QCOMPARE(asked, QList<Kind>{Kind::HostKeyConfirmation});
        WAIT_FOR(ssh->isPopulated());
        // ssh stored the accepted key.
        QFile known(dir.filePath(u"known_hosts"_s));
        QVERIFY(known.open(QIODevice::ReadOnly));
        QVERIFY(known.size() > 0); // (hashed names: HashKnownHosts)
        DISCONNECT(ssh);
    }

    void reconnectsAfterLoss()
    {
        // libvirt's TCP port, unless the fixture's URI names another.
        Relay relay(libvirtTcpPort());
        HostSession *session = m_window->openUri(uriThrough(relay));
        // The loss is expected; giving up is not.
        connect(session, &HostSession::statusChanged, m_watch.context(),
                [this, session](HostSession::Status st) {
                    if (st == HostSession::Status::Disconnected)
                        m_watch.record(u"gave up: "_s + session->lastError());
                });
        WAIT_FOR(session->isPopulated());
        QSignalSpy statuses(session, &HostSession::statusChanged);
        relay.setRefusing(true); // the host stays away for a while
        relay.cutAll();
        // Lost (with the reason shown), then reconnecting with a growing
        // delay (1, 2, 4 s), then, back, connected with the list filled.
        WAIT_FOR(statuses.size() >= 1);
        QCOMPARE(statuses.first().first().value<HostSession::Status>(), HostSession::Status::Lost);
        QVERIFY(!session->lastError().isEmpty());
        QVERIFY(session->statusText().contains(session->lastError()));
        QList<int> delays;
        WAIT_FOR(([&] {
            const int d = session->reconnectDelaySeconds();
            if (d > 0 && (delays.isEmpty() || delays.last() != d))
                delays.append(d);
            return d >= 4;
        }()));
        QCOMPARE(delays, (QList<int>{1, 2, 4}));
        QCOMPARE(session->status(), HostSession::Status::Reconnecting);
        const QString shown = m_window->treeModel()->indexOf(session).data().toString();
        QVERIFY2(shown.contains(session->statusText()) &&
                     session->statusText().contains(session->lastError()),
                 qPrintable(shown));
        relay.setRefusing(false);
        WAIT_FOR(session->isConnected() && session->isPopulated());
        QCOMPARE(session->reconnectDelaySeconds(), 0);
        bool sawReconnecting = false;
        for (const auto &args : statuses)
            sawReconnecting |=
                args.first().value<HostSession::Status>() == HostSession::Status::Reconnecting;
        QVERIFY(sawReconnecting);
        QVERIFY(!uuidOf(session, u"test"_s).isEmpty());
        m_watch.dropWatches();
        DISCONNECT(session);
    }

    void screenshotOfAStuckHostTimesOut()
    {
        Relay relay(libvirtTcpPort());
        HostSession *session = m_window->openUri(uriThrough(relay));
        watchSession(session);
        WAIT_FOR(session->isPopulated());
        DomainDetailsPage *page = m_window->openDetails(session, uuidOf(session, u"test"_s));
        QVERIFY(page);
        ScreenshotPage *shots = page->screenshotPage();
        shots->setTimeout(1500);
        connect(shots, &ScreenshotPage::screenshotShown, m_watch.context(),
                [this] { m_watch.record(u"a screenshot despite the held host"_s); });
        QSignalSpy failed(shots, &ScreenshotPage::screenshotFailed);
        relay.hold(true);
        page->showScreenshot();
        QVERIFY(shots->isBusy());
        WAIT_FOR(failed.size() >= 1);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(u"1.5 s"_s),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!shots->isBusy());
        // The host answers late: that answer is dropped, the connection
        // stays usable, and a new screenshot works.
        relay.hold(false);
        shots->setTimeout(ScreenshotPage::TimeoutMs);
        m_watch.dropWatches();
        watchSession(session);
        failOn(shots, &ScreenshotPage::screenshotFailed, u"screenshot"_s);
        QSignalSpy shown(shots, &ScreenshotPage::screenshotShown);
        shots->refresh();
        WAIT_FOR(shown.size() == 1);
        QVERIFY(!shots->view()->image().isNull());
        QCOMPARE(failed.size(), 1);
        QVERIFY(session->isConnected());
        emit m_window->workspace()->tabCloseRequested(m_window->workspace()->indexOf(page));
        DISCONNECT(session);
    }

    void guestConsoleAndScreenshot()
    {
        m_system = m_window->openUri(uri("VERX_URI_SYSTEM"));
        watchSession(m_system);
        WAIT_FOR(m_system->isPopulated());
        const QString guest = uri("VERX_GUEST");
        const QByteArray uuid = uuidOf(m_system, guest);
        QVERIFY2(!uuid.isEmpty(), qPrintable(guest));
        m_window->selectSession(m_system);
        DomainDetailsPage *page = m_window->openDetails(m_system, uuid);
        QVERIFY(page);
        ConsolePage *console = page->consolePage();
        QSignalSpy attached(console, &ConsolePage::attached);
        page->setCurrentWidget(console);
        console->attach(true);
        failOn(console, &ConsolePage::detached, u"console"_s);
        WAIT_FOR(attached.size() == 1);
        // Type a command as the user would; the guest's shell answers.
        TYPE_UNTIL(console, "echo $((6*7))", "\n42");
        SNAPSHOT(console, u"console"_s);
        // Paste goes through the terminal to the guest.
        QGuiApplication::clipboard()->setText(u"echo $((5*9))"_s);
        console->view()->paste();
        console->send("\r");
        for (int i = 0; i < 5 && !console->view()->transcript().contains("\n45"); ++i) {
            if (!QTest::qWaitFor([&] { return console->view()->transcript().contains("\n45"); },
                                 5000))
                console->send("echo $((5*9))\r"); // the pasted line was swallowed: type it
        }
        WAIT_FOR(console->view()->transcript().contains("\n45"));
        // Copy: what the terminal shows goes to the clipboard.
        WAIT_FOR(console->view()->screenText().contains(u"45"_s)); // drawn a little later

        m_watch.dropWatches(); // detaching is intended now
        watchSession(m_system);
        console->detach();
        QVERIFY(!console->isAttached());
        // Reconnect with the page's button (no take-over: the console is
        // free once libvirtd has released our old one).
        auto *reconnect = console->findChild<QPushButton *>(u"attachConsole"_s);
        QVERIFY(reconnect);
        if (auto *force = console->findChild<QCheckBox *>())
            force->setChecked(false);
        ATTACH_WHEN_FREE(console, [reconnect] { reconnect->click(); });
        QCOMPARE(attached.size(), 2);
        failOn(console, &ConsolePage::detached, u"console"_s);
        TYPE_UNTIL(console, "echo $((7*8))", "\n56");
        m_watch.dropWatches();
        watchSession(m_system);
        console->detach();

        ScreenshotPage *shots = page->screenshotPage();
        failOn(shots, &ScreenshotPage::screenshotFailed, u"screenshot"_s);
        QSignalSpy shown(shots, &ScreenshotPage::screenshotShown);
        page->showScreenshot();
        WAIT_FOR(shown.size() == 1);
        const QImage image = shots->view()->image();
        qInfo("guest screenshot: %dx%d %s", image.width(), image.height(),
              qPrintable(shots->view()->mimeType()));
        QVERIFY(!shots->view()->mimeType().isEmpty());
        QTemporaryDir dir;
        const QString file = dir.filePath(u"guest.img"_s);
        VIRSH({u"-c"_s, uri("VERX_URI_SYSTEM"), u"screenshot"_s, guest, file});
        QImage reference;
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(reference.loadFromData(f.readAll()));
        QCOMPARE(image.size(), reference.size());
        SNAPSHOT(shots, u"screenshot-viewer"_s);
    }
    void severalConsolesInTabs()
    {
        // The guest's console from the Console action and the test
        // domain's on another host: one tab each, at once.
        const QByteArray guest = uuidOf(m_system, uri("VERX_GUEST"));
        const QByteArray test = uuidOf(m_test, u"test"_s);
        QVERIFY(!guest.isEmpty() && !test.isEmpty());
        QTabWidget *tabs = m_window->workspace();
        m_window->selectSession(m_system);
        m_window->selectDomains({guest});
        DomainDetailsPage *guestPage = m_window->openDetails(m_system, guest);
        QVERIFY(guestPage);
        ConsolePage *console = guestPage->consolePage();
        // (the previous test's console may not be released yet)
        WAIT_FOR(m_window->action(MainWindow::Console)->isEnabled());
        ATTACH_WHEN_FREE(console, [this] { m_window->action(MainWindow::Console)->trigger(); });
        failOn(console, &ConsolePage::detached, u"guest console"_s);
        QCOMPARE(tabs->currentWidget(), guestPage);
        TYPE_UNTIL(console, "echo $((3*11))", "\n33");

        // The test driver's domain gets its own tab; its console fails
        // there (the test driver has none), and the guest's goes on.
        DomainDetailsPage *testPage = m_window->openDetails(m_test, test);
        QVERIFY(testPage && testPage != guestPage);
        QSignalSpy testEnded(testPage->consolePage(), &ConsolePage::detached);
        QSignalSpy testAttached(testPage->consolePage(), &ConsolePage::attached);
        QCOMPARE(m_window->openConsole(m_test, test), testPage->consolePage());
        QCOMPARE(tabs->currentWidget(), testPage);
        WAIT_FOR(!testEnded.isEmpty() || !testAttached.isEmpty());
        QCOMPARE(testAttached.size(), 0);
        const QString reason = testEnded.first().first().toString();
        QVERIFY2(reason.contains(u"not supported"_s), qPrintable(reason));
        QVERIFY(testPage->consolePage()
                    ->findChild<QLabel *>(u"consoleStatus"_s)
                    ->text()
                    .contains(reason));
        QVERIFY(console->isAttached());
        TYPE_UNTIL(console, "echo $((4*11))", "\n44");

        // The guest's console again: its tab comes to the front, no second
        // tab, no second stream.
        const int count = tabs->count();
        QSignalSpy attachedAgain(console, &ConsolePage::attached);
        QCOMPARE(m_window->openConsole(m_system, guest), console);
        QCOMPARE(tabs->count(), count);
        QCOMPARE(tabs->currentWidget(), guestPage);
        SNAPSHOT(m_window, u"consoles-in-tabs"_s);
        QTest::qWait(200);
        QCOMPARE(attachedAgain.size(), 0);
        QVERIFY(console->isAttached());

        // Closing the guest's tab detaches its stream at once: a new tab
        // gets the console without taking it over, and works.
        m_watch.dropWatches(); // the detach is intended
        watchSession(m_system);
        watchSession(m_test);
        QSignalSpy closed(console, &ConsolePage::detached);
        const QPointer<DomainDetailsPage> closedPage(guestPage);
        emit tabs->tabCloseRequested(tabs->indexOf(guestPage));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(tabs->indexOf(guestPage), -1);
        QVERIFY(tabs->indexOf(testPage) >= 2);
        WAIT_FOR(closedPage.isNull());
        DomainDetailsPage *again = m_window->openDetails(m_system, guest);
        QVERIFY(again);
        ConsolePage *second = again->consolePage();
        ATTACH_WHEN_FREE(second, [this, guest] { m_window->openConsole(m_system, guest); });
        failOn(second, &ConsolePage::detached, u"guest console"_s);
        TYPE_UNTIL(second, "echo $((5*11))", "\n55");
        m_watch.dropWatches();
        m_window->closeDetailsTab(tabs->indexOf(again));
        m_window->closeDetailsTab(tabs->indexOf(testPage));
        QVERIFY(!second->isAttached());
    }

    // Quitting while a console streams: the window closes its connections
    // properly first (libvirtd 11.3 deadlocks when a client vanishes while
    // its stream still sends), and the daemon keeps answering.
    void quittingDuringBusyConsoleLeavesDaemonAnswering()
    {
        for (int round = 0; round < 3; ++round) {
            auto window = std::make_unique<MainWindow>();
            window->show();
            HostSession *system = window->openUri(uri("VERX_URI_SYSTEM"));
            watchSession(system);
            WAIT_FOR(system->isPopulated());
            const QByteArray uuid = uuidOf(system, uri("VERX_GUEST"));
            DomainDetailsPage *page = window->openDetails(system, uuid);
            QVERIFY(page);
            ConsolePage *console = page->consolePage();
            QSignalSpy attached(console, &ConsolePage::attached);
            page->setCurrentWidget(console);
            console->attach(true);
            WAIT_FOR(attached.size() == 1);
            for (int i = 0; i < 6 && console->view()->transcript().count("verx") < 20; ++i) {
                console->send("\ryes verx | head -n 3000\r");
                (void)QTest::qWaitFor(
                    [&] { return console->view()->transcript().count("verx") >= 20; }, 5000);
            }
            QVERIFY2(console->view()->transcript().count("verx") >= 20,
                     "the guest's console printed nothing");
            m_watch.dropWatches(); // closing is intended now
            window->close();
            QVERIFY(window->shutDownHosts(5000));
            window.reset();
            QString why, out;
            QVERIFY2(
                virsh({u"-c"_s, uri("VERX_URI_SYSTEM"), u"version"_s}, &why, &out),
                qPrintable(u"round %1: the daemon stopped answering: %2"_s.arg(round).arg(why)));
        }
    }
};

QTEST_MAIN(TestFixture)
#include "tst_fixture.moc"
