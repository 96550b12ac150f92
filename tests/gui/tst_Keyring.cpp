// SPDX-License-Identifier: GPL-2.0-or-later
// Remembered passwords in a real Secret Service: verx-manager against the
// fixture's sshd (password login), with gnome-keyring-daemon on a private
// D-Bus session bus (KeyringSession).
#include "AddConnectionDialog.h"
#include "AuthDialog.h"
#include "ConnectionSpec.h"
#include "FailureWatch.h"
#include "HostSession.h"
#include "KeyringSession.h"
#include "MainWindow.h"
#include "PasswordStore.h"
#include "Relay.h"
#include "SavedConnection.h"

#include <FixtureEnv.h>

#include <verx/Connection.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <functional>
#include <memory>

using namespace verx::manager;
using namespace Qt::StringLiterals;
using Kind = verx::AuthRequest::Kind;

namespace {
constexpr int Wait = 30000;
// QtKeychain's items: attribute "server" is the service, "user" the key.
QStringList attributesOf(const QString &key)
{
    return {u"server"_s, u"verx-manager"_s, u"user"_s, key};
}
} // namespace

class TestKeyring : public QObject
{
    Q_OBJECT

    verx::test::FixtureEnv m_env;
    QTemporaryDir m_config;
    KeyringSession m_keyring;
    MainWindow *m_window = nullptr;
    verx::test::FailureWatch m_watch;

    QString env(const char *key) const { return m_env[key]; }

    bool waitFor(const std::function<bool()> &cond, const char *what, QString *why)
    {
        return m_watch.waitFor(cond, what, why, Wait);
    }

    void watchSession(HostSession *s) { m_watch.watchSession(s); }

    AuthDialog *visibleAuthDialog() const
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *d = qobject_cast<AuthDialog *>(w); d && d->isVisible())
                return d;
        return nullptr;
    }

    // A prompt where none may come is a failure (nobody would answer it).
    bool noPrompt()
    {
        if (AuthDialog *d = visibleAuthDialog()) {
            m_watch.record(u"unexpected prompt (kind %1)"_s.arg(int(d->kind())));
            d->reject();
        }
        return true;
    }

    // The user types the password into the prompt, ticking "remember".
    bool answerPassword(const QString &password, QString *why)
    {
        AuthDialog *d = visibleAuthDialog();
        if (!d) {
            *why = u"no prompt"_s;
            return false;
        }
        auto *edit = d->findChild<QLineEdit *>(u"credential"_s);
        auto *remember = d->findChild<QCheckBox *>();
        if (d->kind() != Kind::Password || !edit || !remember) {
            *why = u"not a password prompt offering to remember it (kind %1)"_s.arg(int(d->kind()));
            return false;
        }
        edit->setText(password);
        remember->setChecked(true);
        d->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        return true;
    }
