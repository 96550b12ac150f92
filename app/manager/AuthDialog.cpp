// SPDX-License-Identifier: GPL-2.0-or-later
#include "AuthDialog.h"

#include <verx/AuthRequest.h>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace verx::manager {

AuthDialog::AuthDialog(verx::AuthRequest *request, const QString &connectionName,
                       bool offerRemember, QWidget *parent)
    : QDialog(parent), m_request(request), m_kind(request->kind())
{
    setAttribute(Qt::WA_DeleteOnClose);
    const bool hostKey = request->kind() == verx::AuthRequest::Kind::HostKeyConfirmation;
    setWindowTitle(hostKey ? tr("Unknown Host Key") : tr("Authentication Required"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<b>%1</b>").arg(connectionName.toHtmlEscaped()));
    layout->addWidget(intro);
    auto *prompt = new QLabel(request->prompt());
    prompt->setWordWrap(true);
    layout->addWidget(prompt);
    if (!request->detail().isEmpty()) {
        auto *detail = new QLabel(request->detail());
        detail->setWordWrap(true);
        detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(detail);
    }
    auto *buttons = new QDialogButtonBox;
    if (hostKey) {
        layout->addWidget(new QLabel(tr("Accept this host key and connect?")));
        buttons->addButton(tr("&Accept"), QDialogButtonBox::AcceptRole);
        buttons->addButton(QDialogButtonBox::Cancel);
    } else {
        m_value = new QLineEdit(request->defaultValue());
        m_value->setObjectName(QStringLiteral("credential"));
        m_value->setEchoMode(request->echo() ? QLineEdit::Normal : QLineEdit::Password);
        layout->addWidget(m_value);
        if (offerRemember && !request->echo()) {
            m_remember = new QCheckBox(tr("&Remember in the keyring"));
            layout->addWidget(m_remember);
        }
        buttons->setStandardButtons(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    }
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::finished, this, &AuthDialog::finishWith);
    // The connection gave up (or another dialog answered): go away.
    connect(request, &QObject::destroyed, this, &QDialog::reject);
    connect(request, &verx::AuthRequest::done, this, [this] {
        if (isVisible())
            reject();
    });
}

bool AuthDialog::rememberRequested() const
{
    return m_remember && m_remember->isChecked();
}

QString AuthDialog::value() const
{
    return m_value ? m_value->text() : QString();
}

void AuthDialog::finishWith(int result)
{
    verx::AuthRequest *request = m_request.data();
    if (!request || request->isDone())
        return;
    m_request.clear();
    if (result != QDialog::Accepted) {
        request->cancel();
    } else if (request->kind() == verx::AuthRequest::Kind::HostKeyConfirmation) {
        request->confirm();
    } else {
        emit answered(value(), rememberRequested());
        request->answer(value());
    }
}

} // namespace verx::manager
