// SPDX-License-Identifier: LGPL-2.1-or-later
#include "AskpassBridge.h"

#include <QDir>
#include <QFile>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace verx {

namespace {

// The script ssh runs: it writes "pid\nhint\nprompt\0" to the prompt FIFO
// and waits for a line "pid+answer" (or "pid-") on the answer FIFO. Both
// FIFOs are held open read-write by the bridge, so opening them never blocks
// and no end-of-file is seen between prompts.
constexpr char scriptTemplate[] = R"(#!/bin/sh
# verx askpass bridge: hands ssh's prompt to the verx connection.
d=%1
printf '%s\n%s\n%s\0' "$$" "${SSH_ASKPASS_PROMPT:-}" "$1" >"$d/prompt" || exit 1
while IFS= read -r a; do
    case $a in
    "$$+"*) printf '%s\n' "${a#"$$+"}"; exit 0 ;;
    "$$-"*) exit 1 ;;
    esac
done <"$d/answer"
exit 1
)";

QString quoted(const QString &path)
{
    QString out = QStringLiteral("'");
    for (const QChar c : path)
        out += c == QLatin1Char('\'') ? QStringLiteral("'\\''") : QString(c);
    return out + QLatin1Char('\'');
}

QString systemError(const QString &what)
{
    return what + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

AskpassBridge::AskpassBridge(QObject *parent) : QObject(parent) {}

AskpassBridge::~AskpassBridge()
{
    delete m_notifier;
    if (m_promptFd >= 0)
        ::close(m_promptFd);
    if (m_answerFd >= 0)
        ::close(m_answerFd);
}

bool AskpassBridge::start(QString *error)
{
    m_dir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/verx-askpass-XXXXXX"));
    if (!m_dir->isValid()) {
        *error =
            QStringLiteral("cannot create the askpass directory: %1").arg(m_dir->errorString());
        return false;
    }
    const QByteArray prompt = QFile::encodeName(m_dir->filePath(QStringLiteral("prompt")));
    const QByteArray answer = QFile::encodeName(m_dir->filePath(QStringLiteral("answer")));
    if (::mkfifo(prompt.constData(), 0600) != 0 || ::mkfifo(answer.constData(), 0600) != 0) {
        *error = systemError(QStringLiteral("cannot create the askpass FIFOs"));
        return false;
    }
    m_promptFd = ::open(prompt.constData(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    m_answerFd = ::open(answer.constData(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (m_promptFd < 0 || m_answerFd < 0) {
        *error = systemError(QStringLiteral("cannot open the askpass FIFOs"));
        return false;
    }
    QFile script(scriptPath());
    if (!script.open(QIODevice::WriteOnly) ||
        script.write(QString::fromLatin1(scriptTemplate).arg(quoted(m_dir->path())).toUtf8()) < 0 ||
        !script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                               QFileDevice::ExeOwner)) {
        *error = QStringLiteral("cannot write the askpass script %1: %2")
                     .arg(scriptPath(), script.errorString());
        return false;
    }
    script.close();
    m_notifier = new QSocketNotifier(m_promptFd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &AskpassBridge::readPrompts);
    return true;
}

QString AskpassBridge::scriptPath() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("askpass")) : QString();
}

QProcessEnvironment AskpassBridge::environment(const QProcessEnvironment &env) const
{
    QProcessEnvironment out = env;
    out.insert(QStringLiteral("SSH_ASKPASS"), scriptPath());
    out.insert(QStringLiteral("SSH_ASKPASS_REQUIRE"), QStringLiteral("force"));
    // Older OpenSSH (before SSH_ASKPASS_REQUIRE) wants a display to use it.
    if (!out.contains(QStringLiteral("DISPLAY")))
        out.insert(QStringLiteral("DISPLAY"), QStringLiteral("verx:0"));
    return out;
}

void AskpassBridge::answer(qint64 id, const QString &text)
{
    QByteArray line = QByteArray::number(id) + '+' + text.toUtf8();
    line.replace('\n', ' ');
    writeAnswer(line + '\n');
}

void AskpassBridge::refuse(qint64 id)
{
    writeAnswer(QByteArray::number(id) + "-\n");
}

void AskpassBridge::writeAnswer(const QByteArray &line)
{
    if (m_answerFd < 0)
        return;
    // Far below the FIFO's capacity; the script consumes it right away.
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(m_answerFd, line.constData() + done, size_t(line.size() - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        done += n;
    }
}

void AskpassBridge::readPrompts()
{
    char chunk[4096];
    for (;;) {
        const ssize_t n = ::read(m_promptFd, chunk, sizeof chunk);
        if (n > 0) {
            m_buffer.append(chunk, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break;
    }
    qsizetype end;
    while ((end = m_buffer.indexOf('\0')) >= 0) {
        const QByteArray message = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        const qsizetype first = message.indexOf('\n');
        const qsizetype second = first < 0 ? -1 : message.indexOf('\n', first + 1);
        if (second < 0)
            continue;
        bool ok = false;
        const qint64 id = message.left(first).toLongLong(&ok);
        if (!ok)
            continue;
        const QString hint = QString::fromUtf8(message.mid(first + 1, second - first - 1));
        const QString prompt = QString::fromUtf8(message.mid(second + 1)).trimmed();
        Q_EMIT promptReceived(id, prompt, hint);
    }
}

} // namespace verx
