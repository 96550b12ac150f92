// SPDX-License-Identifier: GPL-2.0-or-later
#include "AddConnectionDialog.h"

#include "UriCheck.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace verx::manager {

using Hv = ConnectionSpec::Hypervisor;
using Tr = ConnectionSpec::Transport;

AddConnectionDialog::AddConnectionDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Add Connection"));
    auto *form = new QFormLayout;

    m_hypervisor = new QComboBox;
    m_hypervisor->setObjectName(QStringLiteral("hypervisor"));
    m_hypervisor->addItem(tr("QEMU/KVM (system)"), int(Hv::QemuSystem));
    m_hypervisor->addItem(tr("QEMU/KVM (user session)"), int(Hv::QemuSession));
    m_hypervisor->addItem(tr("LXC"), int(Hv::Lxc));
    m_hypervisor->addItem(tr("Test driver"), int(Hv::Test));
    m_hypervisor->addItem(tr("Custom"), int(Hv::Custom));
    form->addRow(tr("&Hypervisor:"), m_hypervisor);

    m_customDriver = new QLineEdit;
    m_customDriver->setObjectName(QStringLiteral("customDriver"));
    m_customDriver->setPlaceholderText(tr("driver, e.g. xen"));
    form->addRow(tr("&Driver:"), m_customDriver);
    m_customPath = new QLineEdit(QStringLiteral("/system"));
    m_customPath->setObjectName(QStringLiteral("customPath"));
    form->addRow(tr("&Path:"), m_customPath);

    m_transport = new QComboBox;
    m_transport->setObjectName(QStringLiteral("transport"));
    m_transport->addItem(tr("Local"), int(Tr::Local));
    m_transport->addItem(tr("SSH"), int(Tr::Ssh));
    m_transport->addItem(tr("TLS"), int(Tr::Tls));
    m_transport->addItem(tr("TCP (unencrypted)"), int(Tr::Tcp));
    form->addRow(tr("&Transport:"), m_transport);

    m_user = new QLineEdit;
    m_user->setObjectName(QStringLiteral("user"));
    form->addRow(tr("&User:"), m_user);
    m_host = new QLineEdit;
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("host name or address"));
    form->addRow(tr("H&ost:"), m_host);
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default"));
    form->addRow(tr("Po&rt:"), m_port);

    auto fileRow = [this](QLineEdit *edit, bool directory) {
        auto *row = new QWidget;
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(edit);
        auto *browse = new QPushButton(tr("Browse…"));
        h->addWidget(browse);
        connect(browse, &QPushButton::clicked, this, [this, edit, directory] {
            // open(), not a nested event loop (other connections go on).
            auto *dialog = new QFileDialog(
                this, directory ? tr("Choose a directory") : tr("Choose a file"), edit->text());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setFileMode(directory ? QFileDialog::Directory : QFileDialog::ExistingFile);
            if (directory)
                dialog->setOption(QFileDialog::ShowDirsOnly);
            connect(dialog, &QFileDialog::fileSelected, edit, [edit](const QString &f) {
                if (!f.isEmpty())
                    edit->setText(f);
            });
            dialog->open();
        });
        return row;
    };
    m_keyfile = new QLineEdit;
    m_keyfile->setObjectName(QStringLiteral("keyfile"));
    form->addRow(tr("SSH &key file:"), fileRow(m_keyfile, false));
    m_pkipath = new QLineEdit;
    m_pkipath->setObjectName(QStringLiteral("pkipath"));
    form->addRow(tr("&PKI directory:"), fileRow(m_pkipath, true));
    m_noVerify = new QCheckBox(tr("Do not verify the server certificate"));
    m_noVerify->setObjectName(QStringLiteral("noVerify"));
    form->addRow(QString(), m_noVerify);
    m_socket = new QLineEdit;
    m_socket->setObjectName(QStringLiteral("socket"));
    m_socket->setPlaceholderText(tr("default socket"));
    form->addRow(tr("&Socket:"), m_socket);

    m_useRaw = new QCheckBox(tr("Enter the URI &directly"));
    m_useRaw->setObjectName(QStringLiteral("useRaw"));
    form->addRow(QString(), m_useRaw);
    m_raw = new QLineEdit;
    m_raw->setObjectName(QStringLiteral("rawUri"));
    m_raw->setPlaceholderText(QStringLiteral("qemu+ssh://user@host/system"));
    form->addRow(tr("UR&I:"), m_raw);

    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Generated URI:"), m_preview);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("uriError"));
    m_error->setWordWrap(true);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_error->setPalette(pal);
    form->addRow(QString(), m_error);

    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("optional"));
    form->addRow(tr("&Name:"), m_name);
    m_autoconnect = new QCheckBox(tr("&Connect at start"));
    m_autoconnect->setObjectName(QStringLiteral("autoconnect"));
    m_autoconnect->setChecked(true);
    form->addRow(QString(), m_autoconnect);
    m_rememberPassword = new QCheckBox(tr("Remember &passwords in the keyring"));
    m_rememberPassword->setObjectName(QStringLiteral("rememberPassword"));
    form->addRow(QString(), m_rememberPassword);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    for (QLineEdit *e :
         {m_customDriver, m_customPath, m_user, m_host, m_keyfile, m_pkipath, m_socket, m_raw})
        connect(e, &QLineEdit::textChanged, this, &AddConnectionDialog::updatePreview);
    connect(m_port, &QSpinBox::valueChanged, this, &AddConnectionDialog::updatePreview);
    for (QComboBox *c : {m_hypervisor, m_transport})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            updateVisibility();
            updatePreview();
        });
    for (QCheckBox *c : {m_noVerify, m_useRaw})
        connect(c, &QCheckBox::toggled, this, [this] {
            updateVisibility();
            updatePreview();
        });
    updateVisibility();
    updatePreview();
}

