// SPDX-License-Identifier: GPL-2.0-or-later
#include "CommandLine.h"
#include "CommandRegistry.h"
#include "DomainStateNames.h"
#include "GlobalOptions.h"
#include "HelpPrinter.h"
#include "OptionParser.h"
#include "Table.h"
#include "TextFormat.h"
#include "XPath.h"
#include "XmlDocument.h"
#include "XmlDump.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <climits>

using namespace verx::cli;

class TestCliBase : public QObject
{
    Q_OBJECT

private:
    static Command domstateCommand()
    {
        Command c;
        c.name = QStringLiteral("domstate");
        c.summary = QStringLiteral("domain state");
        c.description = QStringLiteral("Returns state about a domain.");
        c.options = {
            dataOption(QStringLiteral("domain"), QStringLiteral("domain name, id or uuid")),
            flagOption(QStringLiteral("reason"),
                       QStringLiteral("also print reason for the state"))};
        return c;
    }
    static Command volDownloadCommand()
    {
        Command c;
        c.name = QStringLiteral("vol-download");
        c.summary = QStringLiteral("download volume contents to a file");
        c.options = {
            dataOption(QStringLiteral("vol"), QStringLiteral("vol name, key or path")),
            dataOption(QStringLiteral("file"), QStringLiteral("file")),
            dataOption(QStringLiteral("pool"), QStringLiteral("pool name or uuid"), false),
            numberOption(QStringLiteral("offset"),
                         QStringLiteral("volume offset to download from")),
            flagOption(QStringLiteral("sparse"), QStringLiteral("preserve sparseness of volume"))};
        return c;
    }

private slots:
    void parsesPositionalAndFlags()
    {
        const Command c = domstateCommand();
        OptionParser p(c);
        QVERIFY(p.parse({QStringLiteral("--reason"), QStringLiteral("test")}));
        QCOMPARE(p.options().value(QStringLiteral("domain")), QStringLiteral("test"));
        QVERIFY(p.options().flag(QStringLiteral("reason")));

        OptionParser named(c);
        QVERIFY(named.parse({QStringLiteral("--domain=abc")}));
        QCOMPARE(named.options().value(QStringLiteral("domain")), QStringLiteral("abc"));
        QVERIFY(!named.options().flag(QStringLiteral("reason")));
    }

