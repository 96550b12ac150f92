// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace verx::manager {

class HostSession;
class SearchBar;
class XmlEditor;

// The domain's XML: edit, see the diff, apply (define with validation),
// revert; a failed apply keeps the edit with libvirt's message; a change
// made elsewhere is announced.
class DomainXmlPage : public QWidget
{
    Q_OBJECT
public:
    DomainXmlPage(HostSession *session, const QByteArray &uuid, QWidget *parent = nullptr);

    XmlEditor *editor() const { return m_editor; }
    // The XML the edit began with (as last loaded from the host).
    QString originalXml() const { return m_original; }
    QString errorText() const;
    bool isModified() const;

public slots:
    void reload();
    void revert();
    // Fetches the host's XML: when it changed since the edit began, shows
    // those changes and lets the user choose (XmlConflictDialog); then shows
    // the diff of the edit, and applies when confirmed.
    void apply();
    // Applies the editor's text without asking (tests, scripted use).
    void applyNow();
    void find();

signals:
    void loaded();
    void applied();
    void applyFailed(const QString &message);
    // The XML changed on the host while the editor had edits.
    void changedUnderneath();

private:
    void load(const QString &xml);
    void confirmApply(const QString &hostXml);
    void resolveConflict(const QString &hostXml);
    void showChangedBanner();
    void onDomainEvent(const QByteArray &uuid, int event);
    void setError(const QString &text);

    QPointer<HostSession> m_session;
    QByteArray m_uuid;
    QString m_original;
    bool m_ownDefine = false; // our own define is in flight
    XmlEditor *m_editor = nullptr;
    SearchBar *m_search = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_banner = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_revert = nullptr;
};

} // namespace verx::manager
