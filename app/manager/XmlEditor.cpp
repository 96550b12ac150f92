// SPDX-License-Identifier: GPL-2.0-or-later
#include "XmlEditor.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>

namespace verx::manager {
namespace {

KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

class Gutter : public QWidget
{
public:
    explicit Gutter(XmlEditor *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    XmlEditor *m_editor;
};

} // namespace

XmlEditor::XmlEditor(QWidget *parent) : QPlainTextEdit(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * 2);
    m_gutter = new Gutter(this);
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_highlighter->setTheme(
        repository().defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                       : KSyntaxHighlighting::Repository::LightTheme));
    setSyntax(QStringLiteral("XML"));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &XmlEditor::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, &XmlEditor::updateGutter);
    updateMargins();
}

void XmlEditor::setSyntax(const QString &definitionName)
{
    m_highlighter->setDefinition(repository().definitionForName(definitionName));
    m_highlighter->rehighlight();
}

int XmlEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(3, digits);
}

void XmlEditor::updateMargins()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void XmlEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateMargins();
}

void XmlEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void XmlEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::PlaceholderText));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top())
            painter.drawText(0, top, m_gutter->width() - 4, fontMetrics().height(), Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

bool XmlEditor::findText(const QString &text, bool backward, bool caseSensitive)
{
    if (text.isEmpty())
        return false;
    QTextDocument::FindFlags flags;
    if (backward)
        flags |= QTextDocument::FindBackward;
    if (caseSensitive)
        flags |= QTextDocument::FindCaseSensitively;
    if (find(text, flags))
        return true;
    // Wrap around.
    const QTextCursor saved = textCursor();
    QTextCursor c(document());
    c.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    setTextCursor(c);
    if (find(text, flags))
        return true;
    setTextCursor(saved);
    return false;
}

void XmlEditor::markErrorLine(int line)
{
    m_errorLine = 0;
    QList<QTextEdit::ExtraSelection> marks;
    const QTextBlock block = line > 0 ? document()->findBlockByNumber(line - 1) : QTextBlock();
    if (block.isValid()) {
        m_errorLine = line;
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(QColor(0xff, 0xd6, 0xd6));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        marks.append(mark);
        QTextCursor cursor(block);
        setTextCursor(cursor);
        centerCursor();
    }
    setExtraSelections(marks);
}

} // namespace verx::manager
