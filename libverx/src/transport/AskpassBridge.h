// SPDX-License-Identifier: LGPL-2.1-or-later
// Turns ssh's SSH_ASKPASS prompts into signals. start() makes a private
// directory (0700) with two FIFOs and a small sh script; run ssh with
// environment() (SSH_ASKPASS=<script>, SSH_ASKPASS_REQUIRE=force). Each time
// ssh runs the script, promptReceived() is emitted; answer it with answer()
// or refuse(), from any later event loop iteration.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <memory>

class QSocketNotifier;
class QTemporaryDir;

namespace verx {

class AskpassBridge : public QObject
{
    Q_OBJECT
public:
    explicit AskpassBridge(QObject *parent = nullptr);
    ~AskpassBridge() override;

    // Creates the directory, FIFOs and script; false with *error on failure.
    bool start(QString *error);
    // The script's path (valid after start()).
    QString scriptPath() const;
    // env plus SSH_ASKPASS, SSH_ASKPASS_REQUIRE=force and a DISPLAY if none.
    QProcessEnvironment environment(const QProcessEnvironment &env) const;

    // Answers the prompt with id (from promptReceived()).
    void answer(qint64 id, const QString &text);
    // Makes the script fail: ssh treats it as no answer.
    void refuse(qint64 id);

Q_SIGNALS:
    // hint is ssh's SSH_ASKPASS_PROMPT: "confirm" (yes/no), "none" (a notice
    // needing no answer) or empty (a passphrase/password/question).
    void promptReceived(qint64 id, const QString &prompt, const QString &hint);

private:
    void readPrompts();
    void writeAnswer(const QByteArray &line);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_promptFd = -1;
    int m_answerFd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_buffer;
};

} // namespace verx