    void reportsVirshErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QStringList{}
                                 << QStringLiteral("command 'domstate' requires <domain> option");
        QTest::newRow("unknown") << QStringList{QStringLiteral("--bogus")}
                                 << QStringLiteral(
                                        "command 'domstate' doesn't support option --bogus");
        QTest::newRow("extra") << QStringList{QStringLiteral("a"), QStringLiteral("extra")}
                               << QStringLiteral("unexpected data 'extra'");
    }
    void reportsVirshErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Command c = domstateCommand();
        OptionParser p(c);
        QVERIFY(!p.parse(args));
        QCOMPARE(p.errorString(), message);
    }

    void numbersAreChecked()
    {
        const Command c = volDownloadCommand();
        OptionParser good(c);
        QVERIFY(good.parse({QStringLiteral("v"), QStringLiteral("f"), QStringLiteral("--offset"),
                            QStringLiteral("4096"), QStringLiteral("pool")}));
        bool ok = false;
        QCOMPARE(good.options().number(QStringLiteral("offset"), &ok).value_or(-1), 4096);
        QVERIFY(ok);
        QCOMPARE(good.options().value(QStringLiteral("pool")), QStringLiteral("pool"));
        OptionParser bad(c);
        QVERIFY(!bad.parse({QStringLiteral("v"), QStringLiteral("f"), QStringLiteral("--offset"),
                            QStringLiteral("x1")}));
        QCOMPARE(
            bad.errorString(),
            QStringLiteral("Numeric value 'x1' for <offset> option is malformed or out of range"));
    }

    void helpFlag()
    {
        const Command c = domstateCommand();
        OptionParser p(c);
        QVERIFY(p.parse({QStringLiteral("--help")}));
        QVERIFY(p.helpRequested());
    }

    void helpTextLikeVirsh()
    {
        const QString expected =
            QStringLiteral("  NAME\n"
                           "    domstate - domain state\n\n"
                           "  SYNOPSIS\n"
                           "    domstate <domain> [--reason]\n\n"
                           "  DESCRIPTION\n"
                           "    Returns state about a domain.\n\n"
                           "  OPTIONS\n"
                           "    [--domain] <string>  domain name, id or uuid\n"
                           "    --reason         also print reason for the state\n\n");
        QCOMPARE(HelpPrinter::command(domstateCommand()), expected);
        QCOMPARE(
            HelpPrinter::synopsis(volDownloadCommand()),
            QStringLiteral("vol-download <vol> <file> [<pool>] [--offset <number>] [--sparse]"));
    }

    void overviewListsGroups()
    {
        CommandRegistry r;
        r.addGroup(QStringLiteral("domain"), QStringLiteral("Domain Management"));
        Command c = domstateCommand();
        c.group = QStringLiteral("domain");
        r.add(c);
        Command withJson = domstateCommand();
        withJson.name = QStringLiteral("domjson");
        withJson.group = QStringLiteral("domain");
        withJson.options.append(flagOption(QStringLiteral("json"), QStringLiteral("as JSON")));
        r.add(withJson);
        const QString text = HelpPrinter::overview(r);
        // The --json paragraph names the commands that have the option.
        QVERIFY2(text.endsWith(QStringLiteral("Accepted by:\n    domjson\n\n")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral(" Domain Management (help keyword 'domain'):\n")));
        QVERIFY(text.contains(QStringLiteral("    domstate                       domain state\n")));
        QVERIFY(text.contains(QStringLiteral("--json")));
        QVERIFY(r.find(QStringLiteral("domstate")));
        QVERIFY(!r.find(QStringLiteral("nope")));
    }

    void splitsCommands()
    {
        const auto byArgs =
            CommandLine::splitArguments({QStringLiteral("list"), QStringLiteral(";"),
                                         QStringLiteral("domstate"), QStringLiteral("test")});
        QCOMPARE(byArgs.size(), 2);
        QCOMPARE(byArgs.at(1), (QStringList{QStringLiteral("domstate"), QStringLiteral("test")}));

        QList<QStringList> cmds;
        QString error;
        QVERIFY(CommandLine::splitString(
            QStringLiteral(
                "snapshot-create-as test s1 --description 'a b' ; list --all\ndomstate \"x y\""),
            &cmds, &error));
        QCOMPARE(cmds.size(), 3);
        QCOMPARE(cmds.at(0).at(4), QStringLiteral("a b"));
        QCOMPARE(cmds.at(1), (QStringList{QStringLiteral("list"), QStringLiteral("--all")}));
        QCOMPARE(cmds.at(2).at(1), QStringLiteral("x y"));
        // as virsh: an open single quote runs to the end, backslashes escape
        // outside single quotes and vanish before a newline, '#' starts a
        // comment only at a word's start, tabs are blanks
        cmds.clear();
        QVERIFY(CommandLine::splitString(
            QStringLiteral("dominfo 'a\\b\"c ;x' # gone ; still gone\nd#x\tte\\\nst \"a\\\"b\"'q"),
            &cmds, &error));
        QCOMPARE(cmds.size(), 2);
        QCOMPARE(cmds.at(0),
                 (QStringList{QStringLiteral("dominfo"), QStringLiteral("a\\b\"c ;x")}));
        QCOMPARE(cmds.at(1), (QStringList{QStringLiteral("d#x"), QStringLiteral("test"),
                                          QStringLiteral("a\"bq")}));
        QList<QStringList> broken;
        QVERIFY(!CommandLine::splitString(QStringLiteral("list \"x"), &broken, &error));
        QCOMPARE(error, QStringLiteral("missing \""));
        QVERIFY(!CommandLine::splitString(QStringLiteral("list x\\"), &broken, &error));
        QCOMPARE(error, QStringLiteral("dangling \\"));
    }

    void tableLikeVirsh()
    {
        Table t({QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("State")});
        t.addRow({QStringLiteral("1"), QStringLiteral("test"), QStringLiteral("running")});
        QCOMPARE(t.toString(), QStringLiteral(" Id   Name   State\n"
                                              "----------------------\n"
                                              " 1    test   running\n"));
        // quiet mode: the header does not count for the widths
        QCOMPARE(t.toString(false), QStringLiteral(" 1   test   running\n"));
        Table empty({QStringLiteral("Id"), QStringLiteral("Name"), QStringLiteral("State")});
        QCOMPARE(empty.toString(), QStringLiteral(" Id   Name   State\n--------------------\n"));
    }

    void formatters()
    {
        QCOMPARE(TextFormat::capacity(0), QStringLiteral("0.00 B"));
        QCOMPARE(TextFormat::capacity(1023), QStringLiteral("1023.00 B"));
        QCOMPARE(TextFormat::capacity(107374182400ULL), QStringLiteral("100.00 GiB"));
        QCOMPARE(TextFormat::capacity(1536), QStringLiteral("1.50 KiB"));
        QCOMPARE(TextFormat::field(QStringLiteral("Id:"), QStringLiteral("1")),
                 QStringLiteral("Id:             1\n"));
        QCOMPARE(TextFormat::field(QStringLiteral("CPU(s):"), QStringLiteral("16"), 20),
                 QStringLiteral("CPU(s):              16\n"));
        const QByteArray raw =
            TextFormat::parseUuid(QStringLiteral("6695eb01-f6a4-8304-79aa-97f2502e193f"));
        QCOMPARE(raw.size(), 16);
        QCOMPARE(TextFormat::uuid(raw), QStringLiteral("6695eb01-f6a4-8304-79aa-97f2502e193f"));
        QVERIFY(TextFormat::parseUuid(QStringLiteral("test")).isEmpty());
        const QString json = TextFormat::json(QJsonObject{{QStringLiteral("a"), 1}});
        QCOMPARE(QJsonDocument::fromJson(json.toUtf8()).object().value(QStringLiteral("a")).toInt(),
                 1);
        QVERIFY(json.endsWith(QLatin1Char('\n')));
    }

    void prettyJsonKeepsOrder()
    {
        const QByteArray raw = "{\"return\": {\"status\":\"running\" ,\"running\":true,"
                               "\"a\":[],\"b\":{}},\"s\":\"x,{:}\\\"\",\"l\":[1, 2],"
                               "\"id\":\"libvirt-1\"}";
        QCOMPARE(TextFormat::prettyJson(raw), QStringLiteral("{\n"
                                                             "  \"return\": {\n"
                                                             "    \"status\": \"running\",\n"
                                                             "    \"running\": true,\n"
                                                             "    \"a\": [],\n"
                                                             "    \"b\": {}\n"
                                                             "  },\n"
                                                             "  \"s\": \"x,{:}\\\"\",\n"
                                                             "  \"l\": [\n"
                                                             "    1,\n"
                                                             "    2\n"
                                                             "  ],\n"
                                                             "  \"id\": \"libvirt-1\"\n"
                                                             "}"));
    }

    void commaListLikeVirsh()
    {
        QCOMPARE(TextFormat::commaList(QString()), QStringList());
        QCOMPARE(TextFormat::commaList(QStringLiteral("a")), QStringList{"a"});
        QCOMPARE(TextFormat::commaList(QStringLiteral("a,,b,c,")), (QStringList{"a,b", "c", ""}));
        QCOMPARE(TextFormat::commaList(QStringLiteral(",,,")), (QStringList{",", ""}));
    }

    // --pass-fds lists as virsh 11.3 reads them (checked against its
    // "Unable to parse FD number" errors).
    void fdListLikeVirsh()
    {
        QString bad;
        QCOMPARE(TextFormat::fdList(QStringLiteral("3"), &bad), std::optional(QList<int>{3}));
        QCOMPARE(TextFormat::fdList(QStringLiteral("3,4"), &bad), std::optional(QList<int>{3, 4}));
        QCOMPARE(TextFormat::fdList(QStringLiteral(" +3,\t-0,00007,-1"), &bad),
                 std::optional(QList<int>{3, 0, 7, -1}));
        QCOMPARE(TextFormat::fdList(QStringLiteral("2147483647,-2147483648"), &bad),
                 std::optional(QList<int>{INT_MAX, INT_MIN}));
        const std::pair<const char *, const char *> errors[] = {
            {"abc", "abc"},
            {"1,abc", "abc"},
            {",", ""},
            {"3,", ""},
            {"3,,4", ""},
            {"1.5", "1.5"},
            {"3 ", "3 "},
            {"0x3", "0x3"},
            {" ", " "},
            {"-", "-"},
            {"+-3", "+-3"},
            {"3a,4", "3a"},
            {"2147483648", "2147483648"},
            {"-2147483649", "-2147483649"},
            {"99999999999999999999", "99999999999999999999"},
        };
        for (const auto &[text, item] : errors) {
            bad = QStringLiteral("unset");
            QCOMPARE(TextFormat::fdList(QLatin1String(text), &bad), std::nullopt);
            QCOMPARE(bad, QLatin1String(item));
        }
    }

    void jsonMemberAsWritten()
    {
        const QByteArray raw = "{\"s\\\":\": \"a,\\\"}\" , \"return\": {\"status\" : \"x y\","
                               "\"l\":[1, {\"return\":2}]}, \"id\":\"libvirt-1\"}";
        QCOMPARE(TextFormat::jsonMember(raw, QStringLiteral("return")),
                 std::optional<QByteArray>("{\"status\":\"x y\",\"l\":[1,{\"return\":2}]}"));
        QCOMPARE(TextFormat::jsonMember(raw, QStringLiteral("id")),
                 std::optional<QByteArray>("\"libvirt-1\""));
        QCOMPARE(TextFormat::jsonMember(raw, QStringLiteral("s\":")),
                 std::optional<QByteArray>("\"a,\\\"}\""));
        QCOMPARE(TextFormat::jsonMember(raw, QStringLiteral("status")), std::nullopt);
        QCOMPARE(TextFormat::jsonMember("[{\"return\":1}]", QStringLiteral("return")),
                 std::nullopt);
        QCOMPARE(TextFormat::jsonMember("{}", QStringLiteral("return")), std::nullopt);
        QCOMPARE(TextFormat::jsonMember("{\"return\":{}}", QStringLiteral("return")),
                 std::optional<QByteArray>("{}"));
        QCOMPARE(TextFormat::compactJson(" { \"a b\" : [ 1 , \"\\\" c\" ] } "),
                 QByteArray("{\"a b\":[1,\"\\\" c\"]}"));
    }

    void globalOptionsLikeGetopt()
    {
        auto parse = [](QStringList args) {
            args.prepend(QStringLiteral("verx"));
            return GlobalOptions::parse(args);
        };
        GlobalOptions o = parse({QStringLiteral("-cfoo:///x"), QStringLiteral("-qrt"),
                                 QStringLiteral("-k5"), QStringLiteral("-K"), QStringLiteral("2"),
                                 QStringLiteral("--timeout=7"), QStringLiteral("list")});
        QCOMPARE(o.error, QString());
        QCOMPARE(o.uri.value_or(QString()), QStringLiteral("foo:///x"));
        QVERIFY(o.quiet && o.readOnly && o.timing);
        QCOMPARE(o.keepaliveInterval.value_or(-1), 5);
        QCOMPARE(o.keepaliveCount.value_or(-1), 2);
        QCOMPARE(o.timeoutSeconds.value_or(-1), 7);
        QCOMPARE(o.commandIndex, 7);

        o = parse({QStringLiteral("--connect"), QStringLiteral("a:///"),
                   QStringLiteral("--connect=b:///"), QStringLiteral("--"), QStringLiteral("-q")});
        QCOMPARE(o.uri.value_or(QString()), QStringLiteral("b:///"));
        QVERIFY(!o.quiet);
        QCOMPARE(o.commandIndex, 5);

        // -t is --timing: it takes no value.
        o = parse({QStringLiteral("-t"), QStringLiteral("5")});
        QVERIFY(o.timing);
        QCOMPARE(o.commandIndex, 2);
        QVERIFY(!o.timeoutSeconds);

        QCOMPARE(parse({QStringLiteral("-c")}).error,
                 QStringLiteral("option '-c'/'--connect' requires an argument"));
        QCOMPARE(parse({QStringLiteral("-kx")}).error,
                 QStringLiteral("Invalid value for option -k"));
        QCOMPARE(parse({QStringLiteral("--keepalive-count=-1")}).error,
                 QStringLiteral("option -K requires a positive integer argument"));
        QCOMPARE(parse({QStringLiteral("-qz")}).error,
                 QStringLiteral("unsupported option '-z'. See --help."));
        QCOMPARE(parse({QStringLiteral("--quiet=1")}).error,
                 QStringLiteral("option '--quiet' doesn't allow an argument"));
        QCOMPARE(parse({QStringLiteral("--timeout"), QStringLiteral("0")}).error,
                 QStringLiteral("option --timeout requires a positive integer argument"));
    }

    // The XPath subset of dumpxml --xpath on a small document; relative
    // paths start at the root element, as in virsh.
    void xpathSelects_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("dump"); // the selected nodes, one per line
        using S = XPath::Result::Status;
        const int nodes = int(S::NodeSet);
        QTest::newRow("path") << "/domain/name" << nodes << "<name>n</name>";
        QTest::newRow("relative") << "name" << nodes << "<name>n</name>";
        QTest::newRow("attribute predicate")
            << "//disk[@device='cdrom']/target/@dev" << nodes << " dev=\"hdc\"";
        QTest::newRow("last()") << "//disk[last()]/target" << nodes << "<target dev=\"hdc\"/>";
        QTest::newRow("position") << "(//target)[1]/@dev" << nodes << " dev=\"vda\"";
        QTest::newRow("reverse axis")
            << "//disk[2]/preceding-sibling::disk/@device" << nodes << " device=\"disk\"";
        QTest::newRow("comment()") << "//disk/following-sibling::comment()" << nodes << "<!--c-->";
        QTest::newRow("local-name()") << "//*[local-name()='y']" << nodes << "<m:y a=\"1\"/>";
        QTest::newRow("union in document order")
            << "//target[@dev='hdc'] | //name" << nodes << "<name>n</name>\n<target dev=\"hdc\"/>";
        QTest::newRow("nothing") << "//nosuch" << nodes << "";
        QTest::newRow("formatted") << "/domain/devices" << nodes
                                   << "<devices>\n  <disk device=\"disk\">\n    <target "
                                      "dev=\"vda\"/>\n  </disk>\n  <disk device=\"cdrom\">\n    "
                                      "<target dev=\"hdc\"/>\n  </disk>\n  <!--c-->\n</devices>";
        QTest::newRow("mixed content unformatted") << "//p" << nodes << "<p>x<b><i/></b> </p>";
        QTest::newRow("escapes")
            << "//e | //e/@k" << nodes
            << "<e k=\"&quot;&#10;&lt;\">&lt;&amp;&gt;\"</e>\n k=\"&quot;&#10;&lt;\"";
        QTest::newRow("count()") << "count(//disk)" << int(S::NotNodeSet) << "";
        QTest::newRow("string()") << "string(/domain/name)" << int(S::NotNodeSet) << "";
        QTest::newRow("comparison") << "1 = 1" << int(S::NotNodeSet) << "";
        QTest::newRow("prefix") << "//m:x" << int(S::UndefinedPrefix) << "";
        QTest::newRow("syntax") << "//disk[" << int(S::SyntaxError) << "";
        QTest::newRow("syntax 2") << "/domain/" << int(S::SyntaxError) << "";
        QTest::newRow("unknown function") << "id('x')" << int(S::Unsupported) << "";
        QTest::newRow("variable") << "$v" << int(S::Unsupported) << "";
        QTest::newRow("namespace axis") << "//x/namespace::*" << int(S::Unsupported) << "";
    }

    void xpathSelects()
    {
        QFETCH(QString, expression);
        QFETCH(int, status);
        QFETCH(QString, dump);
        XmlDocument doc;
        QString error;
        QVERIFY2(doc.parse("<domain type='t'>\n  <name>n</name>\n  <devices>\n"
                           "    <disk device='disk'><target dev='vda'/></disk>\n"
                           "    <disk device='cdrom'><target dev='hdc'/></disk><!--c-->\n"
                           "  </devices>\n  <m:x xmlns:m='urn:m'><m:y a='1'/></m:x>\n"
                           "  <p>x<b>\n<i/></b> </p><blank> </blank>\n"
                           "  <e k='&quot;&#10;&lt;'>&lt;&amp;&gt;\"</e>\n</domain>\n",
                           &error),
                 qPrintable(error));
        const XPath::Result r = XPath::select(expression, doc.document()->children.first());
        QCOMPARE(int(r.status), status);
        QStringList lines;
        for (const XmlNode *n : r.nodes)
            lines << XmlDump::node(n);
        QCOMPARE(lines.join(QLatin1Char('\n')), dump);
    }

    void xmlKeepsOnlyMeaningfulBlanks()
    {
        XmlDocument doc;
        QVERIFY(doc.parse("<a>\n  <b> </b>\n  <c>t</c>\n</a>", nullptr));
        const XmlNode *a = doc.document()->children.first();
        QCOMPARE(a->children.size(), 2); // the blanks between elements are gone
        QCOMPARE(XmlDump::node(a), QStringLiteral("<a>\n  <b> </b>\n  <c>t</c>\n</a>"));
        QString error;
        QVERIFY(!doc.parse("<a><b></a>", &error));
        QVERIFY(!error.isEmpty());
    }

    void stateNames()
    {
        QCOMPARE(DomainStateNames::state(1), QStringLiteral("running"));
        QCOMPARE(DomainStateNames::state(5), QStringLiteral("shut off"));
        QCOMPARE(DomainStateNames::state(99), QStringLiteral("no state"));
        QCOMPARE(DomainStateNames::reason(1, 1), QStringLiteral("booted"));
        QCOMPARE(DomainStateNames::reason(3, 1), QStringLiteral("user"));
        QCOMPARE(DomainStateNames::reason(5, 2), QStringLiteral("destroyed"));
        QCOMPARE(DomainStateNames::reason(1, 99), QStringLiteral("unknown"));
    }
};

QTEST_GUILESS_MAIN(TestCliBase)
#include "tst_clibase.moc"
