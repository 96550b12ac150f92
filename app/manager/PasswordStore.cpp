// SPDX-License-Identifier: GPL-2.0-or-later
#include "PasswordStore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>
#include <QSettings>

namespace verx::manager::PasswordStore {
namespace {
const QString service = QStringLiteral("verx-manager");
const QString keysSetting = QStringLiteral("keyring/keys");

QStringList noted()
{
    return QSettings().value(keysSetting).toStringList();
}
void setNoted(const QStringList &keys)
{
    QSettings settings;
    if (keys.isEmpty())
        settings.remove(keysSetting);
    else
        settings.setValue(keysSetting, keys);
}
} // namespace

QString keyFor(const QString &uri, const QString &what)
{
    return uri + QLatin1Char('#') + what;
}

void read(const QString &key, QObject *context, std::function<void(const QString &)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done](QKeychain::Job *j) {
        auto *r = static_cast<QKeychain::ReadPasswordJob *>(j);
        done(r->error() == QKeychain::NoError ? r->textData() : QString());
    });
    job->start();
}

void write(const QString &key, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    job->start();
    noteKey(key);
}

void remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->start();
    forgetKey(key);
}

void noteKey(const QString &key)
{
    QStringList keys = noted();
    if (!keys.contains(key)) {
        keys.append(key);
        setNoted(keys);
    }
}

void forgetKey(const QString &key)
{
    QStringList keys = noted();
    if (keys.removeAll(key) > 0)
        setNoted(keys);
}

QStringList keysFor(const QString &uri)
{
    const QString prefix = keyFor(uri, QString());
    QStringList keys;
    for (const QString &key : noted())
        if (key.startsWith(prefix))
            keys.append(key);
    return keys;
}

void removeAllFor(const QString &uri)
{
    for (const QString &key : keysFor(uri))
        remove(key);
}

} // namespace verx::manager::PasswordStore
