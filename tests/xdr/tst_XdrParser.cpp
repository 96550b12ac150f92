// SPDX-License-Identifier: GPL-2.0-or-later
// The generator's front end on small XDR snippets: Lexer tokens, the Parser's AST for every
// construct libvirt's .x files use, the Model's resolution (constants, typedefs, shapes,
// C++ types, procedure annotations) and clear errors, with file and line, for bad input.
#include "Emitters.h"
#include "Lexer.h"
#include "Model.h"
#include "Output.h"
#include "Parser.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <iterator>
#include <map>
#include <stdexcept>

using namespace xdrgen;

namespace {

// The message of the std::runtime_error f throws; empty (and a failed check) when none.
template <class F> std::string errorOf(F f)
{
    try {
        f();
    } catch (const std::runtime_error &e) {
        return e.what();
    }
    return {};
}

Specification parse(const std::string &source)
{
    return Parser(source, "t.x").parse();
}

const Definition *findDef(const Specification &spec, const std::string &name)
{
    for (const auto &d : spec.definitions)
        if (d.name == name)
            return &d;
    return nullptr;
}

// A protocol directory with the five .x files Model reads; each defaults to the smallest
// content Model accepts (a procedure enum with one member).
class ProtocolDir
{
public:
    ProtocolDir()
    {
        m_files["virnetprotocol.x"] = "";
        m_files["virkeepaliveprotocol.x"] =
            "enum keepalive_procedure { KEEPALIVE_PROC_PING = 1 };\n";
        m_files["remote_protocol.x"] = "enum remote_procedure { REMOTE_PROC_CONNECT_OPEN = 1 };\n";
        m_files["qemu_protocol.x"] = "enum qemu_procedure { QEMU_PROC_X = 1 };\n";
        m_files["lxc_protocol.x"] = "enum lxc_procedure { LXC_PROC_X = 1 };\n";
    }

    void set(const std::string &file, const std::string &text) { m_files[file] = text; }

    // Writes the files; returns the directory ("" when it cannot).
    std::string write()
    {
        if (!m_dir.isValid())
            return {};
        for (const auto &[name, text] : m_files) {
            QFile f(m_dir.filePath(QString::fromStdString(name)));
            if (!f.open(QIODevice::WriteOnly) ||
                f.write(text.data(), qint64(text.size())) != qint64(text.size()))
                return {};
        }
        return m_dir.path().toStdString();
    }

private:
    QTemporaryDir m_dir;
    std::map<std::string, std::string> m_files;
};

} // namespace

class XdrParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lexerTokens();
    void lexerPassthroughAndComments();
    void constEnumTypedef();
    void structDeclarations();
    void unionWithDiscriminant();
    void parseErrors_data();
    void parseErrors();
    void modelShapesAndTypes();
    void modelExternalConstants();
    void procedureAnnotations();
    void unionArmsTheGeneratorRejects();
    void modelErrors();
};

void XdrParserTest::lexerTokens()
{
    Lexer lx("const A = 0x10;\nfoo_1 <-7> 017 [ ] { } ( ) * : ,", "l.x");
    struct Expected
    {
        Token::Kind kind;
        const char *text;
        long long number;
        int line;
    };
    const Expected expected[] = {
        {Token::Identifier, "const", 0, 1}, {Token::Identifier, "A", 0, 1},
        {Token::Punct, "=", 0, 1},          {Token::Number, "0x10", 16, 1},
        {Token::Punct, ";", 0, 1},          {Token::Identifier, "foo_1", 0, 2},
        {Token::Punct, "<", 0, 2},          {Token::Number, "-7", -7, 2},
        {Token::Punct, ">", 0, 2},          {Token::Number, "017", 15, 2},
        {Token::Punct, "[", 0, 2},          {Token::Punct, "]", 0, 2},
        {Token::Punct, "{", 0, 2},          {Token::Punct, "}", 0, 2},
        {Token::Punct, "(", 0, 2},          {Token::Punct, ")", 0, 2},
        {Token::Punct, "*", 0, 2},          {Token::Punct, ":", 0, 2},
        {Token::Punct, ",", 0, 2},
    };
    for (const Expected &e : expected) {
        const Token t = lx.next();
        QCOMPARE(int(t.kind), int(e.kind));
        QCOMPARE(t.text, std::string(e.text));
        if (e.kind == Token::Number)
            QCOMPARE(t.number, e.number);
        QCOMPARE(t.line, e.line);
    }
    QCOMPARE(int(lx.next().kind), int(Token::End));
    QCOMPARE(int(lx.next().kind), int(Token::End));
}

