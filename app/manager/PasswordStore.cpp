// SPDX-License-Identifier: GPL-2.0-or-later
#include "PasswordStore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

namespace verx::manager::PasswordStore {
namespace {
const QString service = QStringLiteral("verx-manager");
}

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
}

void remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->start();
}

} // namespace verx::manager::PasswordStore
