// SPDX-License-Identifier: GPL-2.0-or-later
// verx-manager against the real libvirtd fixture: the test driver
// (test+unix:///default) and the QEMU guest on qemu:///system.
#include "AuthDialog.h"
#include "ConnectionTreeModel.h"
#include "ConsolePage.h"
#include "ConsoleView.h"
#include "DomainDetailsPage.h"
#include "DomainFilterProxy.h"
#include "DomainState.h"
#include "DomainTableModel.h"
#include "DomainXmlPage.h"
#include "HostDetailsPage.h"
#include "HostSession.h"
#include "MainWindow.h"
#include "MessageArea.h"
#include "ScreenshotPage.h"
#include "ScreenshotView.h"
#include "XmlEditor.h"

#include <FixtureEnv.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace verx::manager;

namespace {
constexpr int Wait = 60000; // generous: the fixture may run under sanitizers
}

// A TCP relay to libvirtd that can cut every connection, to lose a
// connection on purpose.
class Relay : public QObject
{
public:
    explicit Relay(quint16 target) : m_target(target)
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *in = m_server.nextPendingConnection()) {
                auto *out = new QTcpSocket(in);
                out->connectToHost(QHostAddress::LocalHost, m_target);
                connect(in, &QTcpSocket::readyRead, out, [in, out] { out->write(in->readAll()); });
                connect(out, &QTcpSocket::readyRead, in, [in, out] { in->write(out->readAll()); });
                connect(out, &QTcpSocket::disconnected, in, &QTcpSocket::disconnectFromHost);
                connect(in, &QTcpSocket::disconnected, in, &QObject::deleteLater);
                m_clients.append(in);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    void cutAll()
    {
        for (QTcpSocket *s : std::as_const(m_clients))
            if (s)
                s->abort();
        m_clients.clear();
    }

private:
    QTcpServer m_server;
    quint16 m_target;
    QList<QPointer<QTcpSocket>> m_clients;
};

