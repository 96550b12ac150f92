// SPDX-License-Identifier: GPL-2.0-or-later
#include "XPath.h"

#include "XmlDocument.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace verx::cli {

namespace {

// ---- tokens ---------------------------------------------------------------

struct Token
{
    enum class Kind { Name, NameTest, Literal, Number, Op, End };
    Kind kind = Kind::End;
    QString text;
    qsizetype pos = 0;
};

struct Failure
{
    XPath::Result::Status status;
    QString message;
    qsizetype pos;
};

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}
bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-') ||
           c == QLatin1Char('.');
}

QList<Token> tokenize(const QString &s)
{
    QList<Token> out;
    qsizetype i = 0;
    auto operatorAllowed = [&] {
        if (out.isEmpty())
            return false;
        const Token &t = out.last();
        if (t.kind == Token::Kind::Op)
            return t.text == QLatin1String(")") || t.text == QLatin1String("]") ||
                   t.text == QLatin1String(".") || t.text == QLatin1String("..");
        return true;
    };
    while (i < s.size()) {
        const QChar c = s.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.pos = i;
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            const qsizetype end = s.indexOf(c, i + 1);
            if (end < 0)
                throw Failure{XPath::Result::Status::SyntaxError,
                              QStringLiteral("Unfinished literal"), i};
            t.kind = Token::Kind::Literal;
            t.text = s.mid(i + 1, end - i - 1);
            i = end + 1;
        } else if (c.isDigit() ||
                   (c == QLatin1Char('.') && i + 1 < s.size() && s.at(i + 1).isDigit())) {
            qsizetype j = i;
            while (j < s.size() && (s.at(j).isDigit() || s.at(j) == QLatin1Char('.')))
                ++j;
            t.kind = Token::Kind::Number;
            t.text = s.mid(i, j - i);
            i = j;
        } else if (isNameStart(c)) {
            qsizetype j = i + 1;
            while (j < s.size() && isNameChar(s.at(j)))
                ++j;
            // prefix:local or prefix:* (not the axis separator ::)
            if (j + 1 < s.size() && s.at(j) == QLatin1Char(':') &&
                s.at(j + 1) != QLatin1Char(':')) {
                if (s.at(j + 1) == QLatin1Char('*')) {
                    j += 2;
                } else if (isNameStart(s.at(j + 1))) {
                    j += 2;
                    while (j < s.size() && isNameChar(s.at(j)))
                        ++j;
                }
            }
            t.text = s.mid(i, j - i);
            const bool opName = t.text == QLatin1String("and") || t.text == QLatin1String("or") ||
                                t.text == QLatin1String("mod") || t.text == QLatin1String("div");
            t.kind = opName && operatorAllowed() ? Token::Kind::Op : Token::Kind::Name;
            i = j;
        } else if (c == QLatin1Char('*')) {
            t.kind = operatorAllowed() ? Token::Kind::Op : Token::Kind::NameTest;
            t.text = QStringLiteral("*");
            ++i;
        } else {
            static const char *const two[] = {"//", "..", "::", "!=", "<=", ">="};
            t.kind = Token::Kind::Op;
            for (const char *op : two) {
                if (s.mid(i, 2) == QLatin1String(op)) {
                    t.text = QLatin1String(op);
                    break;
                }
            }
            if (t.text.isEmpty()) {
                if (!QStringLiteral("/()[].@,|+-=<>$").contains(c))
                    throw Failure{XPath::Result::Status::SyntaxError,
                                  QStringLiteral("Invalid expression"), i};
                t.text = c;
            }
            i += t.text.size();
        }
        out.append(t);
    }
    Token end;
    end.pos = s.size();
    out.append(end);
    return out;
}

// ---- syntax tree ----------------------------------------------------------

