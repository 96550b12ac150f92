// SPDX-License-Identifier: LGPL-2.1-or-later
#include "SaslClient.h"

#include <sasl/sasl.h>

#include <deque>
#include <mutex>

namespace verx {

namespace {

// sasl_client_init() is process-wide; its result is kept for every client.
int globalInit()
{
    static std::once_flag once;
    static int result = SASL_FAIL;
    std::call_once(once, [] { result = sasl_client_init(nullptr); });
    return result;
}

QString fromC(const char *text)
{
    return text ? QString::fromUtf8(text) : QString();
}

SaslClient::Prompt::Kind kindOf(unsigned long id)
{
    using Kind = SaslClient::Prompt::Kind;
    switch (id) {
    case SASL_CB_AUTHNAME:
        return Kind::AuthName;
    case SASL_CB_USER:
        return Kind::UserName;
    case SASL_CB_PASS:
        return Kind::Password;
    case SASL_CB_GETREALM:
        return Kind::Realm;
    case SASL_CB_NOECHOPROMPT:
        return Kind::NoEchoPrompt;
    default:
        return Kind::EchoPrompt;
    }
}

} // namespace

struct SaslClient::Private
{
    sasl_conn_t *conn = nullptr;
    // Callbacks without a procedure: libsasl2 then returns SASL_INTERACT
    // and lists what it needs, which lets the caller ask asynchronously.
    sasl_callback_t callbacks[5] = {
        {SASL_CB_AUTHNAME, nullptr, nullptr},   {SASL_CB_PASS, nullptr, nullptr},
        {SASL_CB_ECHOPROMPT, nullptr, nullptr}, {SASL_CB_NOECHOPROMPT, nullptr, nullptr},
        {SASL_CB_LIST_END, nullptr, nullptr},
    };
    sasl_interact_t *interact = nullptr;
    std::deque<QByteArray> answerStore; // keeps answers alive for libsasl2
    bool cancelled = false;             // a prompt was refused: the exchange ends
    QString mechanism;
    QString error;

    void fail(const QString &what, int code)
    {
        QString detail =
            conn ? fromC(sasl_errdetail(conn)) : fromC(sasl_errstring(code, nullptr, nullptr));
        error = what + QStringLiteral(": ") + detail;
    }

