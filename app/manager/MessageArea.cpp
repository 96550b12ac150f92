// SPDX-License-Identifier: GPL-2.0-or-later
#include "MessageArea.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace verx::manager {

MessageArea::MessageArea(QWidget *parent) : QWidget(parent)
{
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("messages"));
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *clearButton = new QToolButton;
    clearButton->setText(tr("Clear"));
    clearButton->setToolTip(tr("Clear the messages"));
    connect(clearButton, &QToolButton::clicked, this, &MessageArea::clear);
    auto *side = new QVBoxLayout;
    side->addWidget(clearButton);
    side->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(side);
}

void MessageArea::post(Level level, const QString &text)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
    if (text == m_lastText && m_list->count() > 0) {
        ++m_repeat;
        QListWidgetItem *last = m_list->item(m_list->count() - 1);
        last->setText(tr("%1  %2 (×%3)").arg(stamp, text).arg(m_repeat));
        return;
    }
    m_lastText = text;
    m_repeat = 1;
    auto *item = new QListWidgetItem(tr("%1  %2").arg(stamp, text));
    item->setData(Qt::UserRole, text);
    switch (level) {
    case Level::Info:
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxInformation));
        break;
    case Level::Warning:
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
        break;
    case Level::Error:
        item->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
        break;
    }
    m_list->addItem(item);
    while (m_list->count() > 500)
        delete m_list->takeItem(0);
    m_list->scrollToBottom();
    if (level == Level::Error)
        emit errorPosted(text);
}

int MessageArea::count() const
{
    return m_list->count();
}

QString MessageArea::textAt(int row) const
{
    QListWidgetItem *item = m_list->item(row);
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void MessageArea::clear()
{
    m_list->clear();
    m_lastText.clear();
    m_repeat = 0;
}

} // namespace verx::manager