enum class Axis {
    Child,
    Descendant,
    DescendantOrSelf,
    Self,
    Parent,
    Ancestor,
    AncestorOrSelf,
    FollowingSibling,
    PrecedingSibling,
    Following,
    Preceding,
    Attribute,
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Step
{
    Axis axis = Axis::Child;
    enum class Test { Name, Any, Node, Text, Comment, ProcessingInstruction } test = Test::Name;
    QString name;
    std::vector<ExprPtr> predicates;
};

struct Expr
{
    enum class Kind { Binary, Negate, Union, Path, Literal, Number, Function };
    Kind kind = Kind::Literal;
    QString op;                // Binary: or and = != < <= > >= + - * div mod
    std::vector<ExprPtr> args; // operands, function arguments
    QString text;              // literal, function name
    double number = 0;
    // Path: optional filter (args[0] when hasFilter) and its predicates.
    bool absolute = false;
    bool hasFilter = false;
    std::vector<ExprPtr> filterPredicates;
    std::vector<Step> steps;
};

class Parser
{
public:
    explicit Parser(QList<Token> tokens) : m_t(std::move(tokens)) {}

    ExprPtr parseAll()
    {
        ExprPtr e = orExpr();
        if (peek().kind != Token::Kind::End)
            fail();
        return e;
    }

private:
    const Token &peek(int ahead = 0) const
    {
        return m_t.at(std::min<qsizetype>(m_i + ahead, m_t.size() - 1));
    }
    bool isOp(const char *op, int ahead = 0) const
    {
        return peek(ahead).kind == Token::Kind::Op && peek(ahead).text == QLatin1String(op);
    }
    Token next() { return m_t.at(std::min<qsizetype>(m_i++, m_t.size() - 1)); }
    [[noreturn]] void fail() const
    {
        throw Failure{XPath::Result::Status::SyntaxError, QStringLiteral("Invalid expression"),
                      peek().pos};
    }
    void expect(const char *op)
    {
        if (!isOp(op))
            fail();
        ++m_i;
    }

    ExprPtr binary(QString op, ExprPtr a, ExprPtr b)
    {
        auto e = std::make_unique<Expr>();
        e->kind = Expr::Kind::Binary;
        e->op = std::move(op);
        e->args.push_back(std::move(a));
        e->args.push_back(std::move(b));
        return e;
    }

    template <class Next> ExprPtr leftAssoc(std::initializer_list<const char *> ops, Next sub)
    {
        ExprPtr e = (this->*sub)();
        for (;;) {
            const char *found = nullptr;
            for (const char *op : ops)
                if (isOp(op))
                    found = op;
            if (!found)
                return e;
            ++m_i;
            e = binary(QLatin1String(found), std::move(e), (this->*sub)());
        }
    }

    ExprPtr orExpr() { return leftAssoc({"or"}, &Parser::andExpr); }
    ExprPtr andExpr() { return leftAssoc({"and"}, &Parser::equalityExpr); }
    ExprPtr equalityExpr() { return leftAssoc({"=", "!="}, &Parser::relationalExpr); }
    ExprPtr relationalExpr() { return leftAssoc({"<", "<=", ">", ">="}, &Parser::additiveExpr); }
    ExprPtr additiveExpr() { return leftAssoc({"+", "-"}, &Parser::multiplicativeExpr); }
    ExprPtr multiplicativeExpr() { return leftAssoc({"*", "div", "mod"}, &Parser::unaryExpr); }

    ExprPtr unaryExpr()
    {
        if (isOp("-")) {
            ++m_i;
            auto e = std::make_unique<Expr>();
            e->kind = Expr::Kind::Negate;
            e->args.push_back(unaryExpr());
            return e;
        }
        return unionExpr();
    }

    ExprPtr unionExpr()
    {
        ExprPtr e = pathExpr();
        while (isOp("|")) {
            ++m_i;
            auto u = std::make_unique<Expr>();
            u->kind = Expr::Kind::Union;
            u->args.push_back(std::move(e));
            u->args.push_back(pathExpr());
            e = std::move(u);
        }
        return e;
    }

    static bool isNodeType(const QString &name)
    {
        return name == QLatin1String("node") || name == QLatin1String("text") ||
               name == QLatin1String("comment") || name == QLatin1String("processing-instruction");
    }

