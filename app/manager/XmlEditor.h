// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

namespace verx::manager {

// A plain-text editor for XML: KSyntaxHighlighting, a line-number gutter,
// a monospace font and find().
class XmlEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit XmlEditor(QWidget *parent = nullptr);

    // Highlight with another definition ("XML", "Diff").
    void setSyntax(const QString &definitionName);
    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);
    // Finds \a text from the cursor (wrapping); selects it and returns true.
    bool findText(const QString &text, bool backward = false, bool caseSensitive = false);
    // Marks line (1-based) as erroneous and moves the cursor there; 0
    // clears the mark.
    void markErrorLine(int line);
    int errorLine() const { return m_errorLine; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateMargins();
    void updateGutter(const QRect &rect, int dy);

    QWidget *m_gutter = nullptr;
    int m_errorLine = 0;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
};

} // namespace verx::manager
