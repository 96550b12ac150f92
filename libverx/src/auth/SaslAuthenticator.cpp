// SPDX-License-Identifier: LGPL-2.1-or-later
#include "SaslAuthenticator.h"

#include <verx/protocol/RemoteTypes.h>
#include <verx/xdr/Bytes.h>

#include <QPointer>

namespace verx {

namespace {

constexpr int procInit = 67;
constexpr int procStart = 68;
constexpr int procStep = 69;
constexpr qsizetype dataMax = 65536;

// char data<REMOTE_AUTH_SASL_DATA_MAX> plus its "nil" flag.
QList<char> toChars(const std::optional<QByteArray> &data)
{
    const QByteArray bytes = data.value_or(QByteArray());
    return QList<char>(bytes.cbegin(), bytes.cend());
}

std::optional<QByteArray> fromChars(qint32 nil, const QList<char> &data)
{
    if (nil)
        return std::nullopt;
    return QByteArray(data.constData(), data.size());
}

AuthRequest::Kind requestKind(SaslClient::Prompt::Kind kind)
{
    switch (kind) {
    case SaslClient::Prompt::Kind::AuthName:
    case SaslClient::Prompt::Kind::UserName:
        return AuthRequest::Kind::Username;
    case SaslClient::Prompt::Kind::Password:
    case SaslClient::Prompt::Kind::NoEchoPrompt:
        return AuthRequest::Kind::Password;
    default:
        return AuthRequest::Kind::Other;
    }
}

} // namespace

SaslAuthenticator::SaslAuthenticator(Caller caller, const SaslClient::Options &options,
                                     QObject *parent)
    : QObject(parent), m_caller(std::move(caller)), m_options(options)
{}

SaslAuthenticator::~SaslAuthenticator() = default;

QString SaslAuthenticator::mechanism() const
{
    return m_client ? m_client->mechanism() : QString();
}

QByteArray SaslAuthenticator::encodeStartArgs(const QByteArray &mech,
                                              const std::optional<QByteArray> &data)
{
    return xdr::toBytes(remote::AuthSaslStartArgs{mech, data ? 0 : 1, toChars(data)});
}

QByteArray SaslAuthenticator::encodeStepArgs(const std::optional<QByteArray> &data)
{
    return xdr::toBytes(remote::AuthSaslStepArgs{data ? 0 : 1, toChars(data)});
}

bool SaslAuthenticator::decodeInitRet(const QByteArray &payload, QByteArray *mechlist)
{
    remote::AuthSaslInitRet ret;
    if (!xdr::fromBytes(payload, ret))
        return false;
    *mechlist = ret.mechlist;
    return true;
}

bool SaslAuthenticator::decodeStepRet(const QByteArray &payload, bool *complete,
                                      std::optional<QByteArray> *data)
{
    // remote_auth_sasl_start_ret and remote_auth_sasl_step_ret share a layout
    remote::AuthSaslStepRet ret;
    if (!xdr::fromBytes(payload, ret))
        return false;
    *complete = ret.complete != 0;
    *data = fromChars(ret.nil, ret.data);
    return true;
}

void SaslAuthenticator::finish(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_stage = Stage::Done;
    Q_EMIT finished(error);
}

void SaslAuthenticator::start()
{
    m_client = std::make_shared<SaslClient>();
    if (!m_client->init(m_options)) {
        const QString message = m_client->errorString();
        QMetaObject::invokeMethod(
            this, [this, message] { finish(Error::transport(Error::AuthFailed, message)); },
            Qt::QueuedConnection);
        return;
    }
    QPointer<SaslAuthenticator> self(this);
    m_caller(procInit, QByteArray(), [self](const Error &error, const QByteArray &payload) {
        if (self)
            self->onInit(error, payload);
    });
}

void SaslAuthenticator::onInit(const Error &error, const QByteArray &payload)
{
    if (error) {
        finish(error);
        return;
    }
    if (!decodeInitRet(payload, &m_mechlist)) {
        finish(Error::transport(Error::ProtocolViolation,
                                QStringLiteral("malformed AUTH_SASL_INIT reply")));
        return;
    }
    if (!m_wanted.isEmpty()) {
        const QList<QByteArray> offered = m_mechlist.toUpper().split(',');
        QList<QByteArray> words;
        for (const QByteArray &o : offered)
            words += o.split(' ');
        if (!words.contains(m_wanted.toUpper().toUtf8())) {
            finish(Error::transport(Error::AuthFailed,
                                    QStringLiteral("SASL mechanism %1 not supported by server "
                                                   "(it offers %2)")
                                        .arg(m_wanted, QString::fromUtf8(m_mechlist))));
            return;
        }
        m_mechlist = m_wanted.toUpper().toUtf8();
    }
    m_stage = Stage::Start;
    runStart();
}

void SaslAuthenticator::runStart()
{
    QByteArray mech;
    std::optional<QByteArray> out;
    const SaslClient::Status status = m_client->start(m_mechlist, &mech, &out);
    if (status == SaslClient::Status::NeedCredentials) {
        askCredentials();
        return;
    }
    if (status == SaslClient::Status::Failed) {
        finish(Error::transport(
            Error::AuthFailed,
            QStringLiteral("SASL authentication failed: %1").arg(m_client->errorString())));
        return;
    }
    if (out && out->size() > dataMax) {
        finish(Error::transport(
            Error::AuthFailed,
            QStringLiteral("SASL negotiation data too long: %1 bytes").arg(out->size())));
        return;
    }
    QPointer<SaslAuthenticator> self(this);
    m_caller(procStart, encodeStartArgs(mech, out),
             [self](const Error &error, const QByteArray &payload) {
                 if (self)
                     self->onServerData(error, payload);
             });
}

void SaslAuthenticator::onServerData(const Error &error, const QByteArray &payload)
{
    if (error) {
        // libvirtd's own error, as libvirt's client reports it (a wrong
        // password: VIR_ERR_AUTH_FAILED "authentication failed: ...")
        finish(error);
        return;
    }
    if (!decodeStepRet(payload, &m_serverComplete, &m_serverData)) {
        finish(Error::transport(Error::ProtocolViolation,
                                QStringLiteral("malformed AUTH_SASL_START/STEP reply")));
        return;
    }
    m_stage = Stage::Step;
    runStep();
}

void SaslAuthenticator::runStep()
{
    std::optional<QByteArray> out;
    const SaslClient::Status status = m_client->step(m_serverData, &out);
    if (status == SaslClient::Status::NeedCredentials) {
        askCredentials();
        return;
    }
    if (status == SaslClient::Status::Failed) {
        finish(Error::transport(
            Error::AuthFailed,
            QStringLiteral("SASL authentication failed: %1").arg(m_client->errorString())));
        return;
    }
    // Even when the server said complete, the client had to verify it
    // (mutual authentication) with one more step.
    if (m_serverComplete && status == SaslClient::Status::Complete) {
        if (m_options.minSsf > 0 && m_client->ssf() < int(m_options.minSsf)) {
            finish(Error::transport(
                Error::AuthFailed,
                QStringLiteral("negotiation SSF %1 was not strong enough").arg(m_client->ssf())));
            return;
        }
        finish(Error());
        return;
    }
    if (out && out->size() > dataMax) {
        finish(Error::transport(
            Error::AuthFailed,
            QStringLiteral("SASL negotiation data too long: %1 bytes").arg(out->size())));
        return;
    }
    QPointer<SaslAuthenticator> self(this);
    m_caller(procStep, encodeStepArgs(out), [self](const Error &error, const QByteArray &payload) {
        if (self)
            self->onServerData(error, payload);
    });
}

void SaslAuthenticator::askCredentials()
{
    const QList<SaslClient::Prompt> prompts = m_client->prompts();
    if (prompts.isEmpty()) {
        finish(Error::transport(Error::AuthFailed, QStringLiteral("SASL asked for credentials "
                                                                  "without naming them")));
        return;
    }
    auto answers = std::make_shared<QList<std::optional<QString>>>();
    askNext(prompts, answers);
}

// One prompt at a time, in libsasl2's order (a terminal or a dialog asks
// for the user name before the password).
void SaslAuthenticator::askNext(const QList<SaslClient::Prompt> &prompts,
                                const std::shared_ptr<QList<std::optional<QString>>> &answers)
{
    if (m_finished)
        return;
    if (answers->size() == prompts.size()) {
        m_client->setAnswers(*answers);
        if (m_stage == Stage::Start)
            runStart();
        else
            runStep();
        return;
    }
    const SaslClient::Prompt &p = prompts.at(answers->size());
    QString text = p.prompt;
    if (p.kind == SaslClient::Prompt::Kind::AuthName && text.isEmpty())
        text = QStringLiteral("Please enter your authentication name");
    if (p.kind == SaslClient::Prompt::Kind::Password && text.isEmpty())
        text = QStringLiteral("Please enter your password");
    auto *request = new AuthRequest(requestKind(p.kind), text, this);
    request->setHost(m_options.host);
    request->setDetail(p.challenge);
    request->setDefaultValue(p.defaultValue);
    connect(request, &AuthRequest::done, this, [this, request, prompts, answers] {
        request->deleteLater();
        if (m_finished)
            return;
        if (request->isCancelled()) {
            finish(Error::transport(Error::AuthCancelled,
                                    QStringLiteral("SASL authentication cancelled by the user")));
            return;
        }
        answers->append(request->value());
        askNext(prompts, answers);
    });
    Q_EMIT authenticationRequired(request);
}

} // namespace verx