    ExprPtr pathExpr()
    {
        const Token &t = peek();
        const bool primary = t.kind == Token::Kind::Literal || t.kind == Token::Kind::Number ||
                             isOp("(") || isOp("$") ||
                             (t.kind == Token::Kind::Name && !isNodeType(t.text) && isOp("(", 1));
        auto path = std::make_unique<Expr>();
        path->kind = Expr::Kind::Path;
        if (primary) {
            ExprPtr base = primaryExpr();
            std::vector<ExprPtr> predicates;
            while (isOp("["))
                predicates.push_back(predicate());
            if (predicates.empty() && !isOp("/") && !isOp("//"))
                return base;
            path->hasFilter = true;
            path->args.push_back(std::move(base));
            path->filterPredicates = std::move(predicates);
            if (isOp("/") || isOp("//"))
                relativePath(*path, true);
            return path;
        }
        if (isOp("/")) {
            ++m_i;
            path->absolute = true;
            if (startsStep())
                relativePath(*path, false);
            return path;
        }
        if (isOp("//")) {
            path->absolute = true;
            relativePath(*path, true);
            return path;
        }
        relativePath(*path, false);
        return path;
    }

    bool startsStep() const
    {
        const Token &t = peek();
        return t.kind == Token::Kind::Name || t.kind == Token::Kind::NameTest || isOp("@") ||
               isOp(".") || isOp("..");
    }

    // [('/' | '//')] step (('/' | '//') step)*; leadingSeparator: one is next.
    void relativePath(Expr &path, bool leadingSeparator)
    {
        bool first = !leadingSeparator;
        for (;;) {
            if (!first) {
                if (isOp("//")) {
                    Step any;
                    any.axis = Axis::DescendantOrSelf;
                    any.test = Step::Test::Node;
                    path.steps.push_back(std::move(any));
                } else if (!isOp("/")) {
                    return;
                }
                ++m_i;
            }
            first = false;
            path.steps.push_back(step());
        }
    }

    Step step()
    {
        Step s;
        if (isOp(".")) {
            ++m_i;
            s.axis = Axis::Self;
            s.test = Step::Test::Node;
            return s;
        }
        if (isOp("..")) {
            ++m_i;
            s.axis = Axis::Parent;
            s.test = Step::Test::Node;
            return s;
        }
        if (isOp("@")) {
            ++m_i;
            s.axis = Axis::Attribute;
        } else if (peek().kind == Token::Kind::Name && isOp("::", 1)) {
            static const std::pair<const char *, Axis> axes[] = {
                {"child", Axis::Child},
                {"descendant", Axis::Descendant},
                {"descendant-or-self", Axis::DescendantOrSelf},
                {"self", Axis::Self},
                {"parent", Axis::Parent},
                {"ancestor", Axis::Ancestor},
                {"ancestor-or-self", Axis::AncestorOrSelf},
                {"following-sibling", Axis::FollowingSibling},
                {"preceding-sibling", Axis::PrecedingSibling},
                {"following", Axis::Following},
                {"preceding", Axis::Preceding},
                {"attribute", Axis::Attribute},
            };
            const Token name = next();
            ++m_i; // ::
            bool known = false;
            for (const auto &[axisName, axis] : axes) {
                if (name.text == QLatin1String(axisName)) {
                    s.axis = axis;
                    known = true;
                }
            }
            if (!known) {
                if (name.text == QLatin1String("namespace"))
                    throw Failure{XPath::Result::Status::Unsupported,
                                  QStringLiteral("the namespace axis"), name.pos};
                throw Failure{XPath::Result::Status::SyntaxError,
                              QStringLiteral("Invalid expression"), name.pos};
            }
        }
        const Token t = next();
        if (t.kind == Token::Kind::NameTest) {
            s.test = Step::Test::Any;
        } else if (t.kind == Token::Kind::Name) {
            if (isNodeType(t.text) && isOp("(")) {
                ++m_i;
                if (t.text == QLatin1String("processing-instruction") &&
                    peek().kind == Token::Kind::Literal)
                    s.name = next().text;
                expect(")");
                s.test = t.text == QLatin1String("node")      ? Step::Test::Node
                         : t.text == QLatin1String("text")    ? Step::Test::Text
                         : t.text == QLatin1String("comment") ? Step::Test::Comment
                                                              : Step::Test::ProcessingInstruction;
            } else {
                if (t.text.contains(QLatin1Char(':')))
                    throw Failure{XPath::Result::Status::UndefinedPrefix,
                                  QStringLiteral("Undefined namespace prefix"), t.pos};
                s.test = Step::Test::Name;
                s.name = t.text;
            }
        } else {
            --m_i;
            fail();
        }
        while (isOp("["))
            s.predicates.push_back(predicate());
        return s;
    }