class TestFixture : public QObject
{
    Q_OBJECT
private:
    verx::test::FixtureEnv m_env;
    QTemporaryDir m_config;
    MainWindow *m_window = nullptr;
    HostSession *m_test = nullptr;
    HostSession *m_system = nullptr;

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
    void virsh(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral("virsh"), args);
        QVERIFY(p.waitForFinished(Wait));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }
    void snapshot(QWidget *w, const QString &name)
    {
        if (qEnvironmentVariableIsEmpty("VERX_SAVE_SCREENSHOTS"))
            return;
        const QString dir = qEnvironmentVariable("VERX_SCREENSHOT_DIR");
        QDir().mkpath(dir);
        QTest::qWait(300); // let the window paint
        QVERIFY(w->window()->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
        qInfo("saved %s/%s.png", qPrintable(dir), qPrintable(name));
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_env.isValid(), qPrintable(m_env.error()));
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("verx-test"));
        QCoreApplication::setApplicationName(QStringLiteral("verx-manager-test"));
        m_window = new MainWindow;
        m_window->resize(1200, 760);
        m_window->show();
    }

    void cleanupTestCase() { delete m_window; }

    void connectsAndListsDomains()
    {
        m_test = m_window->openUri(m_env["VERX_URI_TEST"]);
        QAbstractItemModelTester tester(m_test->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester treeTester(m_window->treeModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(m_test->isPopulated(), Wait);
        QCOMPARE(m_test->status(), HostSession::Status::Connected);
        QVERIFY(!uuidOf(m_test, QStringLiteral("test")).isEmpty());
        QCOMPARE(stateOf(m_test, QStringLiteral("test")), int(DomainState::Running));
        // The bulk statistics arrive and fill vCPUs and memory.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_test->model()->find(uuidOf(m_test, QStringLiteral("test")))->vcpus > 0, Wait);
        m_window->selectSession(m_test);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->domainProxy()->rowCount() >= 1, Wait);
        // The host tab shows the host facts.
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_window->hostDetails()->field(QStringLiteral("libVersion")).isEmpty(), Wait);
        QCOMPARE(m_window->hostDetails()->field(QStringLiteral("driver")), QStringLiteral("TEST"));
    }

    void suspendAndResumeThroughGui()
    {
        const QByteArray uuid = uuidOf(m_test, QStringLiteral("test"));
        m_window->selectSession(m_test);
        m_window->selectDomains({uuid});
        QCOMPARE(m_window->selectedDomains(), QList<QByteArray>{uuid});
        QVERIFY(m_window->action(MainWindow::Pause)->isEnabled());
        m_window->action(MainWindow::Pause)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_test, QStringLiteral("test")), int(DomainState::Paused),
                                  Wait);
        snapshot(m_window, QStringLiteral("main-window"));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->action(MainWindow::Resume)->isEnabled(), Wait);
        m_window->action(MainWindow::Resume)->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_test, QStringLiteral("test")),
                                  int(DomainState::Running), Wait);
    }

    void listFollowsVirsh()
    {
        const QString uri = m_env["VERX_URI_TEST"];
        virsh({QStringLiteral("-c"), uri, QStringLiteral("suspend"), QStringLiteral("test")});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_test, QStringLiteral("test")), int(DomainState::Paused),
                                  Wait);
        virsh({QStringLiteral("-c"), uri, QStringLiteral("resume"), QStringLiteral("test")});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_test, QStringLiteral("test")),
                                  int(DomainState::Running), Wait);
        // A domain defined elsewhere appears; undefined, it goes.
        QTemporaryDir dir;
        const QString xml = dir.filePath(QStringLiteral("d.xml"));
        QFile f(xml);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<domain type='test'><name>verx-gui-new</name><memory>65536</memory>"
                "<os><type>hvm</type></os></domain>");
        f.close();
        virsh({QStringLiteral("-c"), uri, QStringLiteral("define"), xml});
        QTRY_VERIFY_WITH_TIMEOUT(!uuidOf(m_test, QStringLiteral("verx-gui-new")).isEmpty(), Wait);
        QCOMPARE(stateOf(m_test, QStringLiteral("verx-gui-new")), int(DomainState::Shutoff));
        virsh({QStringLiteral("-c"), uri, QStringLiteral("undefine"),
               QStringLiteral("verx-gui-new")});
        QTRY_VERIFY_WITH_TIMEOUT(uuidOf(m_test, QStringLiteral("verx-gui-new")).isEmpty(), Wait);
    }

    void actionsOnManyDomains()
    {
        const QString uri = m_env["VERX_URI_TEST"];
        QTemporaryDir dir;
        QList<QByteArray> uuids;
        for (int i = 0; i < 3; ++i) {
            const QString file = dir.filePath(QStringLiteral("m%1.xml").arg(i));
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral(
                        "<domain type='test'><name>verx-multi-%1</name><memory>65536</memory>"
                        "<os><type>hvm</type></os></domain>")
                        .arg(i)
                        .toUtf8());
            f.close();
            virsh({QStringLiteral("-c"), uri, QStringLiteral("define"), file});
        }
        for (int i = 0; i < 3; ++i) {
            const QString name = QStringLiteral("verx-multi-%1").arg(i);
            QTRY_VERIFY_WITH_TIMEOUT(!uuidOf(m_test, name).isEmpty(), Wait);
            uuids.append(uuidOf(m_test, name));
        }
        m_window->selectSession(m_test);
        m_window->filterEdit()->setText(QStringLiteral("MULTI"));
        QCOMPARE(m_window->domainProxy()->rowCount(), 3);
        m_window->domainTable()->selectAll();
        QCOMPARE(m_window->selectedDomains().size(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->action(MainWindow::Start)->isEnabled(), Wait);
        QVERIFY(!m_window->action(MainWindow::Pause)->isEnabled());
        m_window->action(MainWindow::Start)->trigger();
        for (int i = 0; i < 3; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_test, QStringLiteral("verx-multi-%1").arg(i)),
                                      int(DomainState::Running), Wait);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->action(MainWindow::ForceOff)->isEnabled(), Wait);
        m_window->action(MainWindow::ForceOff)->trigger();
        for (int i = 0; i < 3; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(m_test, QStringLiteral("verx-multi-%1").arg(i)),
                                      int(DomainState::Shutoff), Wait);
        // Delete (what the confirmation dialog runs), with its options.
        m_test->runAction(HostSession::Action::Delete, uuids,
                          HostSession::UndefineManagedSave |
                              HostSession::UndefineSnapshotsMetadata);
        for (int i = 0; i < 3; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(
                uuidOf(m_test, QStringLiteral("verx-multi-%1").arg(i)).isEmpty(), Wait);
        QCOMPARE(m_window->domainProxy()->rowCount(), 0);
        m_window->filterEdit()->clear();
        QVERIFY(m_window->domainProxy()->rowCount() >= 1);
        // Each result was reported in the message area, not in dialogs.
        QVERIFY(m_window->messages()->count() >= 3);
    }

    void xmlEditApplyAndReject()
    {
        const QByteArray uuid = uuidOf(m_test, QStringLiteral("test"));
        DomainDetailsPage *page = m_window->openDetails(m_test, uuid);
        QVERIFY(page);
        DomainXmlPage *xml = page->xmlPage();
        QTRY_VERIFY_WITH_TIMEOUT(!xml->originalXml().isEmpty(), Wait);
        QVERIFY(xml->originalXml().contains(QStringLiteral("<name>test</name>")));
        // A good edit: a description.
        QString text = xml->originalXml();
        const QString marker =
            QStringLiteral("verx GUI test %1").arg(QDateTime::currentMSecsSinceEpoch());
        text.replace(
            QStringLiteral("<name>test</name>"),
            QStringLiteral("<name>test</name>\n  <description>%1</description>").arg(marker));
        xml->editor()->setPlainText(text);
        QSignalSpy applied(xml, &DomainXmlPage::applied);
        QSignalSpy loaded(xml, &DomainXmlPage::loaded);
        xml->applyNow();
        QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 1, Wait);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1, Wait);
        QVERIFY(xml->originalXml().contains(marker));
        QVERIFY(xml->errorText().isEmpty());
        snapshot(xml, QStringLiteral("xml-editor"));
        // A bad edit: rejected by validation, the edit stays with the error.
        const QString bad =
            xml->originalXml().replace(QStringLiteral("<memory"), QStringLiteral("<memoryy"));
        xml->editor()->setPlainText(bad);
        QSignalSpy failed(xml, &DomainXmlPage::applyFailed);
        xml->applyNow();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, Wait);
        QCOMPARE(xml->editor()->toPlainText(), bad);
        QVERIFY(!xml->errorText().isEmpty());
        qInfo("libvirt said: %s", qPrintable(xml->errorText()));
        xml->revert();
        QCOMPARE(xml->editor()->toPlainText(), xml->originalXml());

        // Someone else redefines the domain while we edit: we are told, and
        // the edit stays.
        const QString mine = xml->originalXml() + QStringLiteral("<!-- my edit -->\n");
        xml->editor()->setPlainText(mine);
        QSignalSpy underneath(xml, &DomainXmlPage::changedUnderneath);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("other.xml"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QString other = xml->originalXml();
        other.replace(marker, marker + QStringLiteral(" (changed elsewhere)"));
        f.write(other.toUtf8());
        f.close();
        virsh({QStringLiteral("-c"), m_env["VERX_URI_TEST"], QStringLiteral("define"), file});
        QTRY_COMPARE_WITH_TIMEOUT(underneath.size(), 1, Wait);
        QCOMPARE(xml->editor()->toPlainText(), mine);
        QVERIFY(xml->originalXml().contains(QStringLiteral("(changed elsewhere)")));
        xml->revert();
    }

    void testDriverScreenshot()
    {
        const QByteArray uuid = uuidOf(m_test, QStringLiteral("test"));
        DomainDetailsPage *page = m_window->openDetails(m_test, uuid);
        QSignalSpy shown(page->screenshotPage(), &ScreenshotPage::screenshotShown);
        page->showScreenshot();
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, Wait);
        const QImage image = page->screenshotPage()->view()->image();
        QVERIFY(!image.isNull());
        QCOMPARE(page->screenshotPage()->view()->mimeType(), QStringLiteral("image/png"));
        // The same picture libvirt's own client gets.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("virsh.png"));
        virsh({QStringLiteral("-c"), m_env["VERX_URI_TEST"], QStringLiteral("screenshot"),
               QStringLiteral("test"), file});
        QCOMPARE(image.size(), QImage(file).size());
    }

    void credentialsThroughDialogs()
    {
        // SASL asks for a user name and a password: each request opens an
        // AuthDialog; the user types the answers.
        HostSession *sasl = m_window->openUri(m_env["VERX_URI_SASL"]);
        int answered = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (QWidget *w : QApplication::topLevelWidgets()) {
                    auto *dialog = qobject_cast<AuthDialog *>(w);
                    if (!dialog || !dialog->isVisible())
                        continue;
                    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("credential"));
                    if (!edit)
                        continue;
                    edit->setText(edit->echoMode() == QLineEdit::Normal
                                      ? m_env["VERX_SASL_USER"]
                                      : m_env["VERX_SASL_PASSWORD"]);
                    if (answered == 0)
                        snapshot(dialog, QStringLiteral("auth-dialog"));
                    dialog->accept();
                    ++answered;
                }
                return sasl->isConnected();
            }(),
            Wait);
        QVERIFY(answered >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(sasl->isPopulated(), Wait);
        QVERIFY(!uuidOf(sasl, QStringLiteral("test")).isEmpty());
        sasl->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(sasl->status(), HostSession::Status::Disconnected, Wait);
    }

    void passphraseThroughDialog()
    {
        // ssh with a key protected by a passphrase: the passphrase prompt
        // comes as a dialog without echo.
        const QString uri = QStringLiteral("test+ssh://%1@%2:%3/default?keyfile=%4")
                                .arg(m_env["VERX_SSH_USER"], m_env["VERX_SSH_HOST"],
                                     m_env["VERX_SSH_PORT"], m_env["VERX_SSH_KEY_WITH_PASSPHRASE"]);
        HostSession *ssh = m_window->openUri(uri);
        int asked = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (QWidget *w : QApplication::topLevelWidgets()) {
                    auto *dialog = qobject_cast<AuthDialog *>(w);
                    if (!dialog || !dialog->isVisible())
                        continue;
                    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("credential"));
                    if (!edit || edit->echoMode() == QLineEdit::Normal)
                        continue;
                    edit->setText(m_env["VERX_SSH_KEY_PASSPHRASE"]);
                    dialog->accept();
                    ++asked;
                }
                return ssh->isConnected();
            }(),
            Wait);
        QCOMPARE(asked, 1);
        QTRY_VERIFY_WITH_TIMEOUT(ssh->isPopulated(), Wait);
        QVERIFY(!uuidOf(ssh, QStringLiteral("test")).isEmpty());
        ssh->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(ssh->status(), HostSession::Status::Disconnected, Wait);
    }

    void reconnectsAfterLoss()
    {
        Relay relay(16509);
        HostSession *tcp =
            m_window->openUri(QStringLiteral("test+tcp://127.0.0.1:%1/default").arg(relay.port()));
        QTRY_VERIFY_WITH_TIMEOUT(tcp->isPopulated(), Wait);
        QSignalSpy statuses(tcp, &HostSession::statusChanged);
        relay.cutAll();
        // Lost (with the reason shown), then reconnecting with backoff,
        // then connected again with the list filled.
        QTRY_VERIFY_WITH_TIMEOUT(statuses.size() >= 1, Wait);
        QCOMPARE(statuses.first().first().value<HostSession::Status>(), HostSession::Status::Lost);
        QVERIFY(!tcp->lastError().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(tcp->isConnected() && tcp->isPopulated(), Wait);
        bool sawReconnecting = false;
        for (const auto &args : statuses)
            sawReconnecting |=
                args.first().value<HostSession::Status>() == HostSession::Status::Reconnecting;
        QVERIFY(sawReconnecting);
        QVERIFY(!uuidOf(tcp, QStringLiteral("test")).isEmpty());
        tcp->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(tcp->status(), HostSession::Status::Disconnected, Wait);
    }

    void guestConsoleAndScreenshot()
    {
        m_system = m_window->openUri(m_env["VERX_URI_SYSTEM"]);
        QTRY_VERIFY_WITH_TIMEOUT(m_system->isPopulated(), Wait);
        const QString guest = m_env["VERX_GUEST"];
        const QByteArray uuid = uuidOf(m_system, guest);
        QVERIFY2(!uuid.isEmpty(), qPrintable(guest));
        m_window->selectSession(m_system);
        DomainDetailsPage *page = m_window->openDetails(m_system, uuid);
        QVERIFY(page);
        ConsolePage *console = page->consolePage();
        QSignalSpy attached(console, &ConsolePage::attached);
        page->setCurrentWidget(console);
        console->attach(true);
        QTRY_COMPARE_WITH_TIMEOUT(attached.size(), 1, Wait);
        // Type a command as the user would; the guest's shell answers.
        console->send("\r");
        console->send("echo $((6*7))\r");
        QTRY_VERIFY_WITH_TIMEOUT(console->view()->transcript().contains("\n42"), Wait);
        snapshot(console, QStringLiteral("console"));
        console->detach();
        QVERIFY(!console->isAttached());

        QSignalSpy shown(page->screenshotPage(), &ScreenshotPage::screenshotShown);
        page->showScreenshot();
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, Wait);
        const QImage image = page->screenshotPage()->view()->image();
        qInfo("guest screenshot: %dx%d %s", image.width(), image.height(),
              qPrintable(page->screenshotPage()->view()->mimeType()));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("guest.img"));
        virsh({QStringLiteral("-c"), m_env["VERX_URI_SYSTEM"], QStringLiteral("screenshot"), guest,
               file});
        QImage reference;
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(reference.loadFromData(f.readAll()));
        QCOMPARE(image.size(), reference.size());
        snapshot(page->screenshotPage(), QStringLiteral("screenshot-viewer"));
    }
};

QTEST_MAIN(TestFixture)
#include "tst_fixture.moc"