void XdrParserTest::lexerPassthroughAndComments()
{
    // '%' lines (rpcgen passthrough) vanish, but still count as lines; comments are skipped and
    // the last /** */ block before a token is attached to it.
    Lexer lx("%#include <libvirt/libvirt.h>\n"
             "% anything { goes ; here\n"
             "/* plain */ // line comment\n"
             "/** first */ /** second\n @acl: x */ a\n"
             "/**/ b",
             "c.x");
    Token a = lx.next();
    QCOMPARE(a.text, std::string("a"));
    QCOMPARE(a.line, 5);
    QCOMPARE(a.doc, std::string("/** second\n @acl: x */"));
    Token b = lx.next();
    QCOMPARE(b.text, std::string("b"));
    QCOMPARE(b.line, 6);
    QVERIFY(b.doc.empty()); // "/**/" is not a doc block
    QCOMPARE(int(lx.next().kind), int(Token::End));

    // '%' only starts a passthrough line at the beginning of a line.
    Lexer mid("a % b", "m.x");
    QCOMPARE(mid.next().text, std::string("a"));
    QCOMPARE(errorOf([&] { mid.next(); }), std::string("m.x:1: unexpected character '%'"));
    // ...also after leading blanks.
    Lexer indented("  %skip me\nz", "i.x");
    const Token z = indented.next();
    QCOMPARE(z.text, std::string("z"));
    QCOMPARE(z.line, 2);
}

void XdrParserTest::constEnumTypedef()
{
    const Specification spec = parse("const MAX = 16;\n"
                                     "const NEG = -3;\n"
                                     "const ALIAS = MAX;\n"
                                     "enum colour {\n"
                                     "  /** the first */\n"
                                     "  RED = 0,\n"
                                     "  GREEN = MAX,\n"
                                     "  BLUE = 0x20,\n"
                                     "};\n"
                                     "typedef string name_t<MAX>;\n"
                                     "typedef opaque uuid_t[16];\n"
                                     "typedef name_t *name_opt;\n"
                                     "typedef int ints<>;\n");
    QCOMPARE(spec.file, std::string("t.x"));
    QCOMPARE(spec.definitions.size(), size_t(8));

    const Definition &max = spec.definitions[0];
    QCOMPARE(int(max.kind), int(Definition::Const));
    QCOMPARE(max.name, std::string("MAX"));
    QVERIFY(max.value.name.empty());
    QCOMPARE(max.value.number, 16LL);
    QCOMPARE(max.line, 1);
    QCOMPARE(max.file, std::string("t.x"));
    QCOMPARE(spec.definitions[1].value.number, -3LL);
    QCOMPARE(spec.definitions[2].value.name, std::string("MAX"));

    const Definition &colour = spec.definitions[3];
    QCOMPARE(int(colour.kind), int(Definition::Enum));
    QCOMPARE(colour.line, 4);
    QCOMPARE(colour.members.size(), size_t(3)); // the trailing comma is accepted
    QCOMPARE(colour.members[0].name, std::string("RED"));
    QCOMPARE(colour.members[0].value.number, 0LL);
    QCOMPARE(colour.members[0].doc, std::string("/** the first */"));
    QCOMPARE(colour.members[1].value.name, std::string("MAX"));
    QVERIFY(colour.members[1].doc.empty());
    QCOMPARE(colour.members[2].value.number, 32LL);

    const Definition *name = findDef(spec, "name_t");
    QVERIFY(name);
    QCOMPARE(int(name->kind), int(Definition::Typedef));
    QCOMPARE(int(name->decl.type.kind), int(TypeSpec::String));
    QCOMPARE(int(name->decl.cardinality), int(Declaration::Variable));
    QVERIFY(name->decl.bound);
    QCOMPARE(name->decl.bound->name, std::string("MAX"));
    QCOMPARE(name->line, 10);

    const Definition *uuid = findDef(spec, "uuid_t");
    QVERIFY(uuid);
    QCOMPARE(int(uuid->decl.type.kind), int(TypeSpec::Opaque));
    QCOMPARE(int(uuid->decl.cardinality), int(Declaration::Fixed));
    QCOMPARE(uuid->decl.bound->number, 16LL);

    const Definition *opt = findDef(spec, "name_opt");
    QVERIFY(opt);
    QCOMPARE(int(opt->decl.type.kind), int(TypeSpec::Named));
    QCOMPARE(opt->decl.type.name, std::string("name_t"));
    QCOMPARE(int(opt->decl.cardinality), int(Declaration::Optional));

    const Definition *ints = findDef(spec, "ints");
    QVERIFY(ints);
    QCOMPARE(int(ints->decl.cardinality), int(Declaration::Variable));
    QVERIFY(!ints->decl.bound); // <> is unbounded
}