    ExprPtr predicate()
    {
        expect("[");
        ExprPtr e = orExpr();
        expect("]");
        return e;
    }

    ExprPtr primaryExpr()
    {
        const Token t = next();
        auto e = std::make_unique<Expr>();
        if (t.kind == Token::Kind::Literal) {
            e->kind = Expr::Kind::Literal;
            e->text = t.text;
            return e;
        }
        if (t.kind == Token::Kind::Number) {
            bool ok = false;
            e->kind = Expr::Kind::Number;
            e->number = t.text.toDouble(&ok);
            if (!ok) {
                --m_i;
                fail();
            }
            return e;
        }
        if (t.kind == Token::Kind::Op && t.text == QLatin1String("$"))
            throw Failure{XPath::Result::Status::Unsupported, QStringLiteral("variables"), t.pos};
        if (t.kind == Token::Kind::Op && t.text == QLatin1String("(")) {
            ExprPtr inner = orExpr();
            expect(")");
            return inner;
        }
        // function call
        e->kind = Expr::Kind::Function;
        e->text = t.text;
        static const QSet<QString> known = {
            "last",
            "position",
            "count",
            "name",
            "local-name",
            "namespace-uri",
            "string",
            "concat",
            "contains",
            "starts-with",
            "substring-before",
            "substring-after",
            "string-length",
            "normalize-space",
            "not",
            "true",
            "false",
            "boolean",
            "number",
            "sum",
        };
        if (!known.contains(t.text))
            throw Failure{XPath::Result::Status::Unsupported,
                          QStringLiteral("the function %1()").arg(t.text), t.pos};
        expect("(");
        if (!isOp(")")) {
            e->args.push_back(orExpr());
            while (isOp(",")) {
                ++m_i;
                e->args.push_back(orExpr());
            }
        }
        expect(")");
        return e;
    }

    QList<Token> m_t;
    qsizetype m_i = 0;
};

// ---- evaluation -----------------------------------------------------------

struct Value
{
    enum class Type { Nodes, String, Number, Boolean };
    Type type = Type::Nodes;
    QList<XmlNode *> nodes;
    QString string;
    double number = 0;
    bool boolean = false;

