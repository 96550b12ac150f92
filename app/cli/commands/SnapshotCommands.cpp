// SPDX-License-Identifier: GPL-2.0-or-later
// Snapshots: snapshot-list, snapshot-create-as, snapshot-revert,
// snapshot-delete.
#include "CliApplication.h"
#include "CommandContext.h"
#include "Lookup.h"
#include "Table.h"
#include "TextFormat.h"
#include "XdrText.h"

#include <verx/calls/RemoteCalls.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QXmlStreamReader>

#include <algorithm>
#include <ctime>

namespace verx::cli {

using namespace verx::remote;

namespace {

struct SnapshotFacts
{
    QString name;
    QString state;
    qint64 creationTime = 0;
    QString parent;
    QString description;
    bool hasParent = false; // false for a root (and for --tree's --from)
};

// Reads the top-level facts of a <domainsnapshot> document.
SnapshotFacts parseSnapshotXml(const QByteArray &xml)
{
    SnapshotFacts f;
    QXmlStreamReader reader(xml);
    int depth = 0;
    bool inParent = false;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            ++depth;
            const auto name = reader.name();
            if (depth == 2 && name == QLatin1String("parent")) {
                inParent = true;
            } else if (depth == 3 && inParent && name == QLatin1String("name")) {
                f.parent = reader.readElementText();
                --depth;
            } else if (depth == 2) {
                if (name == QLatin1String("name"))
                    f.name = reader.readElementText();
                else if (name == QLatin1String("state"))
                    f.state = reader.readElementText();
                else if (name == QLatin1String("creationTime"))
                    f.creationTime = reader.readElementText().toLongLong();
                else if (name == QLatin1String("description"))
                    f.description = reader.readElementText();
                else
                    continue;
                --depth; // readElementText consumed the end element
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (depth == 2)
                inParent = false;
            --depth;
        }
    }
    return f;
}

// virsh's "%Y-%m-%d %H:%M:%S %z" in local time.
QString creationTimeText(qint64 seconds)
{
    const time_t t = time_t(seconds);
    struct tm local
    {
    };
    localtime_r(&t, &local);
    char buffer[64] = {};
    strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S %z", &local);
    return QString::fromLatin1(buffer);
}

QString xmlEscape(const QString &text)
{
    return text.toHtmlEscaped();
}

// libvirt's virBufferEscapeString for an attribute value.
QString attrEscape(const QString &text)
{
    QString out = text.toHtmlEscaped();
    return out.replace(QLatin1Char('\''), QStringLiteral("&apos;"));
}

// --memspec [file=]name[,snapshot=type] as <memory .../>; false after virsh's error.
bool memspecXml(CommandContext &ctx, const QString &spec, QString *xml)
{
    std::optional<QString> snapshot, file;
    for (const QString &item : TextFormat::commaList(spec)) {
        if (!snapshot && item.startsWith(QLatin1String("snapshot=")))
            snapshot = item.mid(9);
        else if (!file && item.startsWith(QLatin1String("file=")))
            file = item.mid(5);
        else if (!file && item.startsWith(QLatin1Char('/')))
            file = item;
        else {
            ctx.error(QStringLiteral("unable to parse memspec: %1").arg(spec));
            return false;
        }
    }
    *xml += QStringLiteral("  <memory");
    if (snapshot)
        *xml += QStringLiteral(" snapshot='%1'").arg(attrEscape(*snapshot));
    if (file)
        *xml += QStringLiteral(" file='%1'").arg(attrEscape(*file));
    *xml += QStringLiteral("/>\n");
    return true;
}

// --diskspec disk[,snapshot=type][,driver=type][,stype=type][,file=name] as
// <disk .../>; false after virsh's error.
bool diskspecXml(CommandContext &ctx, const QString &spec, QString *xml)
{
    // (virsh's list of "" is empty: no name attribute then)
    const QStringList items = TextFormat::commaList(spec);
    std::optional<QString> snapshot, driver, stype, file;
    auto fail = [&] {
        ctx.error(QStringLiteral("unable to parse diskspec: %1").arg(spec));
        return false;
    };
    for (qsizetype i = 1; i < items.size(); ++i) {
        const QString &item = items[i];
        if (!snapshot && item.startsWith(QLatin1String("snapshot=")))
            snapshot = item.mid(9);
        else if (!driver && item.startsWith(QLatin1String("driver=")))
            driver = item.mid(7);
        else if (!stype && item.startsWith(QLatin1String("stype=")))
            stype = item.mid(6);
        else if (!file && item.startsWith(QLatin1String("file=")))
            file = item.mid(5);
        else
            return fail();
    }
    QString disk = QStringLiteral("    ");
    if (!items.isEmpty())
        disk += QStringLiteral("<disk name='%1'").arg(attrEscape(items[0]));
    if (snapshot)
        disk += QStringLiteral(" snapshot='%1'").arg(*snapshot);
    bool isFile = true;
    if (stype) {
        if (*stype == QLatin1String("block")) {
            isFile = false;
        } else if (*stype != QLatin1String("file")) {
            ctx.error(QStringLiteral("Unknown storage type: '%1'").arg(*stype));
            return fail();
        }
        disk += QStringLiteral(" type='%1'").arg(*stype);
    }
    if (driver || file) {
        disk += QStringLiteral(">\n");
        if (driver)
            disk += QStringLiteral("      <driver type='%1'/>\n").arg(*driver);
        if (file)
            disk += QStringLiteral("      <source %1='%2'/>\n")
                        .arg(isFile ? QStringLiteral("file") : QStringLiteral("dev"),
                             attrEscape(*file));
        disk += QStringLiteral("    </disk>\n");
    } else {
        disk += QStringLiteral("/>\n");
    }
    *xml += disk;
    return true;
}

// virsh's vshTreePrint: one root and its children, drawn with "+- " and "|".
void printTree(CommandContext &ctx, const QList<SnapshotFacts> &snaps, qsizetype id,
               qsizetype lastId, bool root, QString &indent)
{
    ctx.print(indent + (root ? QString() : QStringLiteral("+- ")) + snaps[id].name +
              QLatin1Char('\n'));
    if (!root)
        indent += id == lastId ? QStringLiteral("  ") : QStringLiteral("| ");
    qsizetype lastChild = -1;
    for (qsizetype i = 0; i < snaps.size(); ++i)
        if (snaps[i].hasParent && snaps[i].parent == snaps[id].name)
            lastChild = i;
    if (lastChild != -1)
        ctx.print(indent + QStringLiteral("  |\n"));
    indent += QStringLiteral("  ");
    for (qsizetype i = 0; i < snaps.size(); ++i)
        if (snaps[i].hasParent && snaps[i].parent == snaps[id].name)
            printTree(ctx, snaps, i, lastChild, false, indent);
    indent.chop(2);
    if (lastChild == -1 && id == lastId)
        ctx.print(indent + QLatin1Char('\n'));
    if (!root)
        indent.chop(2);
}

bool exclusive(CommandContext &ctx, const char *a, const char *b)
{
    const auto given = [&](const char *n) {
        return ctx.flag(QLatin1String(n)) || ctx.options().has(QLatin1String(n));
    };
    if (given(a) && given(b)) {
        ctx.error(QStringLiteral("Options --%1 and --%2 are mutually exclusive")
                      .arg(QLatin1String(a), QLatin1String(b)));
        return false;
    }
    return true;
}

bool snapshotList(CommandContext &ctx)
{
    const bool tree = ctx.flag(QStringLiteral("tree"));
    const bool from = ctx.options().has(QStringLiteral("from"));
    const bool current = ctx.flag(QStringLiteral("current"));
    for (const auto &[a, b] : {std::pair{"tree", "name"},
                               {"parent", "roots"},
                               {"parent", "tree"},
                               {"roots", "tree"},
                               {"roots", "from"},
                               {"roots", "current"}})
        if (!exclusive(ctx, a, b))
            return false;
    // VIR_DOMAIN_SNAPSHOT_LIST_*
    unsigned flags = 0;
    const std::pair<const char *, unsigned> filters[] = {
        {"leaves", 4},      {"no-leaves", 8},  {"inactive", 32}, {"active", 64},
        {"disk-only", 128}, {"internal", 256}, {"external", 512}};
    for (const auto &[option, bit] : filters) {
        if (!ctx.flag(QLatin1String(option)))
            continue;
        if (tree) {
            ctx.error(QStringLiteral("--%1 and --tree are mutually exclusive")
                          .arg(QLatin1String(option)));
            return false;
        }
        flags |= bit;
    }
    const std::pair<const char *, unsigned> others[] = {
        {"roots", 1}, {"metadata", 2}, {"no-metadata", 16}, {"topological", 1024}};
    for (const auto &[option, bit] : others)
        if (ctx.flag(QLatin1String(option)))
            flags |= bit;
    if (ctx.flag(QStringLiteral("descendants"))) {
        if (!from && !current) {
            ctx.error(QStringLiteral("--descendants requires either --from or --current"));
            return false;
        }
        flags |= 1;
    }
    const auto dom = Lookup::domain(ctx, ctx.value(QStringLiteral("domain")));
    if (!dom)
        return false;
    std::optional<NonnullDomainSnapshot> start;
    if (from || current) {
        if (from && current) {
            ctx.error(QStringLiteral("--from and --current are mutually exclusive"));
            return false;
        }
        if (from) {
            DomainSnapshotLookupByNameArgs l;
            l.dom = *dom;
            l.name = XdrText::bytes(ctx.value(QStringLiteral("from")));
            const auto ret = ctx.wait(ctx.remote().domainSnapshotLookupByName(l));
            if (!ret)
                return false;
            start = ret->snap;
        } else {
            DomainSnapshotCurrentArgs c;
            c.dom = *dom;
            const auto ret = ctx.wait(ctx.remote().domainSnapshotCurrent(c));
            if (!ret)
                return false;
            start = ret->snap;
        }
    }
    QList<NonnullDomainSnapshot> found;
    if (start) {
        DomainSnapshotListAllChildrenArgs args;
        args.snapshot = *start;
        args.need_results = 1;
        args.flags = flags;
        const auto ret = ctx.wait(ctx.remote().domainSnapshotListAllChildren(args));
        if (!ret)
            return false;
        found = ret->snapshots;
    } else {
        DomainListAllSnapshotsArgs args;
        args.dom = *dom;
        args.need_results = 1;
        args.flags = flags;
        const auto ret = ctx.wait(ctx.remote().domainListAllSnapshots(args));
        if (!ret)
            return false;
        found = ret->snapshots;
    }
    const bool name = ctx.flag(QStringLiteral("name"));
    QList<SnapshotFacts> snaps;
    for (const auto &snap : found) {
        SnapshotFacts f;
        if (!name || ctx.json()) {
            DomainSnapshotGetXmlDescArgs x;
            x.snap = snap;
            x.flags = 0;
            const auto xml = ctx.wait(ctx.remote().domainSnapshotGetXmlDesc(x));
            if (!xml)
                return false;
            f = parseSnapshotXml(xml->xml);
        }
        f.name = XdrText::str(snap.name);
        f.hasParent = !f.parent.isEmpty();
        snaps.append(f);
    }
    // With --tree, --from is the one root of the tree.
    if (tree && start) {
        SnapshotFacts f;
        f.name = XdrText::str(start->name);
        snaps.append(f);
    }
    if (!(flags & 1024))
        std::stable_sort(snaps.begin(), snaps.end(),
                         [](const SnapshotFacts &a, const SnapshotFacts &b) {
                             return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
                         });
    if (ctx.json()) {
        QJsonArray array;
        for (const auto &s : snaps)
            array.append(QJsonObject{{QStringLiteral("name"), s.name},
                                     {QStringLiteral("creationTime"), s.creationTime},
                                     {QStringLiteral("state"), s.state},
                                     {QStringLiteral("parent"), s.parent},
                                     {QStringLiteral("description"), s.description}});
        ctx.printJson(array);
        return true;
    }
    if (tree) {
        QString indent;
        for (qsizetype i = 0; i < snaps.size(); ++i)
            if (!snaps[i].hasParent)
                printTree(ctx, snaps, i, i, true, indent);
        return true;
    }
    if (name) {
        for (const auto &s : snaps)
            ctx.print(s.name + QLatin1Char('\n'));
        return true;
    }
    const bool parent = ctx.flag(QStringLiteral("parent"));
    QStringList header{QStringLiteral("Name"), QStringLiteral("Creation Time"),
                       QStringLiteral("State")};
    if (parent)
        header << QStringLiteral("Parent");
    Table table(header);
    for (const auto &s : snaps) {
        QStringList row{s.name, creationTimeText(s.creationTime), s.state};
        if (parent)
            row << s.parent;
        table.addRow(row);
    }
    ctx.print(table.toString(!ctx.quiet()));
    return true;
}

bool snapshotCreateAs(CommandContext &ctx)
{
    QString xml = QStringLiteral("<domainsnapshot>\n");
    if (ctx.options().has(QStringLiteral("name")))
        xml +=
            QStringLiteral("  <name>%1</name>\n").arg(xmlEscape(ctx.value(QStringLiteral("name"))));
    if (ctx.options().has(QStringLiteral("description")))
        xml += QStringLiteral("  <description>%1</description>\n")
                   .arg(xmlEscape(ctx.value(QStringLiteral("description"))));
    if (ctx.options().has(QStringLiteral("memspec"))) {
        const QString memspec = ctx.value(QStringLiteral("memspec"));
        if (memspec.isEmpty()) {
            ctx.error(QStringLiteral("Failed to get option 'memspec': Option argument is empty"));
            return false;
        }
        if (!memspecXml(ctx, memspec, &xml))
            return false;
    }
    if (ctx.options().has(QStringLiteral("diskspec"))) {
        xml += QStringLiteral("  <disks>\n");
        for (const QString &spec : ctx.options().values(QStringLiteral("diskspec")))
            if (!diskspecXml(ctx, spec, &xml))
                return false;
        xml += QStringLiteral("  </disks>\n");
    }
    xml += QStringLiteral("</domainsnapshot>\n");
    if (ctx.flag(QStringLiteral("print-xml"))) {
        ctx.print(xml + QLatin1Char('\n')); // virsh prints "%s\n"
        return true;
    }
    const auto dom = Lookup::domain(ctx, ctx.value(QStringLiteral("domain")));
    if (!dom)
        return false;
    DomainSnapshotCreateXmlArgs args;
    args.dom = *dom;
    args.xml_desc = xml.toUtf8();
    const std::pair<const char *, unsigned> flags[] = {
        {"no-metadata", 4}, {"halt", 8},     {"disk-only", 16}, {"reuse-external", 32},
        {"quiesce", 64},    {"atomic", 128}, {"live", 256},     {"validate", 512},
    };
    args.flags = 0;
    for (const auto &[name, bit] : flags)
        if (ctx.flag(QLatin1String(name)))
            args.flags |= bit;
    const auto ret = ctx.wait(ctx.remote().domainSnapshotCreateXml(args));
    if (!ret)
        return false;
    // No newline: the blank line after every command ends it (as in virsh).
    ctx.printExtra(QStringLiteral("Domain snapshot %1 created").arg(XdrText::str(ret->snap.name)));
    return true;
}

std::optional<NonnullDomainSnapshot> snapshotArg(CommandContext &ctx)
{
    const auto dom = Lookup::domain(ctx, ctx.value(QStringLiteral("domain")));
    if (!dom)
        return std::nullopt;
    const bool current = ctx.flag(QStringLiteral("current"));
    const bool named = ctx.options().has(QStringLiteral("snapshotname"));
    if (!current && !named) {
        ctx.error(QStringLiteral("--snapshotname or --current is required"));
        return std::nullopt;
    }
    if (current && !named) {
        DomainSnapshotCurrentArgs c;
        c.dom = *dom;
        c.flags = 0;
        const auto ret = ctx.wait(ctx.remote().domainSnapshotCurrent(c));
        if (!ret)
            return std::nullopt;
        return ret->snap;
    }
    DomainSnapshotLookupByNameArgs args;
    args.dom = *dom;
    args.name = XdrText::bytes(ctx.value(QStringLiteral("snapshotname")));
    args.flags = 0;
    const auto ret = ctx.wait(ctx.remote().domainSnapshotLookupByName(args));
    if (!ret)
        return std::nullopt;
    return ret->snap;
}

bool snapshotRevert(CommandContext &ctx)
{
    const auto snap = snapshotArg(ctx);
    if (!snap)
        return false;
    DomainRevertToSnapshotArgs args;
    args.snap = *snap;
    args.flags = (ctx.flag(QStringLiteral("running")) ? 1u : 0u) |
                 (ctx.flag(QStringLiteral("paused")) ? 2u : 0u) |
                 (ctx.flag(QStringLiteral("force")) ? 4u : 0u) |
                 (ctx.flag(QStringLiteral("reset-nvram")) ? 8u : 0u);
    if (!ctx.wait(ctx.remote().domainRevertToSnapshot(args)))
        return false;
    ctx.printExtra(QStringLiteral("Domain snapshot %1 reverted\n").arg(XdrText::str(snap->name)));
    return true;
}

bool snapshotDelete(CommandContext &ctx)
{
    const auto snap = snapshotArg(ctx);
    if (!snap)
        return false;
    DomainSnapshotDeleteArgs args;
    args.snap = *snap;
    const bool children = ctx.flag(QStringLiteral("children"));
    const bool childrenOnly = ctx.flag(QStringLiteral("children-only"));
    args.flags = (children ? 1u : 0u) | (ctx.flag(QStringLiteral("metadata")) ? 2u : 0u) |
                 (childrenOnly ? 4u : 0u);
    if (!ctx.wait(ctx.remote().domainSnapshotDelete(args))) {
        ctx.error(QStringLiteral("Failed to delete snapshot %1").arg(XdrText::str(snap->name)));
        return false;
    }
    if (childrenOnly)
        ctx.printExtra(
            QStringLiteral("Domain snapshot %1 children deleted\n").arg(XdrText::str(snap->name)));
    else
        ctx.printExtra(
            QStringLiteral("Domain snapshot %1 deleted\n").arg(XdrText::str(snap->name)));
    return true;
}

Command make(const char *name, const char *summary, const char *description,
             std::function<bool(CommandContext &)> run, QList<OptionSpec> options)
{
    Command c;
    c.name = QLatin1String(name);
    c.group = QStringLiteral("snapshot");
    c.summary = QLatin1String(summary);
    c.description = QLatin1String(description);
    c.options = std::move(options);
    c.run = std::move(run);
    return c;
}

OptionSpec flag(const char *n, const char *h)
{
    return flagOption(QLatin1String(n), QLatin1String(h));
}

} // namespace