    Status finish(int rc, const char *out, unsigned outLen, std::optional<QByteArray> *clientOut,
                  const QString &what)
    {
        if (rc == SASL_INTERACT)
            return Status::NeedCredentials;
        interact = nullptr;
        if (rc != SASL_OK && rc != SASL_CONTINUE) {
            fail(what, rc);
            return Status::Failed;
        }
        if (clientOut)
            *clientOut = out ? std::optional<QByteArray>(QByteArray(out, outLen)) : std::nullopt;
        return rc == SASL_OK ? Status::Complete : Status::Continue;
    }
};

SaslClient::SaslClient() : d(std::make_unique<Private>()) {}

SaslClient::~SaslClient()
{
    if (d->conn)
        sasl_dispose(&d->conn);
}

bool SaslClient::init(const Options &options)
{
    const int rc = globalInit();
    if (rc != SASL_OK) {
        d->error = QStringLiteral("cannot initialise the SASL library: %1")
                       .arg(fromC(sasl_errstring(rc, nullptr, nullptr)));
        return false;
    }
    const QByteArray service = options.service.toUtf8();
    const QByteArray host = options.host.toUtf8();
    const QByteArray local = options.localAddress.toUtf8();
    const QByteArray remote = options.remoteAddress.toUtf8();
    int err = sasl_client_new(service.constData(), host.isEmpty() ? nullptr : host.constData(),
                              local.isEmpty() ? nullptr : local.constData(),
                              remote.isEmpty() ? nullptr : remote.constData(), d->callbacks,
                              SASL_SUCCESS_DATA, &d->conn);
    if (err != SASL_OK) {
        d->fail(QStringLiteral("cannot create the SASL client"), err);
        if (d->conn)
            sasl_dispose(&d->conn);
        return false;
    }
    if (options.externalSsf > 0) {
        sasl_ssf_t ext = options.externalSsf;
        err = sasl_setprop(d->conn, SASL_SSF_EXTERNAL, &ext);
        if (err != SASL_OK) {
            d->fail(QStringLiteral("cannot set the SASL external SSF"), err);
            return false;
        }
    }
    sasl_security_properties_t props{};
    props.min_ssf = options.minSsf;
    props.max_ssf = options.maxSsf;
    props.maxbufsize = options.maxBufferSize;
    // As libvirt: plain-text and anonymous mechanisms only on secure channels.
    props.security_flags = options.minSsf > 0 ? (SASL_SEC_NOANONYMOUS | SASL_SEC_NOPLAINTEXT) : 0;
    err = sasl_setprop(d->conn, SASL_SEC_PROPS, &props);
    if (err != SASL_OK) {
        d->fail(QStringLiteral("cannot set the SASL security properties"), err);
        return false;
    }
    return true;
}

SaslClient::Status SaslClient::start(const QByteArray &mechanisms, QByteArray *mechanism,
                                     std::optional<QByteArray> *clientOut)
{
    if (!d->conn) {
        d->error = QStringLiteral("SASL client not initialised");
        return Status::Failed;
    }
    if (d->cancelled) {
        d->error = QStringLiteral("SASL authentication cancelled: no credentials given");
        return Status::Failed;
    }
    const char *out = nullptr;
    unsigned outLen = 0;
    const char *mech = nullptr;
    const QByteArray list = mechanisms;
    const int rc = sasl_client_start(d->conn, list.constData(), &d->interact, &out, &outLen, &mech);
    if (rc == SASL_NOMECH) {
        d->error = QStringLiteral("no SASL mechanism offered by the server (%1) is usable here")
                       .arg(QString::fromUtf8(mechanisms));
        const QString detail = fromC(sasl_errdetail(d->conn));
        if (!detail.isEmpty())
            d->error += QStringLiteral(": ") + detail;
        return Status::Failed;
    }
    // After SASL_INTERACT, libsasl2 resumes without naming the mechanism
    // again: keep the one it named first.
    if (mech)
        d->mechanism = QString::fromUtf8(mech);
    const Status status =
        d->finish(rc, out, outLen, clientOut, QStringLiteral("SASL negotiation failed"));
    if (mechanism && (status == Status::Continue || status == Status::Complete))
        *mechanism = d->mechanism.toUtf8();
    return status;
}

SaslClient::Status SaslClient::step(const std::optional<QByteArray> &serverIn,
                                    std::optional<QByteArray> *clientOut)
{
    if (!d->conn) {
        d->error = QStringLiteral("SASL client not initialised");
        return Status::Failed;
    }
    if (d->cancelled) {
        d->error = QStringLiteral("SASL authentication cancelled: no credentials given");
        return Status::Failed;
    }
    const char *out = nullptr;
    unsigned outLen = 0;
    const int rc =
        sasl_client_step(d->conn, serverIn ? serverIn->constData() : nullptr,
                         serverIn ? unsigned(serverIn->size()) : 0u, &d->interact, &out, &outLen);
    return d->finish(rc, out, outLen, clientOut, QStringLiteral("SASL authentication step failed"));
}

QList<SaslClient::Prompt> SaslClient::prompts() const
{
    QList<Prompt> list;
    for (sasl_interact_t *i = d->interact; i && i->id != SASL_CB_LIST_END; ++i) {
        Prompt p;
        p.kind = kindOf(i->id);
        p.prompt = fromC(i->prompt);
        p.challenge = fromC(i->challenge);
        p.defaultValue = fromC(i->defresult);
        list.append(p);
    }
    return list;
}

void SaslClient::setAnswers(const QList<std::optional<QString>> &answers)
{
    qsizetype index = 0;
    for (sasl_interact_t *i = d->interact; i && i->id != SASL_CB_LIST_END; ++i, ++index) {
        const std::optional<QString> answer =
            index < answers.size() ? answers.at(index) : std::nullopt;
        if (!answer) {
            d->cancelled = true;
            i->result = nullptr;
            i->len = 0;
            continue;
        }
        d->answerStore.push_back(answer->toUtf8());
        const QByteArray &stored = d->answerStore.back();
        i->result = stored.constData();
        i->len = unsigned(stored.size());
    }
}

QString SaslClient::mechanism() const
{
    return d->mechanism;
}

int SaslClient::ssf() const
{
    if (!d->conn)
        return 0;
    const void *value = nullptr;
    if (sasl_getprop(d->conn, SASL_SSF, &value) != SASL_OK || !value)
        return 0;
    return int(*static_cast<const sasl_ssf_t *>(value));
}

quint32 SaslClient::maxEncodeSize() const
{
    if (!d->conn)
        return 0;
    const void *value = nullptr;
    if (sasl_getprop(d->conn, SASL_MAXOUTBUF, &value) != SASL_OK || !value)
        return 0;
    return *static_cast<const unsigned *>(value);
}

bool SaslClient::encode(QByteArrayView plain, QByteArray *out)
{
    const quint32 chunk = maxEncodeSize();
    if (chunk == 0) {
        d->error = QStringLiteral("SASL security layer has no output buffer");
        return false;
    }
    qsizetype offset = 0;
    while (offset < plain.size()) {
        const unsigned len = unsigned(qMin<qsizetype>(chunk, plain.size() - offset));
        const char *encoded = nullptr;
        unsigned encodedLen = 0;
        const int rc = sasl_encode(d->conn, plain.data() + offset, len, &encoded, &encodedLen);
        if (rc != SASL_OK) {
            d->fail(QStringLiteral("SASL encoding failed"), rc);
            return false;
        }
        out->append(encoded, encodedLen);
        offset += len;
    }
    return true;
}

bool SaslClient::decode(QByteArrayView wire, QByteArray *out)
{
    // Fed in pieces no larger than what libvirt reads at once.
    constexpr qsizetype piece = 8192;
    qsizetype offset = 0;
    while (offset < wire.size()) {
        const unsigned len = unsigned(qMin<qsizetype>(piece, wire.size() - offset));
        const char *decoded = nullptr;
        unsigned decodedLen = 0;
        const int rc = sasl_decode(d->conn, wire.data() + offset, len, &decoded, &decodedLen);
        if (rc != SASL_OK) {
            d->fail(QStringLiteral("SASL decoding failed"), rc);
            return false;
        }
        if (decoded && decodedLen)
            out->append(decoded, decodedLen);
        offset += len;
    }
    return true;
}

QString SaslClient::errorString() const
{
    return d->error;
}

} // namespace verx