    static Value ofNodes(QList<XmlNode *> n)
    {
        Value v;
        v.nodes = std::move(n);
        return v;
    }
    static Value ofString(QString s)
    {
        Value v;
        v.type = Type::String;
        v.string = std::move(s);
        return v;
    }
    static Value ofNumber(double d)
    {
        Value v;
        v.type = Type::Number;
        v.number = d;
        return v;
    }
    static Value ofBoolean(bool b)
    {
        Value v;
        v.type = Type::Boolean;
        v.boolean = b;
        return v;
    }
};

double toNumber(const QString &s)
{
    bool ok = false;
    const double d = s.trimmed().toDouble(&ok);
    return ok ? d : std::numeric_limits<double>::quiet_NaN();
}

QString numberText(double d)
{
    if (std::isnan(d))
        return QStringLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (d == std::floor(d) && std::fabs(d) < 1e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', 15);
}

QString asString(const Value &v)
{
    switch (v.type) {
    case Value::Type::Nodes:
        return v.nodes.isEmpty() ? QString() : v.nodes.first()->stringValue();
    case Value::Type::String:
        return v.string;
    case Value::Type::Number:
        return numberText(v.number);
    case Value::Type::Boolean:
        return v.boolean ? QStringLiteral("true") : QStringLiteral("false");
    }
    return {};
}

double asNumber(const Value &v)
{
    switch (v.type) {
    case Value::Type::Number:
        return v.number;
    case Value::Type::Boolean:
        return v.boolean ? 1 : 0;
    default:
        return toNumber(asString(v));
    }
}

bool asBoolean(const Value &v)
{
    switch (v.type) {
    case Value::Type::Nodes:
        return !v.nodes.isEmpty();
    case Value::Type::String:
        return !v.string.isEmpty();
    case Value::Type::Number:
        return v.number != 0 && !std::isnan(v.number);
    case Value::Type::Boolean:
        return v.boolean;
    }
    return false;
}

void sortUnique(QList<XmlNode *> &nodes)
{
    std::sort(nodes.begin(), nodes.end(),
              [](const XmlNode *a, const XmlNode *b) { return a->order < b->order; });
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
}

void descendants(XmlNode *n, QList<XmlNode *> &out)
{
    for (XmlNode *c : n->children) {
        out.append(c);
        descendants(c, out);
    }
}

// The nodes of an axis in proximity order (reverse axes nearest first).
QList<XmlNode *> axisNodes(XmlNode *n, Axis axis)
{
    QList<XmlNode *> out;
    switch (axis) {
    case Axis::Child:
        return n->children;
    case Axis::Attribute:
        return n->attributes;
    case Axis::Self:
        return {n};
    case Axis::Parent:
        if (n->parent)
            out.append(n->parent);
        return out;
    case Axis::Descendant:
        descendants(n, out);
        return out;
    case Axis::DescendantOrSelf:
        out.append(n);
        descendants(n, out);
        return out;
    case Axis::AncestorOrSelf:
        out.append(n);
        [[fallthrough]];
    case Axis::Ancestor:
        for (XmlNode *p = n->parent; p; p = p->parent)
            out.append(p);
        return out;
    case Axis::FollowingSibling:
    case Axis::PrecedingSibling: {
        if (!n->parent || n->type == XmlNode::Type::Attribute)
            return out;
        const QList<XmlNode *> &siblings = n->parent->children;
        const qsizetype i = siblings.indexOf(n);
        if (axis == Axis::FollowingSibling) {
            for (qsizetype j = i + 1; j < siblings.size(); ++j)
                out.append(siblings.at(j));
        } else {
            for (qsizetype j = i - 1; j >= 0; --j)
                out.append(siblings.at(j));
        }
        return out;
    }
    case Axis::Following:
    case Axis::Preceding: {
        XmlNode *root = n;
        while (root->parent)
            root = root->parent;
        QList<XmlNode *> all;
        descendants(root, all);
        const XmlNode *self = n->type == XmlNode::Type::Attribute ? n->parent : n;
        QSet<const XmlNode *> ancestors;
        for (const XmlNode *p = self; p; p = p->parent)
            ancestors.insert(p);
        // following: after n, not its descendants; preceding: before n, not ancestors
        int lastDescendant = self->order;
        QList<XmlNode *> inside;
        descendants(const_cast<XmlNode *>(self), inside);
        for (const XmlNode *d : inside)
            lastDescendant = std::max(lastDescendant, d->order);
        for (XmlNode *c : all) {
            if (axis == Axis::Following && c->order > lastDescendant)
                out.append(c);
            if (axis == Axis::Preceding && c->order < self->order && !ancestors.contains(c))
                out.prepend(c);
        }
        return out;
    }
    }
    return out;
}

bool matches(const XmlNode *n, const Step &s)
{
    const bool principalAttribute = s.axis == Axis::Attribute;
    switch (s.test) {
    case Step::Test::Node:
        return true;
    case Step::Test::Text:
        return n->isText();
    case Step::Test::Comment:
        return n->type == XmlNode::Type::Comment;
    case Step::Test::ProcessingInstruction:
        return n->type == XmlNode::Type::ProcessingInstruction &&
               (s.name.isEmpty() || n->name == s.name);
    case Step::Test::Any:
        return principalAttribute ? n->type == XmlNode::Type::Attribute
                                  : n->type == XmlNode::Type::Element;
    case Step::Test::Name:
        if (principalAttribute ? n->type != XmlNode::Type::Attribute
                               : n->type != XmlNode::Type::Element)
            return false;
        return n->localName == s.name && n->namespaceUri.isEmpty();
    }
    return false;
}

class Evaluator
{
public:
    Value eval(const Expr &e, XmlNode *node, qsizetype position, qsizetype size)
    {
        switch (e.kind) {
        case Expr::Kind::Literal:
            return Value::ofString(e.text);
        case Expr::Kind::Number:
            return Value::ofNumber(e.number);
        case Expr::Kind::Negate:
            return Value::ofNumber(-asNumber(eval(*e.args[0], node, position, size)));
        case Expr::Kind::Union: {
            Value a = eval(*e.args[0], node, position, size);
            const Value b = eval(*e.args[1], node, position, size);
            if (a.type != Value::Type::Nodes || b.type != Value::Type::Nodes)
                throw Failure{XPath::Result::Status::SyntaxError, QStringLiteral("Invalid type"),
                              0};
            a.nodes += b.nodes;
            sortUnique(a.nodes);
            return a;
        }
        case Expr::Kind::Binary:
            return binary(e, node, position, size);
        case Expr::Kind::Function:
            return function(e, node, position, size);
        case Expr::Kind::Path:
            return path(e, node, position, size);
        }
        return {};
    }

private:
    QList<XmlNode *> applyPredicates(QList<XmlNode *> nodes, const std::vector<ExprPtr> &predicates)
    {
        for (const ExprPtr &p : predicates) {
            QList<XmlNode *> kept;
            for (qsizetype i = 0; i < nodes.size(); ++i) {
                const Value v = eval(*p, nodes.at(i), i + 1, nodes.size());
                const bool keep =
                    v.type == Value::Type::Number ? v.number == double(i + 1) : asBoolean(v);
                if (keep)
                    kept.append(nodes.at(i));
            }
            nodes = std::move(kept);
        }
        return nodes;
    }

    Value path(const Expr &e, XmlNode *node, qsizetype position, qsizetype size)
    {
        QList<XmlNode *> current;
        if (e.hasFilter) {
            const Value base = eval(*e.args[0], node, position, size);
            if (base.type != Value::Type::Nodes) {
                if (e.filterPredicates.empty() && e.steps.empty())
                    return base;
                throw Failure{XPath::Result::Status::SyntaxError, QStringLiteral("Invalid type"),
                              0};
            }
            current = applyPredicates(base.nodes, e.filterPredicates);
        } else if (e.absolute) {
            XmlNode *root = node;
            while (root->parent)
                root = root->parent;
            current = {root};
        } else {
            current = {node};
        }
        for (const Step &s : e.steps) {
            QList<XmlNode *> next;
            for (XmlNode *n : std::as_const(current)) {
                QList<XmlNode *> candidates;
                for (XmlNode *c : axisNodes(n, s.axis))
                    if (matches(c, s))
                        candidates.append(c);
                next += applyPredicates(std::move(candidates), s.predicates);
            }
            sortUnique(next);
            current = std::move(next);
        }
        return Value::ofNodes(current);
    }

    static bool compareValues(const QString &op, const Value &a, const Value &b)
    {
        const bool equality = op == QLatin1String("=") || op == QLatin1String("!=");
        auto cmpNum = [&](double x, double y) {
            if (op == QLatin1String("="))
                return x == y;
            if (op == QLatin1String("!="))
                return x != y;
            if (op == QLatin1String("<"))
                return x < y;
            if (op == QLatin1String("<="))
                return x <= y;
            if (op == QLatin1String(">"))
                return x > y;
            return x >= y;
        };
        auto cmpAtoms = [&](const Value &x, const Value &y) {
            if (equality) {
                if (x.type == Value::Type::Boolean || y.type == Value::Type::Boolean)
                    return cmpNum(asBoolean(x), asBoolean(y));
                if (x.type == Value::Type::Number || y.type == Value::Type::Number)
                    return cmpNum(asNumber(x), asNumber(y));
                return op == QLatin1String("=") ? asString(x) == asString(y)
                                                : asString(x) != asString(y);
            }
            return cmpNum(asNumber(x), asNumber(y));
        };
        if (a.type == Value::Type::Nodes || b.type == Value::Type::Nodes) {
            if (a.type == Value::Type::Boolean || b.type == Value::Type::Boolean)
                return cmpNum(asBoolean(a), asBoolean(b));
            const QList<XmlNode *> none;
            const QList<XmlNode *> &as = a.type == Value::Type::Nodes ? a.nodes : none;
            const QList<XmlNode *> &bs = b.type == Value::Type::Nodes ? b.nodes : none;
            if (a.type == Value::Type::Nodes && b.type == Value::Type::Nodes) {
                for (const XmlNode *x : as)
                    for (const XmlNode *y : bs)
                        if (cmpAtoms(Value::ofString(x->stringValue()),
                                     Value::ofString(y->stringValue())))
                            return true;
                return false;
            }
            const bool nodesLeft = a.type == Value::Type::Nodes;
            for (const XmlNode *x : nodesLeft ? as : bs) {
                Value atom = Value::ofString(x->stringValue());
                const Value &other = nodesLeft ? b : a;
                if (other.type == Value::Type::Number)
                    atom = Value::ofNumber(toNumber(atom.string));
                if (nodesLeft ? cmpAtoms(atom, other) : cmpAtoms(other, atom))
                    return true;
            }
            return false;
        }
        return cmpAtoms(a, b);
    }

    Value binary(const Expr &e, XmlNode *node, qsizetype position, qsizetype size)
    {
        const QString &op = e.op;
        if (op == QLatin1String("or") || op == QLatin1String("and")) {
            const bool a = asBoolean(eval(*e.args[0], node, position, size));
            if (op == QLatin1String("or") ? a : !a)
                return Value::ofBoolean(a);
            return Value::ofBoolean(asBoolean(eval(*e.args[1], node, position, size)));
        }
        const Value a = eval(*e.args[0], node, position, size);
        const Value b = eval(*e.args[1], node, position, size);
        if (op == QLatin1String("+"))
            return Value::ofNumber(asNumber(a) + asNumber(b));
        if (op == QLatin1String("-"))
            return Value::ofNumber(asNumber(a) - asNumber(b));
        if (op == QLatin1String("*"))
            return Value::ofNumber(asNumber(a) * asNumber(b));
        if (op == QLatin1String("div"))
            return Value::ofNumber(asNumber(a) / asNumber(b));
        if (op == QLatin1String("mod"))
            return Value::ofNumber(std::fmod(asNumber(a), asNumber(b)));
        return Value::ofBoolean(compareValues(op, a, b));
    }

    Value function(const Expr &e, XmlNode *node, qsizetype position, qsizetype size)
    {
        const QString &f = e.text;
        auto arg = [&](std::size_t i) { return eval(*e.args.at(i), node, position, size); };
        auto argCount = [&](std::size_t min, std::size_t max) {
            if (e.args.size() < min || e.args.size() > max)
                throw Failure{XPath::Result::Status::SyntaxError,
                              QStringLiteral("Invalid number of arguments"), 0};
        };
        auto stringArg = [&](std::size_t i) {
            return e.args.size() > i ? asString(arg(i)) : node->stringValue();
        };
        auto nodesArg = [&](std::size_t i) {
            const Value v = arg(i);
            if (v.type != Value::Type::Nodes)
                throw Failure{XPath::Result::Status::SyntaxError, QStringLiteral("Invalid type"),
                              0};
            return v.nodes;
        };
        if (f == QLatin1String("last")) {
            argCount(0, 0);
            return Value::ofNumber(double(size));
        }
        if (f == QLatin1String("position")) {
            argCount(0, 0);
            return Value::ofNumber(double(position));
        }
        if (f == QLatin1String("count")) {
            argCount(1, 1);
            return Value::ofNumber(double(nodesArg(0).size()));
        }
        if (f == QLatin1String("name") || f == QLatin1String("local-name") ||
            f == QLatin1String("namespace-uri")) {
            argCount(0, 1);
            const QList<XmlNode *> nodes = e.args.empty() ? QList<XmlNode *>{node} : nodesArg(0);
            if (nodes.isEmpty())
                return Value::ofString({});
            const XmlNode *n = nodes.first();
            return Value::ofString(f == QLatin1String("name")         ? n->name
                                   : f == QLatin1String("local-name") ? n->localName
                                                                      : n->namespaceUri);
        }
        if (f == QLatin1String("string")) {
            argCount(0, 1);
            return Value::ofString(stringArg(0));
        }
        if (f == QLatin1String("concat")) {
            argCount(2, 1000);
            QString out;
            for (std::size_t i = 0; i < e.args.size(); ++i)
                out += asString(arg(i));
            return Value::ofString(out);
        }
        if (f == QLatin1String("contains") || f == QLatin1String("starts-with") ||
            f == QLatin1String("substring-before") || f == QLatin1String("substring-after")) {
            argCount(2, 2);
            const QString a = asString(arg(0)), b = asString(arg(1));
            if (f == QLatin1String("contains"))
                return Value::ofBoolean(a.contains(b));
            if (f == QLatin1String("starts-with"))
                return Value::ofBoolean(a.startsWith(b));
            const qsizetype at = a.indexOf(b);
            if (at < 0)
                return Value::ofString({});
            return Value::ofString(f == QLatin1String("substring-before") ? a.left(at)
                                                                          : a.mid(at + b.size()));
        }
        if (f == QLatin1String("string-length")) {
            argCount(0, 1);
            return Value::ofNumber(double(stringArg(0).toUcs4().size()));
        }
        if (f == QLatin1String("normalize-space")) {
            argCount(0, 1);
            return Value::ofString(stringArg(0).simplified());
        }
        if (f == QLatin1String("not")) {
            argCount(1, 1);
            return Value::ofBoolean(!asBoolean(arg(0)));
        }
        if (f == QLatin1String("true") || f == QLatin1String("false")) {
            argCount(0, 0);
            return Value::ofBoolean(f == QLatin1String("true"));
        }
        if (f == QLatin1String("boolean")) {
            argCount(1, 1);
            return Value::ofBoolean(asBoolean(arg(0)));
        }
        if (f == QLatin1String("number")) {
            argCount(0, 1);
            return Value::ofNumber(e.args.empty() ? toNumber(node->stringValue())
                                                  : asNumber(arg(0)));
        }
        if (f == QLatin1String("sum")) {
            argCount(1, 1);
            double total = 0;
            for (const XmlNode *n : nodesArg(0))
                total += toNumber(n->stringValue());
            return Value::ofNumber(total);
        }
        throw Failure{XPath::Result::Status::Unsupported,
                      QStringLiteral("the function %1()").arg(f), 0};
    }
};

} // namespace

XPath::Result XPath::select(const QString &expression, XmlNode *contextNode)
{
    Result result;
    try {
        Parser parser(tokenize(expression));
        const ExprPtr e = parser.parseAll();
        Evaluator evaluator;
        const Value v = evaluator.eval(*e, contextNode, 1, 1);
        if (v.type != Value::Type::Nodes) {
            result.status = Result::Status::NotNodeSet;
            return result;
        }
        result.nodes = v.nodes;
    } catch (const Failure &f) {
        result.status = f.status;
        result.message = f.message;
        result.position = f.pos;
    }
    return result;
}

} // namespace verx::cli
