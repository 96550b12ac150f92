// SPDX-License-Identifier: LGPL-2.1-or-later
#include "SaslAuthenticator.h"

#include <QPointer>
#include <QtEndian>

namespace verx {

namespace {

constexpr int procInit = 67;
constexpr int procStart = 68;
constexpr int procStep = 69;
constexpr qsizetype dataMax = 65536;

void putU32(QByteArray *out, quint32 value)
{
    char word[4];
    qToBigEndian(value, word);
    out->append(word, 4);
}

bool getU32(const QByteArray &in, qsizetype *pos, quint32 *value)
{
    if (*pos + 4 > in.size())
        return false;
    *value = qFromBigEndian<quint32>(in.constData() + *pos);
    *pos += 4;
    return true;
}

void putCharArray(QByteArray *out, const QByteArray &data)
{
    putU32(out, quint32(data.size()));
    for (const char c : data)
        putU32(out, quint32(qint32(static_cast<signed char>(c))));
}

bool getCharArray(const QByteArray &in, qsizetype *pos, QByteArray *data)
{
    quint32 count = 0;
    if (!getU32(in, pos, &count) || count > dataMax || *pos + qsizetype(count) * 4 > in.size())
        return false;
    data->clear();
    data->reserve(count);
    for (quint32 i = 0; i < count; ++i) {
        quint32 word = 0;
        getU32(in, pos, &word);
        data->append(char(word & 0xff));
    }
    return true;
}

AuthRequest::Kind requestKind(SaslClient::Prompt::Kind kind)
{
    switch (kind) {
    case SaslClient::Prompt::Kind::AuthName:
    case SaslClient::Prompt::Kind::UserName:
        return AuthRequest::Kind::Username;
    case SaslClient::Prompt::Kind::Password:
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
    QByteArray out;
    putU32(&out, quint32(mech.size()));
    out.append(mech);
    out.append((4 - mech.size() % 4) % 4, '\0');
    putU32(&out, data ? 0 : 1);
    putCharArray(&out, data.value_or(QByteArray()));
    return out;
}

QByteArray SaslAuthenticator::encodeStepArgs(const std::optional<QByteArray> &data)
{
    QByteArray out;
    putU32(&out, data ? 0 : 1);
    putCharArray(&out, data.value_or(QByteArray()));
    return out;
}

bool SaslAuthenticator::decodeInitRet(const QByteArray &payload, QByteArray *mechlist)
{
    qsizetype pos = 0;
    quint32 len = 0;
    if (!getU32(payload, &pos, &len) || len > 4194304 || pos + qsizetype(len) > payload.size())
        return false;
    *mechlist = payload.mid(pos, len);
    return true;
}

bool SaslAuthenticator::decodeStepRet(const QByteArray &payload, bool *complete,
                                      std::optional<QByteArray> *data)
{
    qsizetype pos = 0;
    quint32 done = 0, nil = 0;
    QByteArray bytes;
    if (!getU32(payload, &pos, &done) || !getU32(payload, &pos, &nil) ||
        !getCharArray(payload, &pos, &bytes))
        return false;
    *complete = done != 0;
    *data = nil ? std::nullopt : std::optional<QByteArray>(bytes);
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
        finish(Error::transport(Error::AuthFailed, m_client->errorString()));
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
        // libvirtd answers a wrong password with "authentication failed".
        Error e = error;
        if (!e.isTransportError())
            e.setMessage(QStringLiteral("SASL authentication (%1) failed: %2")
                             .arg(mechanism(), error.message()));
        finish(e);
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
        finish(Error::transport(Error::AuthFailed, m_client->errorString()));
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
    auto answers = std::make_shared<QList<std::optional<QString>>>();
    answers->resize(prompts.size());
    auto pending = std::make_shared<int>(int(prompts.size()));
    auto cancelled = std::make_shared<bool>(false);
    if (prompts.isEmpty()) {
        finish(Error::transport(Error::AuthFailed, QStringLiteral("SASL asked for credentials "
                                                                  "without naming them")));
        return;
    }
    for (qsizetype i = 0; i < prompts.size(); ++i) {
        const SaslClient::Prompt &p = prompts.at(i);
        QString text = p.prompt;
        if (p.kind == SaslClient::Prompt::Kind::AuthName && text.isEmpty())
            text = QStringLiteral("Please enter your authentication name");
        if (p.kind == SaslClient::Prompt::Kind::Password && text.isEmpty())
            text = QStringLiteral("Please enter your password");
        auto *request = new AuthRequest(requestKind(p.kind), text, this);
        request->setHost(m_options.host);
        request->setDetail(p.challenge);
        request->setDefaultValue(p.defaultValue);
        connect(request, &AuthRequest::done, this, [this, request, i, answers, pending, cancelled] {
            if (request->isCancelled())
                *cancelled = true;
            else
                (*answers)[i] = request->value();
            request->deleteLater();
            if (--*pending > 0 || m_finished)
                return;
            if (*cancelled) {
                finish(
                    Error::transport(Error::AuthCancelled,
                                     QStringLiteral("SASL authentication cancelled by the user")));
                return;
            }
            m_client->setAnswers(*answers);
            if (m_stage == Stage::Start)
                runStart();
            else
                runStep();
        });
        Q_EMIT authenticationRequired(request);
    }
}

} // namespace verx
