// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace verx::manager {

class XmlEditor;

// The find bar under an XmlEditor (Ctrl+F shows it, Escape hides it).
class SearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit SearchBar(XmlEditor *editor, QWidget *parent = nullptr);

    void activate();
    bool findNext();
    bool findPrevious();
    QLineEdit *lineEdit() const { return m_text; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool search(bool backward);

    XmlEditor *m_editor;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_caseSensitive = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace verx::manager