void XdrParserTest::structDeclarations()
{
    const Specification spec = parse("struct all {\n"
                                     "  int i;\n"
                                     "  unsigned int ui;\n"
                                     "  unsigned u;\n"
                                     "  hyper h;\n"
                                     "  unsigned hyper uh;\n"
                                     "  float f;\n"
                                     "  double d;\n"
                                     "  bool b;\n"
                                     "  char c;\n"
                                     "  unsigned char uc;\n"
                                     "  short s;\n"
                                     "  unsigned short us;\n"
                                     "  string str<64>;\n"
                                     "  string any<>;\n"
                                     "  opaque fixed[32];\n"
                                     "  opaque var<1024>;\n"
                                     "  int four[4];\n"
                                     "  hyper upto<LIMIT>;\n"
                                     "  other *opt;\n"
                                     "  struct other named;\n"
                                     "  void;\n"
                                     "  long l;\n"
                                     "};\n");
    QCOMPARE(spec.definitions.size(), size_t(1));
    const Definition &s = spec.definitions[0];
    QCOMPARE(int(s.kind), int(Definition::Struct));
    QCOMPARE(s.name, std::string("all"));
    struct Expected
    {
        const char *name;
        TypeSpec::Kind kind;
        Declaration::Cardinality card;
        long long bound; // -1: none; -2: named LIMIT
        int line;
    };
    const Expected expected[] = {
        {"i", TypeSpec::Int, Declaration::Single, -1, 2},
        {"ui", TypeSpec::UInt, Declaration::Single, -1, 3},
        {"u", TypeSpec::UInt, Declaration::Single, -1, 4},
        {"h", TypeSpec::Hyper, Declaration::Single, -1, 5},
        {"uh", TypeSpec::UHyper, Declaration::Single, -1, 6},
        {"f", TypeSpec::Float, Declaration::Single, -1, 7},
        {"d", TypeSpec::Double, Declaration::Single, -1, 8},
        {"b", TypeSpec::Bool, Declaration::Single, -1, 9},
        {"c", TypeSpec::Char, Declaration::Single, -1, 10},
        {"uc", TypeSpec::UChar, Declaration::Single, -1, 11},
        {"s", TypeSpec::Short, Declaration::Single, -1, 12},
        {"us", TypeSpec::UShort, Declaration::Single, -1, 13},
        {"str", TypeSpec::String, Declaration::Variable, 64, 14},
        {"any", TypeSpec::String, Declaration::Variable, -1, 15},
        {"fixed", TypeSpec::Opaque, Declaration::Fixed, 32, 16},
        {"var", TypeSpec::Opaque, Declaration::Variable, 1024, 17},
        {"four", TypeSpec::Int, Declaration::Fixed, 4, 18},
        {"upto", TypeSpec::Hyper, Declaration::Variable, -2, 19},
        {"opt", TypeSpec::Named, Declaration::Optional, -1, 20},
        {"named", TypeSpec::Named, Declaration::Single, -1, 21},
        // "void;" adds no field
        {"l", TypeSpec::Int, Declaration::Single, -1, 23},
    };
    QCOMPARE(s.fields.size(), std::size(expected));
    for (size_t i = 0; i < std::size(expected); ++i) {
        const Declaration &d = s.fields[i];
        const Expected &e = expected[i];
        QCOMPARE(d.name, std::string(e.name));
        QCOMPARE(int(d.type.kind), int(e.kind));
        QCOMPARE(int(d.cardinality), int(e.card));
        QCOMPARE(d.line, e.line);
        if (e.bound == -1) {
            QVERIFY2(!d.bound, e.name);
        } else if (e.bound == -2) {
            QVERIFY(d.bound);
            QCOMPARE(d.bound->name, std::string("LIMIT"));
        } else {
            QVERIFY(d.bound);
            QVERIFY(d.bound->name.empty());
            QCOMPARE(d.bound->number, e.bound);
        }
    }
    QCOMPARE(s.fields[18].type.name, std::string("other"));
    QCOMPARE(s.fields[19].type.name, std::string("other"));
}