#define ANSWER_PASSWORD(password)                                                                  \
    do {                                                                                           \
        QString why_;                                                                              \
        QVERIFY2(answerPassword(password, &why_), qPrintable(why_));                               \
    } while (false)

    // Answers every open prompt from answers (by kind), ticking "remember"
    // where offered; *asked records what was asked. A kind without an
    // answer is a failure.
    bool answerPrompts(const QHash<Kind, QString> &answers, QList<Kind> *asked)
    {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto *d = qobject_cast<AuthDialog *>(w);
            if (!d || !d->isVisible())
                continue;
            asked->append(d->kind());
            auto *edit = d->findChild<QLineEdit *>(u"credential"_s);
            if (!answers.contains(d->kind()) || !edit) {
                m_watch.record(u"unexpected prompt (kind %1)"_s.arg(int(d->kind())));
                d->reject();
                continue;
            }
            edit->setText(answers.value(d->kind()));
            if (auto *remember = d->findChild<QCheckBox *>())
                remember->setChecked(true);
            d->accept();
        }
        return true;
    }

    // The secret stored in the Secret Service under key ("" when none),
    // read with libsecret's secret-tool, not through the application.
    bool stored(const QString &key, bool *found, QString *secret)
    {
        QString why;
        if (!m_keyring.lookup(attributesOf(key), found, secret, &why)) {
            m_watch.record(why);
            return false;
        }
        return true;
    }
    bool storedIs(const QString &key, const QString &expected)
    {
        bool found = false;
        QString secret;
        return stored(key, &found, &secret) && found && secret == expected;
    }
    // The user name the settings keep for the saved connection uri.
    static QString savedUser(const QString &uri)
    {
        for (const SavedConnection &c : ConnectionStore::load())
            if (c.uri == uri)
                return c.user;
        return u"(no saved connection %1)"_s.arg(uri);
    }
    bool storedNone(const QString &key)
    {
        bool found = true;
        QString secret;
        return stored(key, &found, &secret) && !found;
    }

    // No file of the configuration holds text.
    bool configFree(const QString &text, QString *why)
    {
        QSettings().sync();
        QDirIterator it(m_config.path(), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly)) {
                *why = u"cannot read "_s + f.fileName();
                return false;
            }
            ++files;
            if (f.readAll().contains(text.toUtf8())) {
                *why = f.fileName() + u" holds the password"_s;
                return false;
            }
        }
        if (files == 0 || !QFile::exists(QSettings().fileName())) {
            *why = u"no settings file written in "_s + m_config.path();
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_env.isValid(), qPrintable(m_env.error()));
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        QString why;
        QVERIFY2(m_keyring.start(&why), qPrintable(why));
        qInfo("Secret Service on %s", qPrintable(m_keyring.busAddress()));
        QCoreApplication::setOrganizationName(u"verx-test"_s);
        QCoreApplication::setApplicationName(u"verx-manager-keyring-test"_s);
        m_window = new MainWindow;
        m_window->show();
    }

    void init()
    {
        m_watch.restart();
    }

    void cleanup()
    {
        m_watch.dropWatches();
        // A failed test function leaves no prompt for the next one.
        while (AuthDialog *d = visibleAuthDialog())
            d->reject();
    }

    void cleanupTestCase()
    {
        delete m_window;
    }

    void rememberedSshPassword()
    {
        const QString password = env("VERX_SSH_PASSWORD");
        QVERIFY(!password.isEmpty());

        // The user adds an ssh connection to the test driver, asking for
        // passwords to be remembered.
        m_window->action(MainWindow::AddConnection)->trigger();
        auto *dialog = qobject_cast<AddConnectionDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            for (QWidget *w : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<AddConnectionDialog *>(w); d && d->isVisible())
                    dialog = d;
        QVERIFY(dialog);
        auto *hv = dialog->findChild<QComboBox *>(u"hypervisor"_s);
        auto *transport = dialog->findChild<QComboBox *>(u"transport"_s);
        auto *user = dialog->findChild<QLineEdit *>(u"user"_s);
        auto *host = dialog->findChild<QLineEdit *>(u"host"_s);
        auto *port = dialog->findChild<QSpinBox *>(u"port"_s);
        auto *remember = dialog->findChild<QCheckBox *>(u"rememberPassword"_s);
        QVERIFY(hv && transport && user && host && port && remember);
        hv->setCurrentIndex(hv->findData(int(ConnectionSpec::Hypervisor::Test)));
        transport->setCurrentIndex(transport->findData(int(ConnectionSpec::Transport::Ssh)));
        QTest::keyClicks(user, env("VERX_SSH_USER"));
        QTest::keyClicks(host, env("VERX_SSH_HOST"));
        port->setValue(env("VERX_SSH_PORT").toInt());
        remember->setChecked(true);
        QVERIFY2(dialog->uriError().isEmpty(), qPrintable(dialog->uriError()));
        const QString uri = dialog->uri();
        const QList<HostSession *> before = m_window->sessions();
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(m_window->sessions().size(), before.size() + 1);
        HostSession *s = m_window->sessions().last();
        QVERIFY(s->saved().rememberPassword);
        watchSession(s);
        QSignalSpy requests(s->connection(), &verx::Connection::authenticationRequired);

        QStringList prompts;
        connect(s->connection(), &verx::Connection::authenticationRequired, m_watch.context(),
                [&prompts](verx::AuthRequest *r) { prompts << r->prompt(); });

        // Nothing stored yet: ssh's password prompt comes as a dialog. The
        // user types a wrong password and ticks "remember": the server
        // refuses it, ssh asks again, and nothing was stored.
        WAIT_FOR(visibleAuthDialog() || s->isConnected());
        ANSWER_PASSWORD(u"wrong-"_s + password);
        WAIT_FOR(requests.size() == 2 && visibleAuthDialog());
        QCOMPARE(prompts.size(), 2);
        QVERIFY2(PasswordStore::keysFor(uri).isEmpty(),
                 qPrintable(PasswordStore::keysFor(uri).join(u", "_s)));
        WAIT_FOR(storedNone(PasswordStore::keyFor(uri, prompts.first())));
        // The right one, accepted by the server, is stored.
        ANSWER_PASSWORD(password);
        WAIT_FOR(s->isPopulated());
        QCOMPARE(requests.size(), 2);
        const QStringList keys = PasswordStore::keysFor(uri);
        QCOMPARE(keys.size(), 1);
        const QString key = keys.first();
        QVERIFY2(key.startsWith(uri + u'#'), qPrintable(key));
        // In the Secret Service (as libsecret sees it), not in the settings.
        WAIT_FOR(storedIs(key, password));
        {
            QString why;
            QVERIFY2(configFree(password, &why), qPrintable(why));
        }
        bool savedWithRemember = false;
        for (const SavedConnection &c : ConnectionStore::load())
            savedWithRemember |= c.uri == uri && c.rememberPassword;
        QVERIFY(savedWithRemember);

        // Reconnecting takes the password from the keyring: no prompt.
        s->disconnectFromHost();
        WAIT_FOR(s->status() == HostSession::Status::Disconnected);
        requests.clear();
        s->connectToHost();
        WAIT_FOR((noPrompt(), s->isPopulated()));
        QCOMPARE(requests.size(), 1); // asked, answered from the keyring

        // A wrong stored password (changed on the host, say): the keyring's
        // answer is refused, ssh asks again, and that comes as a prompt;
        // the right answer, remembered, replaces the stored one.
        s->disconnectFromHost();
        WAIT_FOR(s->status() == HostSession::Status::Disconnected);
        // (stored through QtKeychain: an item written by secret-tool has
        // another schema, which QtKeychain would not find)
        PasswordStore::write(key, u"not-"_s + password);
        WAIT_FOR(storedIs(key, u"not-"_s + password));
        requests.clear();
        s->connectToHost();
        WAIT_FOR(visibleAuthDialog() || s->isConnected());
        QVERIFY2(!s->isConnected(), "connected with a wrong stored password");
        QCOMPARE(requests.size(), 2); // the first one answered from the keyring
        ANSWER_PASSWORD(password);
        WAIT_FOR(s->isPopulated());
        WAIT_FOR(storedIs(key, password));

        // Removing the connection removes its secret from the keyring.
        m_window->selectSession(s);
        QCOMPARE(m_window->currentSession(), s);
        m_window->action(MainWindow::RemoveConnection)->trigger();
        QVERIFY(!m_window->sessions().contains(s));
        WAIT_FOR(storedNone(key));
        QVERIFY(PasswordStore::keysFor(uri).isEmpty());
        for (const SavedConnection &c : ConnectionStore::load())
            QVERIFY(c.uri != uri);
        QString why;
        QVERIFY2(configFree(password, &why), qPrintable(why));
    }

    void rememberedSaslPassword()
    {
        // SASL asks for the user name and the password; both are
        // remembered once the server accepted them: the password in the
        // keyring, the user name (not a secret) in the saved connection.
        const QString user = env("VERX_SASL_USER");
        const QString password = env("VERX_SASL_PASSWORD");
        SavedConnection saved;
        saved.uri = env("VERX_URI_SASL");
        saved.rememberPassword = true;
        HostSession *s = m_window->addConnection(saved, true);
        watchSession(s);
        const QHash<Kind, QString> both{{Kind::Username, user}, {Kind::Password, password}};
        QList<Kind> asked;
        WAIT_FOR((answerPrompts(both, &asked), s->isPopulated()));
        QCOMPARE(asked, (QList<Kind>{Kind::Username, Kind::Password}));
        const QStringList keys = PasswordStore::keysFor(saved.uri);
        QCOMPARE(keys.size(), 1);
        const QString key = keys.first();
        WAIT_FOR(storedIs(key, password));
        {
            QString why;
            QVERIFY2(configFree(password, &why), qPrintable(why));
        }
        QCOMPARE(s->saved().user, user);
        QCOMPARE(savedUser(saved.uri), user);

        // Reconnecting asks nothing.
        s->disconnectFromHost();
        WAIT_FOR(s->status() == HostSession::Status::Disconnected);
        asked.clear();
        s->connectToHost();
        WAIT_FOR((answerPrompts({}, &asked), s->isPopulated()));
        QCOMPARE(asked, QList<Kind>{});

        // A wrong stored password: the server refuses it and ends the
        // connection; the session tries once more and this time asks for
        // both (no error reported meanwhile: watchSession); the answer
        // replaces the stored password.
        PasswordStore::write(key, u"not-"_s + password);
        WAIT_FOR(storedIs(key, u"not-"_s + password));
        s->disconnectFromHost();
        WAIT_FOR(s->status() == HostSession::Status::Disconnected);
        asked.clear();
        s->connectToHost();
        WAIT_FOR((answerPrompts(both, &asked), s->isPopulated()));
        QCOMPARE(asked, (QList<Kind>{Kind::Username, Kind::Password}));
        WAIT_FOR(storedIs(key, password));

        // A wrong typed password is an error as before (no endless retry).
        PasswordStore::write(key, u"not-"_s + password);
        WAIT_FOR(storedIs(key, u"not-"_s + password));
        s->disconnectFromHost();
        WAIT_FOR(s->status() == HostSession::Status::Disconnected);
        m_watch.dropWatches(); // the failure is expected now
        asked.clear();
        s->connectToHost();
        const QHash<Kind, QString> wrong{{Kind::Username, user},
                                         {Kind::Password, u"also-not-"_s + password}};
        WAIT_FOR((answerPrompts(wrong, &asked),
                  s->status() == HostSession::Status::Disconnected && !s->lastError().isEmpty()));
        QCOMPARE(asked, (QList<Kind>{Kind::Username, Kind::Password}));
        // The refused password, typed with "remember" ticked, was not stored.
        QVERIFY(storedIs(key, u"not-"_s + password));
        QCOMPARE(savedUser(saved.uri), user);

        m_window->selectSession(s);
        m_window->action(MainWindow::RemoveConnection)->trigger();
        WAIT_FOR(storedNone(key));
        QVERIFY(PasswordStore::keysFor(saved.uri).isEmpty());
    }

    void refusedAfterLossAsksAgain()
    {
        // SASL through a relay that can cut the connection, user name and
        // password remembered.
        const QString user = env("VERX_SASL_USER");
        const QString password = env("VERX_SASL_PASSWORD");
        QUrl url(env("VERX_URI_SASL"));
        Relay relay(quint16(env("VERX_SASL_PORT").toInt()));
        url.setPort(relay.port());
        SavedConnection saved;
        saved.uri = url.toString();
        saved.rememberPassword = true;
        HostSession *s = m_window->addConnection(saved, true);
        // Losses and refusals are reported as errors here; giving up is a
        // failure.
        QStringList errors;
        connect(s, &HostSession::error, m_watch.context(),
                [&errors](const QString &message) { errors << message; });
        connect(s, &HostSession::statusChanged, m_watch.context(),
                [this, s](HostSession::Status st) {
                    if (st == HostSession::Status::Disconnected)
                        m_watch.record(u"gave up: "_s + s->lastError());
                });
        QSignalSpy statuses(s, &HostSession::statusChanged);
        const QHash<Kind, QString> both{{Kind::Username, user}, {Kind::Password, password}};
        QList<Kind> asked;
        WAIT_FOR((answerPrompts(both, &asked), s->isPopulated()));
        QCOMPARE(asked, (QList<Kind>{Kind::Username, Kind::Password}));
        const QString key = PasswordStore::keysFor(saved.uri).value(0);
        WAIT_FOR(storedIs(key, password));

        // Lost: reconnected with backoff, answered from what is remembered
        // (nothing asked).
        statuses.clear();
        relay.cutAll();
        asked.clear();
        WAIT_FOR((answerPrompts({}, &asked), !statuses.isEmpty() && s->isPopulated()));
        QCOMPARE(asked, QList<Kind>{});
        QCOMPARE(statuses.first().first().value<HostSession::Status>(), HostSession::Status::Lost);

        // Lost again while the remembered password is wrong (changed on the
        // server, say): libvirtd refuses it (VIR_ERR_AUTH_FAILED), and the
        // user is asked; a wrong typed password is refused again: that is
        // no reason to retry with backoff, the user is asked again at once.
        PasswordStore::write(key, u"not-"_s + password);
        WAIT_FOR(storedIs(key, u"not-"_s + password));
        relay.cutAll();
        asked.clear();
        const QHash<Kind, QString> wrong{{Kind::Username, user},
                                         {Kind::Password, u"also-not-"_s + password}};
        WAIT_FOR((answerPrompts(wrong, &asked), asked.size() == 2));
        QCOMPARE(asked, (QList<Kind>{Kind::Username, Kind::Password}));
        statuses.clear();
        errors.clear();
        WAIT_FOR(visibleAuthDialog());
        QCOMPARE(visibleAuthDialog()->kind(), Kind::Username);
        QCOMPARE(s->status(), HostSession::Status::AuthNeeded);
        QCOMPARE(s->reconnectDelaySeconds(), 0);
        for (const auto &args : std::as_const(statuses)) {
            const auto st = args.first().value<HostSession::Status>();
            QVERIFY2(st == HostSession::Status::Connecting || st == HostSession::Status::AuthNeeded,
                     QMetaEnum::fromType<HostSession::Status>().valueToKey(int(st)));
        }
        QCOMPARE(errors.size(), 1); // the refusal, shown
        // Answered right: connected, and that password is stored.
        asked.clear();
        WAIT_FOR((answerPrompts(both, &asked), s->isPopulated()));
        QCOMPARE(asked, (QList<Kind>{Kind::Username, Kind::Password}));
        WAIT_FOR(storedIs(key, password));

        m_watch.dropWatches();
        m_window->selectSession(s);
        m_window->action(MainWindow::RemoveConnection)->trigger();
        WAIT_FOR(storedNone(key));
    }
};

QTEST_MAIN(TestKeyring)
#include "tst_Keyring.moc"
