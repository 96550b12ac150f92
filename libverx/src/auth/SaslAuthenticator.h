// SPDX-License-Identifier: LGPL-2.1-or-later
// Runs libvirt's SASL exchange (AUTH_SASL_INIT 67, START 68, STEP 69) as
// remoteAuthSASL does, over calls made by the engine, and turns libsasl2's
// credential prompts into AuthRequests. On success the SaslClient is kept
// for the security layer (the Dispatcher encodes and decodes every packet
// through it) when ssf() > 0.
#pragma once

#include "SaslClient.h"

#include <verx/AuthRequest.h>
#include <verx/Error.h>

#include <QObject>

#include <functional>
#include <memory>

namespace verx {

class SaslAuthenticator : public QObject
{
    Q_OBJECT
public:
    // Completes one call: error (null on success) and the reply payload.
    using ReplyHandler = std::function<void(const Error &error, const QByteArray &payload)>;
    // Sends a remote-program CALL with procedure and XDR args; must invoke
    // the handler exactly once, later (never from within the call).
    using Caller = std::function<void(int procedure, const QByteArray &args, ReplyHandler)>;

    SaslAuthenticator(Caller caller, const SaslClient::Options &options, QObject *parent = nullptr);
    ~SaslAuthenticator() override;

    // Restricts the choice to one mechanism (the URI's auth=sasl.MECH).
    void setMechanism(const QString &mechanism) { m_wanted = mechanism; }

    void start();
    // The negotiated client (after finished() without error).
    std::shared_ptr<SaslClient> client() const { return m_client; }
    QString mechanism() const;

    // XDR of the auth structures (char data<> is one 4-byte word per byte).
    static QByteArray encodeStartArgs(const QByteArray &mech,
                                      const std::optional<QByteArray> &data);
    static QByteArray encodeStepArgs(const std::optional<QByteArray> &data);
    static bool decodeInitRet(const QByteArray &payload, QByteArray *mechlist);
    // start_ret and step_ret have the same layout.
    static bool decodeStepRet(const QByteArray &payload, bool *complete,
                              std::optional<QByteArray> *data);

Q_SIGNALS:
    void authenticationRequired(verx::AuthRequest *request);
    // Emitted once; a null error means authenticated.
    void finished(const verx::Error &error);

private:
    enum class Stage { Init, Start, Step, Done };

    void onInit(const Error &error, const QByteArray &payload);
    void runStart();
    void onServerData(const Error &error, const QByteArray &payload);
    void runStep();
    void askCredentials();
    void askNext(const QList<SaslClient::Prompt> &prompts,
                 const std::shared_ptr<QList<std::optional<QString>>> &answers);
    void finish(const Error &error);

    Caller m_caller;
    SaslClient::Options m_options;
    std::shared_ptr<SaslClient> m_client;
    QString m_wanted;
    QByteArray m_mechlist;
    Stage m_stage = Stage::Init;
    bool m_serverComplete = false;
    std::optional<QByteArray> m_serverData;
    bool m_finished = false;
};

} // namespace verx