void XdrParserTest::unionWithDiscriminant()
{
    const Specification spec = parse("union value switch (int type) {\n"
                                     "case ONE:\n"
                                     "  int i;\n"
                                     "case 2:\n"
                                     "case 3:\n"
                                     "  string s<8>;\n"
                                     "case 4:\n"
                                     "  void;\n"
                                     "default:\n"
                                     "  hyper rest;\n"
                                     "};\n"
                                     "union plain switch (colour c) { case RED: double d; };\n");
    QCOMPARE(spec.definitions.size(), size_t(2));
    const Definition &u = spec.definitions[0];
    QCOMPARE(int(u.kind), int(Definition::Union));
    QCOMPARE(u.discriminant.name, std::string("type"));
    QCOMPARE(int(u.discriminant.type.kind), int(TypeSpec::Int));
    QCOMPARE(u.arms.size(), size_t(3));
    QCOMPARE(u.arms[0].cases.size(), size_t(1));
    QCOMPARE(u.arms[0].cases[0].name, std::string("ONE"));
    QCOMPARE(u.arms[0].decl.name, std::string("i"));
    QCOMPARE(u.arms[1].cases.size(), size_t(2));
    QCOMPARE(u.arms[1].cases[0].number, 2LL);
    QCOMPARE(u.arms[1].cases[1].number, 3LL);
    QCOMPARE(int(u.arms[1].decl.type.kind), int(TypeSpec::String));
    QCOMPARE(u.arms[1].decl.bound->number, 8LL);
    QCOMPARE(int(u.arms[2].decl.type.kind), int(TypeSpec::Void));
    QVERIFY(u.defaultArm);
    QCOMPARE(u.defaultArm->name, std::string("rest"));
    QCOMPARE(int(u.defaultArm->type.kind), int(TypeSpec::Hyper));

    const Definition &p = spec.definitions[1];
    QCOMPARE(p.line, 12);
    QCOMPARE(int(p.discriminant.type.kind), int(TypeSpec::Named));
    QCOMPARE(p.discriminant.type.name, std::string("colour"));
    QCOMPARE(p.arms.size(), size_t(1));
    QVERIFY(!p.defaultArm);
}

void XdrParserTest::parseErrors_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing semicolon") << QByteArray("const A = 1;\nconst B = 2\nconst C = 3;")
                                       << "e.x:3: expected ';' (near 'const')";
    QTest::newRow("not a definition")
        << QByteArray("\n\nprogram P { };")
        << "e.x:3: expected a definition (const, typedef, enum, struct or union) (near 'program')";
    QTest::newRow("string without bounds") << QByteArray("struct s {\n  string name;\n};")
                                           << "e.x:2: string needs <> bounds (near ';')";
    QTest::newRow("string with fixed size")
        << QByteArray("struct s {\n  int a;\n  string name[4];\n};")
        << "e.x:3: string needs <> bounds (near ';')";
    QTest::newRow("opaque without bounds")
        << QByteArray("typedef opaque blob;") << "e.x:1: opaque needs [] or <> bounds (near ';')";
    QTest::newRow("optional string") << QByteArray("struct s {\n\n  string *name;\n};")
                                     << "e.x:3: optional string/opaque needs a typedef (near ';')";
    QTest::newRow("typedef void") << QByteArray("typedef void;")
                                  << "e.x:1: typedef of void (near ';')";
    QTest::newRow("union without arms") << QByteArray("union u switch (int t) {\n};")
                                        << "e.x:2: union without arms (near end of file)";
    QTest::newRow("union without switch") << QByteArray("union u (int t) { case 1: int a; };")
                                          << "e.x:1: expected 'switch' (near '(')";
    QTest::newRow("quadruple") << QByteArray("struct s { quadruple q; };")
                               << "e.x:1: quadruple is not supported (near 'q')";
    QTest::newRow("bound not a value") << QByteArray("typedef int a<;>;")
                                       << "e.x:1: expected a number or a constant name (near ';')";
    QTest::newRow("missing identifier")
        << QByteArray("\nstruct { int a; };") << "e.x:2: expected an identifier (near '{')";
    QTest::newRow("truncated") << QByteArray("enum e { A = 1,")
                               << "e.x:1: expected an identifier (near end of file)";
    QTest::newRow("bad number") << QByteArray("const A = 0x1g;") << "e.x:1: bad number '0x1g'";
    QTest::newRow("bad character")
        << QByteArray("\n\n\nconst A = 1 @;") << "e.x:4: unexpected character '@'";
    QTest::newRow("unterminated comment")
        << QByteArray("const A = 1;\n/* open\n") << "e.x:2: unterminated comment";
}

