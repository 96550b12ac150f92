// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace verx::manager {

class HostSession;
class XmlEditor;

// Host facts: host name, driver, libvirt and hypervisor versions, node
// info and the capabilities XML.
class HostDetailsPage : public QWidget
{
    Q_OBJECT
public:
    explicit HostDetailsPage(QWidget *parent = nullptr);

    void setSession(HostSession *session);
    QString field(const QString &name) const;

public slots:
    void refresh();

signals:
    void refreshed();

private:
    void setField(const QString &name, const QString &value);

    QPointer<HostSession> m_session;
    QFormLayout *m_form = nullptr;
    QHash<QString, QLabel *> m_fields;
    XmlEditor *m_capabilities = nullptr;
    int m_pending = 0;
};

} // namespace verx::manager
