// SPDX-License-Identifier: GPL-2.0-or-later
#include "SearchBar.h"

#include "Icons.h"
#include "XmlEditor.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace verx::manager {

SearchBar::SearchBar(XmlEditor *editor, QWidget *parent) : QWidget(parent), m_editor(editor)
{
    auto *h = new QHBoxLayout(this);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(new QLabel(tr("Find:")));
    m_text = new QLineEdit;
    m_text->setObjectName(QStringLiteral("searchText"));
    m_text->setClearButtonEnabled(true);
    h->addWidget(m_text, 1);
    auto *prev = new QToolButton;
    prev->setText(tr("Previous"));
    prev->setToolTip(tr("Find the previous match (Shift+F3)"));
    h->addWidget(prev);
    auto *next = new QToolButton;
    next->setText(tr("Next"));
    next->setToolTip(tr("Find the next match (F3)"));
    h->addWidget(next);
    m_caseSensitive = new QCheckBox(tr("Match case"));
    h->addWidget(m_caseSensitive);
    m_status = new QLabel;
    h->addWidget(m_status);
    connect(m_text, &QLineEdit::returnPressed, this, &SearchBar::findNext);
    connect(m_text, &QLineEdit::textEdited, this, [this] {
        // Search as you type from the start of the current selection.
        QTextCursor c = m_editor->textCursor();
        c.setPosition(c.selectionStart());
        m_editor->setTextCursor(c);
        search(false);
    });
    connect(next, &QToolButton::clicked, this, &SearchBar::findNext);
    connect(prev, &QToolButton::clicked, this, &SearchBar::findPrevious);
}

void SearchBar::activate()
{
    show();
    const QString selected = m_editor->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_text->setText(selected);
    m_text->setFocus();
    m_text->selectAll();
}

bool SearchBar::findNext()
{
    return search(false);
}

bool SearchBar::findPrevious()
{
    return search(true);
}

bool SearchBar::search(bool backward)
{
    const bool found = m_editor->findText(m_text->text(), backward, m_caseSensitive->isChecked());
    m_status->setText(found || m_text->text().isEmpty() ? QString() : tr("Not found"));
    return found;
}

void SearchBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        m_editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace verx::manager