void XdrParserTest::parseErrors()
{
    QFETCH(QByteArray, source);
    QFETCH(QString, message);
    const std::string err = errorOf([&] { Parser(source.toStdString(), "e.x").parse(); });
    QCOMPARE(QString::fromStdString(err), message);
}

void XdrParserTest::modelShapesAndTypes()
{
    ProtocolDir pd;
    pd.set("remote_protocol.x", "const REMOTE_NAME_MAX = 64;\n"
                                "const REMOTE_LIST_MAX = 5;\n"
                                "typedef string remote_nonnull_string<REMOTE_NAME_MAX>;\n"
                                "typedef remote_nonnull_string *remote_string;\n"
                                "typedef opaque remote_uuid[VIR_UUID_BUFLEN];\n"
                                "enum remote_state { REMOTE_STATE_OFF = 0, REMOTE_STATE_ON = 1 };\n"
                                "struct remote_thing {\n"
                                "  remote_nonnull_string name;\n"
                                "  remote_string maybe;\n"
                                "  remote_uuid uuid;\n"
                                "  unsigned hyper sizes<REMOTE_LIST_MAX>;\n"
                                "  double load[3];\n"
                                "  bool flag;\n"
                                "  char model[32];\n"
                                "  remote_state state;\n"
                                "  opaque cookie<>;\n"
                                "};\n"
                                "union remote_choice switch (int kind) {\n"
                                "case REMOTE_STATE_OFF: void;\n"
                                "case REMOTE_STATE_ON: remote_thing thing;\n"
                                "};\n"
                                "enum remote_procedure { REMOTE_PROC_CONNECT_OPEN = 1 };\n");
    const std::string dir = pd.write();
    QVERIFY(!dir.empty());
    const std::string err = errorOf([&] { Model m(dir); });
    QVERIFY2(err.empty(), err.c_str());
    const Model model(dir);

    const Definition *thing = model.find("remote_thing");
    QVERIFY(thing);
    QCOMPARE(model.cppName(*thing), std::string("Thing"));
    QCOMPARE(model.displayName(*thing), std::string("remote::Thing"));
    QCOMPARE(model.programOf(*thing).ns, std::string("remote"));
    QCOMPARE(thing->fields.size(), size_t(9));

    struct Expected
    {
        const char *cpp;
        Shape::Kind shape;
        unsigned long long bound;
        unsigned long long minWire;
    };
    const Expected expected[] = {
        {"NonnullString", Shape::String, 64, 4},
        {"String", Shape::Optional, 0, 4},
        {"Uuid", Shape::FixedOpaque, 16, 16},
        {"QList<quint64>", Shape::Array, 5, 4},
        {"std::array<double, 3>", Shape::FixedArray, 3, 24},
        {"bool", Shape::Prim, 0, 4},
        {"std::array<char, 32>", Shape::FixedArray, 32, 128}, // char is 4 bytes on the wire
        {"State", Shape::Enum, 0, 4},
        {"QByteArray", Shape::Opaque, 0xffffffffULL, 4},
    };
    for (size_t i = 0; i < std::size(expected); ++i) {
        const Declaration &f = thing->fields[i];
        const auto s = model.shape(f);
        QCOMPARE(model.cppType(f, "remote"), std::string(expected[i].cpp));
        QCOMPARE(int(s->kind), int(expected[i].shape));
        if (s->kind != Shape::Prim && s->kind != Shape::Enum && s->kind != Shape::Optional)
            QCOMPARE(s->bound, expected[i].bound);
        QCOMPARE(model.minWireSize(*s), expected[i].minWire);
    }
    // The optional resolves through both typedefs to a bounded string.
    const auto maybe = model.shape(thing->fields[1]);
    QVERIFY(maybe->element);
    QCOMPARE(int(maybe->element->kind), int(Shape::String));
    QCOMPARE(maybe->element->bound, 64ULL);
    QCOMPARE(int(model.shape(thing->fields[4])->element->prim), int(TypeSpec::Double));
    QCOMPARE(int(model.shape(thing->fields[6])->element->prim), int(TypeSpec::Char));
    QCOMPARE(model.shape(thing->fields[7])->def, model.find("remote_state"));

    const Definition *choice = model.find("remote_choice");
    QVERIFY(choice);
    QCOMPARE(model.value(choice->arms[1].cases[0]), 1LL);
    Declaration useChoice;
    useChoice.type.kind = TypeSpec::Named;
    useChoice.type.name = "remote_choice";
    const auto cs = model.shape(useChoice);
    QCOMPARE(int(cs->kind), int(Shape::Union));
    QCOMPARE(model.minWireSize(*cs), 4ULL); // discriminant + the void arm

    const Definition *state = model.find("remote_state");
    QCOMPARE(model.enumMemberNames(*state), (std::vector<std::string>{"Off", "On"}));

    // Dependencies come first.
    const auto order = model.orderedTypes(model.programOf(*thing));
    auto pos = [&](const char *n) {
        return std::find(order.begin(), order.end(), model.find(n)) - order.begin();
    };
    QVERIFY(pos("remote_nonnull_string") < pos("remote_string"));
    QVERIFY(pos("remote_state") < pos("remote_thing"));
    QVERIFY(pos("remote_thing") < pos("remote_choice"));
}