void registerSnapshotCommands(CommandRegistry &r)
{
    const OptionSpec domain =
        dataOption(QStringLiteral("domain"), QStringLiteral("domain name, id or uuid"));
    OptionSpec diskspec = stringOption(
        QStringLiteral("diskspec"),
        QStringLiteral(
            "disk attributes: disk[,snapshot=type][,driver=type][,stype=type][,file=name]"));
    diskspec.argv = true;
    diskspec.positional = true; // after <domain>, name and description
    diskspec.undocumentedPositional = true;
    Command create =
        make("snapshot-create-as", "Create a snapshot from a set of args",
             "Create a snapshot (disk and RAM) from arguments", snapshotCreateAs,
             {domain,
              stringOption(QStringLiteral("name"), QStringLiteral("name of snapshot"), false, true),
              stringOption(QStringLiteral("description"), QStringLiteral("description of snapshot"),
                           false, true),
              flag("print-xml", "print XML document rather than create"),
              flag("no-metadata", "take snapshot but create no metadata"),
              flag("halt", "halt domain after snapshot is created"),
              flag("disk-only", "capture disk state but not vm state"),
              flag("reuse-external", "reuse any existing external files"),
              flag("quiesce", "quiesce guest's file systems"),
              flag("atomic", "require atomic operation"), flag("live", "take a live snapshot"),
              flag("validate", "validate the XML against the schema"),
              stringOption(QStringLiteral("memspec"),
                           QStringLiteral("memory attributes: [file=]name[,snapshot=type]")),
              diskspec});
    r.add(create);
    r.add(make(
        "snapshot-delete", "Delete a domain snapshot", "Snapshot Delete", snapshotDelete,
        {domain, dataOption(QStringLiteral("snapshotname"), QStringLiteral("snapshot name"), false),
         flag("current", "delete current snapshot"),
         flag("children", "delete snapshot and all children"),
         flag("children-only", "delete children but not snapshot"),
         flag("metadata", "delete only libvirt metadata, leaving snapshot contents behind")}));
    r.add(make(
        "snapshot-list", "List snapshots for a domain", "Snapshot List", snapshotList,
        {domain, flag("parent", "add a column showing parent snapshot"),
         flag("roots", "list only snapshots without parents"),
         flag("leaves", "list only snapshots without children"),
         flag("no-leaves", "list only snapshots that are not leaves (with children)"),
         flag("metadata", "list only snapshots that have metadata that would prevent undefine"),
         flag("no-metadata", "list only snapshots that have no metadata managed by libvirt"),
         flag("inactive", "filter by snapshots taken while inactive"),
         flag("active", "filter by snapshots taken while active (full system snapshots)"),
         flag("disk-only", "filter by disk-only snapshots"),
         flag("internal", "filter by internal snapshots"),
         flag("external", "filter by external snapshots"), flag("tree", "list snapshots in a tree"),
         stringOption(QStringLiteral("from"),
                      QStringLiteral("limit list to children of given snapshot")),
         flag("current", "limit list to children of current snapshot"),
         flag("descendants", "with --from, list all descendants"),
         flag("name", "list snapshot names only"),
         flag("topological", "sort list topologically rather than by name"),
         flagOption(QStringLiteral("json"),
                    QStringLiteral("print the result as JSON (verx extension)"))}));
    r.add(make("snapshot-revert", "Revert a domain to a snapshot", "Revert domain to snapshot",
               snapshotRevert,
               {domain,
                dataOption(QStringLiteral("snapshotname"), QStringLiteral("snapshot name"), false),
                flag("current", "revert to current snapshot"),
                flag("running", "after reverting, change state to running"),
                flag("paused", "after reverting, change state to paused"),
                flag("force", "try harder on risky reverts"),
                flag("reset-nvram", "re-initialize NVRAM from its pristine template")}));
}

} // namespace verx::cli
