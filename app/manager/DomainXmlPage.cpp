// SPDX-License-Identifier: GPL-2.0-or-later
#include "DomainXmlPage.h"

#include "DiffDialog.h"
#include "DomainTableModel.h"
#include "HostSession.h"
#include "LineDiff.h"
#include "SearchBar.h"
#include "XmlConflictDialog.h"
#include "XmlEditor.h"
#include "XmlErrorLine.h"

#include <verx/calls/RemoteCalls.h>

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace verx::manager {
namespace {
// VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE: the persistent
// definition, passwords included, as "define" wants it back.
constexpr quint32 XmlFlags = 1 | 2;
constexpr quint32 DefineValidate = 1; // VIR_DOMAIN_DEFINE_VALIDATE
} // namespace

DomainXmlPage::DomainXmlPage(HostSession *session, const QByteArray &uuid, QWidget *parent)
    : QWidget(parent), m_session(session), m_uuid(uuid)
{
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("changedBanner"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    m_editor = new XmlEditor;
    m_editor->setObjectName(QStringLiteral("xmlEditor"));
    m_search = new SearchBar(m_editor);
    m_search->hide();
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("xmlError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(pal);
    m_error->hide();

    m_apply = new QPushButton(tr("&Apply…"));
    m_apply->setObjectName(QStringLiteral("applyXml"));
    m_revert = new QPushButton(tr("Re&vert"));
    auto *reloadButton = new QPushButton(tr("Re&load"));
    connect(m_apply, &QPushButton::clicked, this, &DomainXmlPage::apply);
    connect(m_revert, &QPushButton::clicked, this, &DomainXmlPage::revert);
    connect(reloadButton, &QPushButton::clicked, this, &DomainXmlPage::reload);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(reloadButton);
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);

    // Ctrl+F comes from the main window's Find, which calls find().
    auto *nextAction = new QAction(tr("Find next"), this);
    nextAction->setShortcut(QKeySequence::FindNext);
    nextAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(nextAction, &QAction::triggered, m_search, &SearchBar::findNext);
    addAction(nextAction);
    auto *prevAction = new QAction(tr("Find previous"), this);
    prevAction->setShortcut(QKeySequence::FindPrevious);
    prevAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(prevAction, &QAction::triggered, m_search, &SearchBar::findPrevious);
    addAction(prevAction);
    auto *saveAction = new QAction(tr("Apply"), this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(saveAction, &QAction::triggered, this, &DomainXmlPage::apply);
    addAction(saveAction);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_search);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(session, &HostSession::domainEvent, this,
            [this](const QByteArray &u, int event, int) { onDomainEvent(u, event); });
    reload();
}

QString DomainXmlPage::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

bool DomainXmlPage::isModified() const
{
    return m_editor->toPlainText() != m_original;
}

void DomainXmlPage::setError(const QString &text)
{
    if (text.isEmpty())
        m_editor->markErrorLine(0);
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void DomainXmlPage::reload()
{
    if (!m_session || !m_session->isConnected())
        return;
    verx::onFinished(
        m_session->calls()->domainGetXmlDesc({m_session->domainRef(m_uuid), XmlFlags}), this,
        [this](const verx::remote::DomainGetXmlDescRet &ret) {
            m_ownDefine = false;
            load(QString::fromUtf8(ret.xml));
        },
        [this](const verx::Error &e) { setError(tr("Cannot read the XML: %1").arg(e.message())); });
}

void DomainXmlPage::load(const QString &xml)
{
    m_original = xml;
    m_editor->setPlainText(m_original);
    m_banner->hide();
    setError({});
    emit loaded();
}

void DomainXmlPage::revert()
{
    m_editor->setPlainText(m_original);
    setError({});
}

void DomainXmlPage::find()
{
    m_search->activate();
}

void DomainXmlPage::apply()
{
    if (!isModified()) {
        setError(tr("Nothing to apply: the XML is unchanged."));
        return;
    }
    // (not while a check or a define is under way)
    if (!m_session || !m_session->isConnected() || !m_apply->isEnabled())
        return;
    // The host's XML now: when it is no longer the one the edit began
    // with, someone changed the domain meanwhile (maybe without an event,
    // as "virsh desc" does), and the user decides.
    m_apply->setEnabled(false);
    verx::onFinished(
        m_session->calls()->domainGetXmlDesc({m_session->domainRef(m_uuid), XmlFlags}), this,
        [this](const verx::remote::DomainGetXmlDescRet &ret) {
            m_apply->setEnabled(true);
            const QString fresh = QString::fromUtf8(ret.xml);
            if (fresh == m_original)
                confirmApply(fresh);
            else
                resolveConflict(fresh);
        },
        [this](const verx::Error &e) {
            m_apply->setEnabled(true);
            setError(tr("Cannot read the XML: %1").arg(e.message()));
        });
}

void DomainXmlPage::confirmApply(const QString &hostXml)
{
    const QString diff =
        LineDiff::unified(hostXml, m_editor->toPlainText(), tr("on the host"), tr("edited"));
    if (diff.isEmpty()) {
        setError(tr("Nothing to apply: the XML is unchanged."));
        return;
    }
    auto *dialog = new DiffDialog(tr("Apply XML Changes"), diff, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, &DomainXmlPage::applyNow);
    dialog->open();
}

void DomainXmlPage::resolveConflict(const QString &hostXml)
{
    showChangedBanner();
    emit changedUnderneath();
    const DomainRecord *d = m_session ? m_session->model()->find(m_uuid) : nullptr;
    auto *dialog = new XmlConflictDialog(
        d ? d->name : QString::fromLatin1(m_uuid.toHex()),
        LineDiff::unified(m_original, hostXml, tr("when you began editing"), tr("on the host now")),
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &XmlConflictDialog::chosen, this,
            [this, hostXml](XmlConflictDialog::Choice choice) {
                if (choice == XmlConflictDialog::ApplyMine)
                    confirmApply(hostXml); // the diff against what is there now
                else if (choice == XmlConflictDialog::LoadHost)
                    load(hostXml);
            });
    dialog->open();
}

void DomainXmlPage::showChangedBanner()
{
    m_banner->setText(tr("The domain's XML changed on the host while you were editing. "
                         "Apply shows the changes made there and lets you choose; Reload "
                         "loads the host's version."));
    m_banner->show();
}

void DomainXmlPage::applyNow()
{
    if (!m_session || !m_session->isConnected())
        return;
    const QString xml = m_editor->toPlainText();
    m_apply->setEnabled(false);
    m_ownDefine = true;
    verx::onFinished(
        m_session->calls()->domainDefineXmlFlags({xml.toUtf8(), DefineValidate}), this,
        [this](const verx::remote::DomainDefineXmlFlagsRet &) {
            m_apply->setEnabled(true);
            setError({});
            emit applied();
            reload();
        },
        [this](const verx::Error &e) {
            // The edit stays; libvirt's message says what is wrong.
            m_apply->setEnabled(true);
            m_ownDefine = false;
            // Where libvirt names a line, say it and go there.
            const int line = XmlErrorLine::find(e.message());
            m_editor->markErrorLine(line);
            if (m_editor->errorLine() > 0)
                setError(tr("Not applied (line %1): %2").arg(line).arg(e.message()));
            else
                setError(tr("Not applied: %1").arg(e.message()));
            emit applyFailed(e.message());
        });
}

void DomainXmlPage::onDomainEvent(const QByteArray &uuid, int event)
{
    if (uuid != m_uuid || !m_session || !m_session->isConnected())
        return;
    if (event != 0 || m_ownDefine) // only DEFINED changes the persistent XML
        return;
    verx::onFinished(
        m_session->calls()->domainGetXmlDesc({m_session->domainRef(m_uuid), XmlFlags}), this,
        [this](const verx::remote::DomainGetXmlDescRet &ret) {
            const QString fresh = QString::fromUtf8(ret.xml);
            if (fresh == m_original)
                return;
            if (!isModified()) {
                load(fresh);
                return;
            }
            // The edit stays, and so does the XML it began with: Apply
            // compares against it.
            showChangedBanner();
            emit changedUnderneath();
        },
        [](const verx::Error &) {});
}

} // namespace verx::manager