void XdrParserTest::modelExternalConstants()
{
    const std::string remote = "typedef opaque remote_uuid[VIR_UUID_BUFLEN];\n"
                               "const REMOTE_LABEL_MAX = VIR_SECURITY_LABEL_BUFLEN;\n"
                               "enum remote_procedure { REMOTE_PROC_CONNECT_OPEN = 1 };\n";
    Declaration uuid;
    uuid.type.kind = TypeSpec::Named;
    uuid.type.name = "remote_uuid";
    {
        // libvirt-api.xml present: its values win over the built-in table.
        ProtocolDir pd;
        pd.set("remote_protocol.x", remote);
        pd.set("libvirt-api.xml",
               "<api name='libvirt'><symbols>\n"
               "<macro name='VIR_UUID_BUFLEN' file='libvirt-host' raw='(8 * 2)'/>\n"
               "<macro name='VIR_SECURITY_LABEL_BUFLEN' file='libvirt-host' raw='(4096 + 7)'/>\n"
               "<enum name='VIR_DOMAIN_RUNNING' file='libvirt-domain' value='1' "
               "type='virDomainState' info='the domain is running'/>\n"
               "</symbols></api>\n");
        const std::string dir = pd.write();
        QVERIFY(!dir.empty());
        const Model model(dir);
        QCOMPARE(model.shape(uuid)->bound, 16ULL);
        QCOMPARE(model.value(model.find("REMOTE_LABEL_MAX")->value), 4103LL);
        QVERIFY(model.externalConstantsUsed().count("VIR_UUID_BUFLEN (libvirt-api.xml)"));
        QVERIFY(model.externalConstantsUsed().count("VIR_SECURITY_LABEL_BUFLEN (libvirt-api.xml)"));
        QCOMPARE(model.api().enums.count("virDomainState"), size_t(1));
        const ApiEnum &st = model.api().enums.at("virDomainState");
        QCOMPARE(st.values.size(), size_t(1));
        QCOMPARE(st.values[0].name, std::string("VIR_DOMAIN_RUNNING"));
        QCOMPARE(st.values[0].value, 1LL);
        QCOMPARE(st.values[0].info, std::string("the domain is running"));
    }
    {
        // No libvirt-api.xml: the built-in table, and the summary says so.
        ProtocolDir pd;
        pd.set("remote_protocol.x", remote);
        const std::string dir = pd.write();
        QVERIFY(!dir.empty());
        const Model model(dir);
        QCOMPARE(model.shape(uuid)->bound, 16ULL);
        QCOMPARE(model.value(model.find("REMOTE_LABEL_MAX")->value), 4097LL);
        QVERIFY(model.externalConstantsUsed().count("VIR_UUID_BUFLEN (built-in table)"));
        QVERIFY(model.api().enums.empty());
    }
}