ConnectionSpec AddConnectionDialog::spec() const
{
    ConnectionSpec s;
    s.hypervisor = Hv(m_hypervisor->currentData().toInt());
    s.transport = Tr(m_transport->currentData().toInt());
    s.customDriver = m_customDriver->text();
    s.customPath = m_customPath->text();
    s.user = m_user->text();
    s.host = m_host->text();
    s.port = m_port->value();
    s.keyfile = m_keyfile->text();
    s.pkipath = m_pkipath->text();
    s.noVerify = m_noVerify->isChecked();
    s.socket = m_socket->text();
    return s;
}

void AddConnectionDialog::setSpec(const ConnectionSpec &s)
{
    m_hypervisor->setCurrentIndex(m_hypervisor->findData(int(s.hypervisor)));
    m_transport->setCurrentIndex(m_transport->findData(int(s.transport)));
    m_customDriver->setText(s.customDriver);
    m_customPath->setText(s.customPath);
    m_user->setText(s.user);
    m_host->setText(s.host);
    m_port->setValue(s.port);
    m_keyfile->setText(s.keyfile);
    m_pkipath->setText(s.pkipath);
    m_noVerify->setChecked(s.noVerify);
    m_socket->setText(s.socket);
    m_useRaw->setChecked(false);
}

void AddConnectionDialog::setRawUri(const QString &uri)
{
    m_useRaw->setChecked(true);
    m_raw->setText(uri);
}

QString AddConnectionDialog::uri() const
{
    return m_useRaw->isChecked() ? m_raw->text().trimmed() : spec().toUri();
}

QString AddConnectionDialog::uriError() const
{
    return m_error->text();
}

SavedConnection AddConnectionDialog::savedConnection() const
{
    SavedConnection c;
    c.uri = uri();
    c.name = m_name->text().trimmed();
    if (c.name.isEmpty() && !m_useRaw->isChecked())
        c.name = spec().label();
    c.autoconnect = m_autoconnect->isChecked();
    c.rememberPassword = m_rememberPassword->isChecked();
    return c;
}

void AddConnectionDialog::updateVisibility()
{
    auto *form =
        qobject_cast<QFormLayout *>(static_cast<QVBoxLayout *>(layout())->itemAt(0)->layout());
    const bool raw = m_useRaw->isChecked();
    const auto s = spec();
    const bool custom = s.hypervisor == Hv::Custom;
    const bool remote = s.needsHost();
    auto show = [form](QWidget *w, bool visible) { form->setRowVisible(w, visible); };
    for (QWidget *w : {static_cast<QWidget *>(m_hypervisor), static_cast<QWidget *>(m_transport)})
        show(w, !raw);
    show(m_customDriver, !raw && custom);
    show(m_customPath, !raw && custom);
    show(m_user, !raw && remote);
    show(m_host, !raw && remote);
    show(m_port, !raw && remote);
    show(m_keyfile->parentWidget(), !raw && s.transport == Tr::Ssh);
    show(m_pkipath->parentWidget(), !raw && s.transport == Tr::Tls);
    show(m_noVerify, !raw && s.transport == Tr::Tls);
    show(m_socket, !raw && (s.transport == Tr::Local || s.transport == Tr::Ssh));
    show(m_raw, raw);
    show(m_preview, !raw);
    if (raw && m_raw->text().isEmpty())
        m_raw->setText(s.toUri());
}

void AddConnectionDialog::updatePreview()
{
    const ConnectionSpec s = spec();
    m_preview->setText(s.toUri());
    QString err;
    if (!m_useRaw->isChecked() && s.needsHost() && s.host.trimmed().isEmpty())
        err = tr("Enter the host to connect to.");
    else if (!m_useRaw->isChecked() && s.hypervisor == Hv::Custom &&
             s.customDriver.trimmed().isEmpty())
        err = tr("Enter the driver name.");
    else
        err = UriCheck::error(uri());
    m_error->setText(err);
    m_error->setVisible(!err.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(err.isEmpty());
}

} // namespace verx::manager
