// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "ConnectionSpec.h"
#include "SavedConnection.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QWidget;

namespace verx::manager {

// "Add connection": hypervisor, transport, user, host, port and options,
// with a live URI preview validated by the URI parser, or a raw URI.
class AddConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddConnectionDialog(QWidget *parent = nullptr);

    ConnectionSpec spec() const;
    void setSpec(const ConnectionSpec &spec);
    // The URI the dialog produces (the raw field when "Custom URI" is on).
    QString uri() const;
    // The URI error shown inline, empty when the URI is valid.
    QString uriError() const;
    SavedConnection savedConnection() const;

    void setRawUri(const QString &uri);

private:
    void updatePreview();
    void updateVisibility();

    QComboBox *m_hypervisor = nullptr;
    QLineEdit *m_customDriver = nullptr;
    QLineEdit *m_customPath = nullptr;
    QComboBox *m_transport = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_keyfile = nullptr;
    QLineEdit *m_pkipath = nullptr;
    QCheckBox *m_noVerify = nullptr;
    QLineEdit *m_socket = nullptr;
    QCheckBox *m_useRaw = nullptr;
    QLineEdit *m_raw = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_error = nullptr;
    QLineEdit *m_name = nullptr;
    QCheckBox *m_autoconnect = nullptr;
    QCheckBox *m_rememberPassword = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QList<QPair<QWidget *, QWidget *>> m_rows; // label, field
};

} // namespace verx::manager