void XdrParserTest::procedureAnnotations()
{
    ProtocolDir pd;
    pd.set("remote_protocol.x",
           "const REMOTE_PROGRAM = 0x20008086;\n"
           "struct remote_domain_get_info_args { int id; };\n"
           "struct remote_domain_get_info_ret { unsigned char state; };\n"
           "struct remote_domain_event_lifecycle_msg { int event; };\n"
           "struct remote_storage_vol_upload_args { unsigned hyper offset; };\n"
           "typedef int remote_domain_get_info_msg;\n" // not a struct: not paired
           "enum remote_procedure {\n"
           "    /**\n"
           "     * @generate: both\n"
           "     * @priority: high\n"
           "     * @acl: domain:read\n"
           "     * @acl:domain:write\n"
           "     */\n"
           "    REMOTE_PROC_DOMAIN_GET_INFO = 16,\n"
           "    /**\n"
           "     * @generate: none\n"
           "     * @acl: none\n"
           "     */\n"
           "    REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE = 107,\n"
           "    /**\n"
           "     * @generate: none\n"
           "     * @writestream: 1\n"
           "     * @sparseflag: VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM\n"
           "     * @acl: storage_vol:data_write\n"
           "     */\n"
           "    REMOTE_PROC_STORAGE_VOL_UPLOAD = 208,\n"
           "    /**\n"
           "     * @readstream: 2\n"
           "     * @priority: low\n"
           "     */\n"
           "    REMOTE_PROC_DOMAIN_SCREENSHOT = 0xbb\n"
           "};\n");
    const std::string dir = pd.write();
    QVERIFY(!dir.empty());
    const Model model(dir);
    std::map<std::string, const Procedure *> procs;
    for (const Procedure &p : model.procedures())
        procs[p.name] = &p;
    // Keepalive, qemu and lxc contribute their one procedure each.
    QCOMPARE(model.procedures().size(), size_t(4 + 3));
    QVERIFY(procs.count("KEEPALIVE_PROC_PING"));
    QCOMPARE(procs.at("KEEPALIVE_PROC_PING")->program->ns, std::string("keepalive"));

    const Procedure *info = procs.at("REMOTE_PROC_DOMAIN_GET_INFO");
    QCOMPARE(info->number, 16LL);
    QCOMPARE(info->member, std::string("DomainGetInfo"));
    QCOMPARE(info->method, std::string("domainGetInfo"));
    QCOMPARE(info->program->ns, std::string("remote"));
    QCOMPARE(info->args, model.find("remote_domain_get_info_args"));
    QCOMPARE(info->ret, model.find("remote_domain_get_info_ret"));
    QVERIFY(!info->msg);
    QCOMPARE(info->generate, std::string("both"));
    QVERIFY(info->highPriority);
    QCOMPARE(info->acl, (std::vector<std::string>{"domain:read", "domain:write"}));
    QCOMPARE(info->readStream, 0);
    QCOMPARE(info->writeStream, 0);
    QVERIFY(!info->sparse);

    const Procedure *event = procs.at("REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE");
    QVERIFY(!event->args);
    QVERIFY(!event->ret);
    QCOMPARE(event->msg, model.find("remote_domain_event_lifecycle_msg"));
    QCOMPARE(event->generate, std::string("none"));
    QVERIFY(!event->highPriority);
    QCOMPARE(event->acl, std::vector<std::string>{"none"});

    const Procedure *upload = procs.at("REMOTE_PROC_STORAGE_VOL_UPLOAD");
    QCOMPARE(upload->writeStream, 1);
    QCOMPARE(upload->readStream, 0);
    QVERIFY(upload->sparse);
    QCOMPARE(upload->args, model.find("remote_storage_vol_upload_args"));

    const Procedure *shot = procs.at("REMOTE_PROC_DOMAIN_SCREENSHOT");
    QCOMPARE(shot->number, 187LL);
    QCOMPARE(shot->readStream, 2);
    QVERIFY(!shot->highPriority);
    QVERIFY(shot->generate.empty());
    QVERIFY(shot->acl.empty());
}

