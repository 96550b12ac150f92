// SPDX-License-Identifier: GPL-2.0-or-later
#include "HostDetailsPage.h"

#include "HostSession.h"
#include "XmlEditor.h"

#include <verx/calls/RemoteCalls.h>

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace verx::manager {
namespace {

QString versionText(quint64 v)
{
    return QStringLiteral("%1.%2.%3").arg(v / 1000000).arg(v / 1000 % 1000).arg(v % 1000);
}

} // namespace

HostDetailsPage::HostDetailsPage(QWidget *parent) : QWidget(parent)
{
    auto *box = new QGroupBox(tr("Host"));
    m_form = new QFormLayout(box);
    const QList<QPair<QString, QString>> rows = {
        {QStringLiteral("uri"), tr("URI:")},
        {QStringLiteral("hostname"), tr("Host name:")},
        {QStringLiteral("driver"), tr("Hypervisor:")},
        {QStringLiteral("hvVersion"), tr("Hypervisor version:")},
        {QStringLiteral("libVersion"), tr("libvirt version:")},
        {QStringLiteral("cpuModel"), tr("CPU model:")},
        {QStringLiteral("cpus"), tr("CPUs:")},
        {QStringLiteral("topology"), tr("Topology:")},
        {QStringLiteral("memory"), tr("Memory:")},
    };
    for (const auto &[key, label] : rows) {
        auto *value = new QLabel;
        value->setObjectName(key);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_form->addRow(label, value);
        m_fields.insert(key, value);
    }
    m_capabilities = new XmlEditor;
    m_capabilities->setReadOnly(true);
    auto *capsBox = new QGroupBox(tr("Capabilities"));
    auto *capsLayout = new QVBoxLayout(capsBox);
    capsLayout->addWidget(m_capabilities);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(box);
    layout->addWidget(capsBox, 1);
}

void HostDetailsPage::setSession(HostSession *session)
{
    if (m_session == session)
        return;
    if (m_session)
        m_session->disconnect(this);
    m_session = session;
    for (QLabel *l : std::as_const(m_fields))
        l->clear();
    m_capabilities->clear();
    if (session) {
        connect(session, &HostSession::populated, this, &HostDetailsPage::refresh);
        refresh();
    }
}

QString HostDetailsPage::field(const QString &name) const
{
    QLabel *l = m_fields.value(name);
    return l ? l->text() : QString();
}

void HostDetailsPage::setField(const QString &name, const QString &value)
{
    if (QLabel *l = m_fields.value(name))
        l->setText(value);
}

void HostDetailsPage::refresh()
{
    if (!m_session)
        return;
    setField(QStringLiteral("uri"), m_session->saved().uri);
    if (!m_session->isConnected())
        return;
    verx::remote::Calls *calls = m_session->calls();
    m_pending = 6;
    auto done = [this] {
        if (--m_pending == 0)
            emit refreshed();
    };
    auto failed = [done](const verx::Error &) { done(); };
    verx::onFinished(
        calls->connectGetHostname(), this,
        [this, done](const verx::remote::ConnectGetHostnameRet &r) {
            setField(QStringLiteral("hostname"), QString::fromUtf8(r.hostname));
            done();
        },
        failed);
    verx::onFinished(
        calls->connectGetType(), this,
        [this, done](const verx::remote::ConnectGetTypeRet &r) {
            setField(QStringLiteral("driver"), QString::fromUtf8(r.type));
            done();
        },
        failed);
    verx::onFinished(
        calls->connectGetVersion(), this,
        [this, done](const verx::remote::ConnectGetVersionRet &r) {
            setField(QStringLiteral("hvVersion"), versionText(r.hv_ver));
            done();
        },
        failed);
    verx::onFinished(
        calls->connectGetLibVersion(), this,
        [this, done](const verx::remote::ConnectGetLibVersionRet &r) {
            setField(QStringLiteral("libVersion"), versionText(r.lib_ver));
            done();
        },
        failed);
    verx::onFinished(
        calls->nodeGetInfo(), this,
        [this, done](const verx::remote::NodeGetInfoRet &r) {
            setField(QStringLiteral("cpuModel"),
                     QString::fromUtf8(r.model.data(), qstrnlen(r.model.data(), r.model.size())));
            setField(QStringLiteral("cpus"), tr("%1 at %2 MHz").arg(r.cpus).arg(r.mhz));
            setField(QStringLiteral("topology"),
                     tr("%1 NUMA nodes, %2 sockets, %3 cores, %4 threads")
                         .arg(r.nodes)
                         .arg(r.sockets)
                         .arg(r.cores)
                         .arg(r.threads));
            setField(QStringLiteral("memory"),
                     QLocale().formattedDataSize(qint64(r.memory) * 1024, 1,
                                                 QLocale::DataSizeTraditionalFormat));
            done();
        },
        failed);
    verx::onFinished(
        calls->connectGetCapabilities(), this,
        [this, done](const verx::remote::ConnectGetCapabilitiesRet &r) {
            m_capabilities->setPlainText(QString::fromUtf8(r.capabilities));
            done();
        },
        failed);
}

} // namespace verx::manager
