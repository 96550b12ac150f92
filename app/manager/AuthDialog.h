// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <verx/AuthRequest.h>

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLineEdit;

namespace verx::manager {

// Asks the user for one credential of a connection (user name, password,
// key passphrase) or to accept an unknown host key. Shown window-modal with
// open(): the event loop keeps running, other connections keep working.
// Closes itself when the request goes away (the connection died).
class AuthDialog : public QDialog
{
    Q_OBJECT
public:
    AuthDialog(verx::AuthRequest *request, const QString &connectionName, bool offerRemember,
               QWidget *parent = nullptr);

    // What is asked (tests and scripted answers).
    verx::AuthRequest::Kind kind() const { return m_kind; }
    bool rememberRequested() const;
    QString value() const;

signals:
    // The user answered; remember: store the secret in the keyring.
    void answered(const QString &value, bool remember);

private:
    void finishWith(int result);

    QPointer<verx::AuthRequest> m_request;
    verx::AuthRequest::Kind m_kind;
    QLineEdit *m_value = nullptr;
    QCheckBox *m_remember = nullptr;
};

} // namespace verx::manager