void XdrParserTest::unionArmsTheGeneratorRejects()
{
    // The parser reads default arms and multi-case arms (RFC 4506), but the generated types
    // have one alternative per discriminant value, so generation refuses them.
    auto generate = [](const std::string &remote) {
        ProtocolDir pd;
        pd.set("remote_protocol.x",
               remote + "enum remote_procedure { REMOTE_PROC_CONNECT_OPEN = 1 };\n");
        const std::string dir = pd.write();
        if (dir.empty())
            return std::string("cannot write the protocol directory");
        return errorOf([&] {
            const Model model(dir);
            Output out;
            emitTypes(model, out);
        });
    };
    QCOMPARE(generate("union remote_u switch (int t) { case 1: int a; default: void; };\n"),
             std::string("remote_u: unions with a default arm are not supported"));
    QCOMPARE(generate("union remote_u switch (int t) { case 1: case 2: int a; };\n"),
             std::string("remote_u: arms with several cases are not supported"));
    // Without those, the same union generates a variant with one alternative per arm.
    ProtocolDir pd;
    pd.set("remote_protocol.x", "union remote_u switch (int t) { case 1: int a; case 2: void; };\n"
                                "enum remote_procedure { REMOTE_PROC_CONNECT_OPEN = 1 };\n");
    const std::string dir = pd.write();
    QVERIFY(!dir.empty());
    const Model model(dir);
    Output out;
    emitTypes(model, out);
    QCOMPARE(out.files().count("verx/protocol/RemoteTypes.h"), size_t(1));
    const std::string header = out.files().at("verx/protocol/RemoteTypes.h").str();
    QVERIFY2(header.find("std::variant<qint32, std::monostate> value;") != std::string::npos,
             header.c_str());
    QVERIFY(header.find("static constexpr qint32 discriminants[] = {1, 2};") != std::string::npos);
}

void XdrParserTest::modelErrors()
{
    auto load = [](const std::string &remote) {
        ProtocolDir pd;
        pd.set("remote_protocol.x", remote);
        const std::string dir = pd.write();
        if (dir.empty())
            return std::string("cannot write the protocol directory");
        return errorOf([&] { Model m(dir); });
    };
    const std::string procs = "enum remote_procedure { REMOTE_PROC_CONNECT_OPEN = 1 };\n";
    QCOMPARE(load(procs + "struct remote_s {\n  int a;\n  remote_missing b;\n};\n"),
             std::string("remote_protocol.x:4: unknown type remote_missing"));
    QCOMPARE(load(procs + "const REMOTE_A = 1;\n\nconst REMOTE_A = 2;\n"),
             std::string("remote_protocol.x:4: redefinition of REMOTE_A"));
    QCOMPARE(load(procs + "\ntypedef string remote_s<REMOTE_NOWHERE>;\n"),
             std::string("remote_protocol.x:3: unknown constant REMOTE_NOWHERE"));
    QCOMPARE(load(procs + "const REMOTE_A = REMOTE_NOWHERE;\n"),
             std::string("remote_protocol.x:2: unknown constant REMOTE_NOWHERE"));
    QCOMPARE(load("const REMOTE_A = 1;\n"),
             std::string("remote_protocol.x: no enum remote_procedure"));
    {
        // Recursive types load, but cannot be ordered for C++ (by-value members).
        ProtocolDir pd;
        pd.set("remote_protocol.x", procs + "struct remote_s { remote_s *next; };\n");
        const std::string dir = pd.write();
        QVERIFY(!dir.empty());
        const Model model(dir);
        QCOMPARE(errorOf([&] { model.orderedTypes(model.programOf(*model.find("remote_s"))); }),
                 std::string("recursive type remote_s is not supported"));
    }
    // A syntax error in one of the files names that file.
    QCOMPARE(load(procs + "struct remote_s {\n  int a\n};\n"),
             std::string("remote_protocol.x:4: expected ';' (near '}')"));
    ProtocolDir missing;
    const std::string dir = missing.write();
    QVERIFY(!dir.empty());
    QVERIFY(QFile::remove(QString::fromStdString(dir + "/lxc_protocol.x")));
    QCOMPARE(errorOf([&] { Model m(dir); }), "cannot read " + dir + "/lxc_protocol.x");
}

QTEST_GUILESS_MAIN(XdrParserTest)
#include "tst_XdrParser.moc"
