// SPDX-License-Identifier: GPL-2.0-or-later
#include "MainWindow.h"

#include "AddConnectionDialog.h"
#include "AuthDialog.h"
#include "CommandLine.h"
#include "ConnectionTreeModel.h"
#include "ConsolePage.h"
#include "DeleteDomainsDialog.h"
#include "DomainDetailsPage.h"
#include "DomainFilterProxy.h"
#include "DomainState.h"
#include "DomainTableModel.h"
#include "DomainXmlPage.h"
#include "HostDetailsPage.h"
#include "Icons.h"
#include "MessageArea.h"
#include "PasswordStore.h"
#include "SettingsDialog.h"

#include <verx/AuthRequest.h>
#include <verx/Connection.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QEventLoop>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace verx::manager {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_settings(AppSettings::load())
{
    setWindowTitle(tr("verx Manager"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/verx-manager.png")));
    setObjectName(QStringLiteral("MainWindow"));

    m_tree = new ConnectionTreeModel(this);
    m_treeView = new QTreeView;
    m_treeView->setObjectName(QStringLiteral("connectionTree"));
    m_treeView->setModel(m_tree);
    m_treeView->setHeaderHidden(true);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_proxy = new DomainFilterProxy(this);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("domainTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DomainTableModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setAlternatingRowColors(true);
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("domainFilter"));
    m_filter->setPlaceholderText(tr("Filter domains by name"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *listPage = new QWidget;
    auto *listLayout = new QVBoxLayout(listPage);
    listLayout->addWidget(m_filter);
    listLayout->addWidget(m_table, 1);
    m_hostDetails = new HostDetailsPage;

    m_workspace = new QTabWidget;
    m_workspace->setObjectName(QStringLiteral("workspace"));
    m_workspace->setTabsClosable(true);
    m_workspace->addTab(listPage, tr("Domains"));
    m_workspace->addTab(m_hostDetails, tr("Host"));
    for (int i = 0; i < 2; ++i)
        m_workspace->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    connect(m_workspace, &QTabWidget::tabCloseRequested, this, &MainWindow::closeDetailsTab);
    connect(m_workspace, &QTabWidget::currentChanged, this, [this] {
        if (m_actionUpdate)
            m_actionUpdate->start();
    });

    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_treeView);
    splitter->addWidget(m_workspace);
    splitter->setStretchFactor(1, 3);
    setCentralWidget(splitter);

    m_messages = new MessageArea;
    auto *dock = new QDockWidget(tr("Messages"));
    dock->setObjectName(QStringLiteral("messagesDock"));
    dock->setWidget(m_messages);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {110}, Qt::Vertical);

    m_actionUpdate = new QTimer(this);
    m_actionUpdate->setSingleShot(true);
    m_actionUpdate->setInterval(50);
    connect(m_actionUpdate, &QTimer::timeout, this, &MainWindow::updateActions);

    createActions();
    createMenus();
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onTreeSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, m_actionUpdate,
            qOverload<>(&QTimer::start));
    connect(m_proxy, &QAbstractItemModel::dataChanged, m_actionUpdate, qOverload<>(&QTimer::start));
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (HostSession *s = currentSession())
            openDetails(s, index.data(DomainTableModel::UuidRole).toByteArray());
    });
    connect(m_treeView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        HostSession *s = m_tree->sessionAt(index);
        if (!s)
            return;
        if (index.data(ConnectionTreeModel::IsHostRole).toBool()) {
            if (s->status() == HostSession::Status::Disconnected)
                s->connectToHost();
        } else {
            openDetails(s, index.data(ConnectionTreeModel::UuidRole).toByteArray());
        }
    });
    statusBar()->showMessage(tr("Ready"));
    restoreWindowState();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    auto make = [this](ActionId id, Icons::Id icon, const QString &text, const QKeySequence &key,
                       auto slot) {
        auto *a = new QAction(Icons::get(icon), text, this);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        m_actions[id] = a;
        return a;
    };
    make(AddConnection, Icons::AddConnection, tr("&Add Connection…"), QKeySequence::New,
         &MainWindow::showAddConnection);
    make(ConnectHost, Icons::Connected, tr("&Connect"), QKeySequence(), [this] {
        if (HostSession *s = currentSession())
            s->connectToHost();
    });
    make(DisconnectHost, Icons::Disconnected, tr("&Disconnect"), QKeySequence(), [this] {
        if (HostSession *s = currentSession())
            s->disconnectFromHost();
    });
    make(RemoveConnection, Icons::Delete, tr("&Remove Connection"), QKeySequence(), [this] {
        HostSession *s = currentSession();
        if (!s)
            return;
        m_tree->removeSession(s);
        m_persisted.remove(s);
        for (int i = m_workspace->count() - 1; i >= 2; --i)
            if (auto *p = qobject_cast<DomainDetailsPage *>(m_workspace->widget(i));
                p && p->session() == s)
                closeDetailsTab(i);
        if (m_proxy->sourceModel() == s->model())
            m_proxy->setSourceModel(nullptr);
        m_hostDetails->setSession(nullptr);
        s->disconnectFromHost();
        s->deleteLater();
        persistConnections();
        // Its remembered secrets go too, unless another entry uses the URI.
        bool uriStillUsed = false;
        for (HostSession *other : sessions())
            uriStillUsed |= other != s && other->saved().uri == s->saved().uri;
        if (!uriStillUsed)
            PasswordStore::removeAllFor(s->saved().uri);
        onTreeSelection();
    });
    // Domain shortcuts stay clear of the standard keys (Ctrl+P prints, Ctrl+T
    // opens a tab, Ctrl+G finds the next match): Ctrl+R runs, as in
    // virt-manager's "Run"; Ctrl+Shift the harder variant (reboot, force
    // off); Ctrl+Alt the suspending ones (pause, resume, save).
    make(Start, Icons::Start, tr("&Start"), QKeySequence(Qt::CTRL | Qt::Key_R),
         [this] { runOnSelection(HostSession::Action::Start); });
    make(Shutdown, Icons::Shutdown, tr("Shut &Down"), QKeySequence(Qt::CTRL | Qt::Key_D),
         [this] { runOnSelection(HostSession::Action::Shutdown); });
    make(Reboot, Icons::Reboot, tr("Re&boot"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
         [this] { runOnSelection(HostSession::Action::Reboot); });
    make(ForceOff, Icons::ForceOff, tr("&Force Off"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
         [this] { runOnSelection(HostSession::Action::ForceOff); });
    make(Pause, Icons::Pause, tr("&Pause"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P),
         [this] { runOnSelection(HostSession::Action::Pause); });
    make(Resume, Icons::Resume, tr("R&esume"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
         [this] { runOnSelection(HostSession::Action::Resume); });
    make(ManagedSave, Icons::Save, tr("Sa&ve"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S),
         [this] { runOnSelection(HostSession::Action::ManagedSave); });
    make(Delete, Icons::Delete, tr("De&lete…"), QKeySequence::Delete, &MainWindow::deleteSelection);
    make(Details, Icons::App, tr("&Open Details"), QKeySequence::Open, [this] {
        const auto uuids = selectedDomains();
        if (HostSession *s = currentSession(); s && !uuids.isEmpty())
            openDetails(s, uuids.first());
    });
    make(Console, Icons::Console, tr("Serial &Console"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), [this] {
             // One tab per running domain: several consoles at once.
             HostSession *s = currentSession();
             for (const QByteArray &uuid : selectedDomains())
                 if (const DomainRecord *d = s ? s->model()->find(uuid) : nullptr;
                     d && DomainState::isActive(d->state))
                     openConsole(s, uuid);
         });
    make(Screenshot, Icons::Screenshot, tr("Screens&hot"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), [this] {
             const auto uuids = selectedDomains();
             if (HostSession *s = currentSession(); s && !uuids.isEmpty())
                 if (DomainDetailsPage *p = openDetails(s, uuids.first()))
                     p->showScreenshot();
         });
    make(Find, Icons::Find, tr("&Find"), QKeySequence::Find, [this] {
        // In an XML editor: its find bar; elsewhere: the domain filter.
        if (auto *p = qobject_cast<DomainDetailsPage *>(m_workspace->currentWidget());
            p && p->currentWidget() == p->xmlPage()) {
            p->xmlPage()->find();
            return;
        }
        m_workspace->setCurrentIndex(0);
        m_filter->setFocus();
        m_filter->selectAll();
    });
    make(CloseTab, Icons::CloseTab, tr("Close &Tab"), QKeySequence::Close,
         [this] { closeDetailsTab(m_workspace->currentIndex()); });
    make(Preferences, Icons::App, tr("&Preferences…"), QKeySequence::Preferences,
         &MainWindow::showPreferences);
    if (m_actions[Preferences]->shortcut().isEmpty()) // no platform binding (X11)
        m_actions[Preferences]->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    make(Quit, Icons::ForceOff, tr("&Quit"), QKeySequence::Quit, &QWidget::close);
    m_actions[Quit]->setMenuRole(QAction::QuitRole);

    for (ActionId id : {Start, Shutdown, Reboot, ForceOff, Pause, Resume, ManagedSave, Delete})
        m_actions[id]->setShortcutContext(Qt::WindowShortcut);
    for (ActionId id : {Details, Console, Screenshot, Start, Pause, Resume, Shutdown, Reboot,
                        ForceOff, ManagedSave, Delete})
        m_table->addAction(m_actions[id]);
    for (ActionId id : {ConnectHost, DisconnectHost, RemoveConnection})
        m_treeView->addAction(m_actions[id]);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions[AddConnection]);
    file->addAction(m_actions[ConnectHost]);
    file->addAction(m_actions[DisconnectHost]);
    file->addAction(m_actions[RemoveConnection]);
    file->addSeparator();
    file->addAction(m_actions[Preferences]);
    file->addSeparator();
    file->addAction(m_actions[Quit]);
    QMenu *domain = menuBar()->addMenu(tr("&Domain"));
    for (ActionId id : {Start, Shutdown, Reboot, ForceOff, Pause, Resume, ManagedSave, Delete})
        domain->addAction(m_actions[id]);
    domain->addSeparator();
    for (ActionId id : {Details, Console, Screenshot, Find, CloseTab})
        domain->addAction(m_actions[id]);

    QToolBar *tb = addToolBar(tr("Main"));
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->addAction(m_actions[AddConnection]);
    tb->addSeparator();
    for (ActionId id : {Start, Pause, Resume, Shutdown, Reboot, ForceOff, ManagedSave, Delete})
        tb->addAction(m_actions[id]);
    tb->addSeparator();
    for (ActionId id : {Details, Console, Screenshot})
        tb->addAction(m_actions[id]);
}

void MainWindow::restoreWindowState()
{
    QSettings s;
    s.beginGroup(QStringLiteral("window"));
    if (!restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray()))
        resize(1100, 700);
    restoreState(s.value(QStringLiteral("state")).toByteArray());
    if (auto *sp = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        if (!sp->restoreState(s.value(QStringLiteral("splitter")).toByteArray()))
            sp->setSizes({260, 840});
    m_table->horizontalHeader()->restoreState(
        s.value(QStringLiteral("domainHeader")).toByteArray());
}

void MainWindow::saveWindowState()
{
    QSettings s;
    s.beginGroup(QStringLiteral("window"));
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("state"), saveState());
    if (auto *sp = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        s.setValue(QStringLiteral("splitter"), sp->saveState());
    if (m_headerRestored)
        s.setValue(QStringLiteral("domainHeader"), m_table->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    for (HostSession *s : sessions())
        s->disconnectFromHost();
    event->accept();
}

HostSession *MainWindow::addConnection(const SavedConnection &connection, bool persist,
                                       bool connectNow)
{
    auto *session = new HostSession(connection, this);
    session->setStatsInterval(m_settings.statsIntervalSeconds);
    session->setAutoReconnect(m_settings.reconnect);
    m_persisted.insert(session, persist);
    m_tree->addSession(session);
    connect(session, &HostSession::info, m_messages, &MessageArea::info);
    connect(session, &HostSession::error, m_messages, &MessageArea::error);
    connect(session, &HostSession::authenticationRequired, this,
            [this, session](verx::AuthRequest *r) { onAuthenticationRequired(session, r); });
    connect(session, &HostSession::statusChanged, this, [this, session] {
        statusBar()->showMessage(tr("%1: %2").arg(session->displayName(), session->statusText()),
                                 5000);
        if (session == currentSession())
            m_actionUpdate->start();
    });
    connect(session, &HostSession::domainEvent, this, [this, session](const QByteArray &uuid) {
        // Detail tabs show their domain's state.
        const DomainRecord *d = session->model()->find(uuid);
        for (int i = 2; d && i < m_workspace->count(); ++i)
            if (auto *p = qobject_cast<DomainDetailsPage *>(m_workspace->widget(i));
                p && p->session() == session && p->uuid() == uuid)
                m_workspace->setTabIcon(i, DomainState::icon(d->state));
    });
    connect(session, &HostSession::savedChanged, this, [this, session] {
        if (m_persisted.value(session))
            persistConnections();
    });
    connect(session, &HostSession::populated, this, [this, session] {
        const QModelIndex i = m_tree->indexOf(session);
        if (m_tree->rowCount(i) <= 200)
            m_treeView->expand(i);
    });
    if (persist)
        persistConnections();
    if (!currentSession())
        selectSession(session);
    if (connectNow)
        session->connectToHost();
    return session;
}

HostSession *MainWindow::openUri(const QString &uri)
{
    for (HostSession *s : sessions()) {
        if (s->saved().uri == uri) {
            s->connectToHost();
            return s;
        }
    }
    SavedConnection c;
    c.uri = uri;
    return addConnection(c, false);
}

void MainWindow::loadSavedConnections()
{
    for (const SavedConnection &c : ConnectionStore::load())
        addConnection(c, true, c.autoconnect);
}

void MainWindow::openAtStart(const CommandLine &commandLine)
{
    if (commandLine.openSaved())
        loadSavedConnections();
    for (const QString &uri : commandLine.uris())
        openUri(uri);
}

void MainWindow::persistConnections()
{
    QList<SavedConnection> list;
    for (HostSession *s : sessions())
        if (m_persisted.value(s))
            list.append(s->saved());
    ConnectionStore::save(list);
}

QList<HostSession *> MainWindow::sessions() const
{
    return m_tree->sessions();
}

bool MainWindow::shutDownHosts(int timeoutMs)
{
    const auto allClosed = [this]() {
        for (HostSession *s : sessions())
            if (s->connection()->state() != verx::Connection::State::Disconnected)
                return false;
        return true;
    };
    for (HostSession *s : sessions())
        s->disconnectFromHost();
    if (allClosed())
        return true;
    QEventLoop loop;
    for (HostSession *s : sessions())
        connect(s->connection(), &verx::Connection::disconnected, &loop, [&]() {
            if (allClosed())
                loop.quit();
        });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return allClosed();
}

HostSession *MainWindow::currentSession() const
{
    return m_tree->sessionAt(m_treeView->currentIndex());
}

void MainWindow::selectSession(HostSession *session)
{
    m_treeView->setCurrentIndex(m_tree->indexOf(session));
    onTreeSelection();
}

void MainWindow::onTreeSelection()
{
    HostSession *s = currentSession();
    QAbstractItemModel *model = s ? s->model() : nullptr;
    if (m_proxy->sourceModel() != model) {
        m_proxy->setSourceModel(model);
        // The header has sections only with a model: restore it then.
        if (model && !m_headerRestored) {
            m_headerRestored = true;
            QSettings settings;
            if (!m_table->horizontalHeader()->restoreState(
                    settings.value(QStringLiteral("window/domainHeader")).toByteArray()))
                m_table->horizontalHeader()->resizeSection(DomainTableModel::Name, 240);
        }
    }
    m_hostDetails->setSession(s);
    const QModelIndex current = m_treeView->currentIndex();
    if (s && current.isValid() && !current.data(ConnectionTreeModel::IsHostRole).toBool())
        selectDomains({current.data(ConnectionTreeModel::UuidRole).toByteArray()});
    updateActions();
}

QList<QByteArray> MainWindow::selectedDomains() const
{
    QList<QByteArray> uuids;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        uuids.append(i.data(DomainTableModel::UuidRole).toByteArray());
    return uuids;
}

void MainWindow::selectDomains(const QList<QByteArray> &uuids)
{
    HostSession *s = currentSession();
    if (!s)
        return;
    QItemSelection selection;
    for (const QByteArray &uuid : uuids) {
        const int row = s->model()->rowOf(uuid);
        if (row < 0)
            continue;
        const QModelIndex i = m_proxy->mapFromSource(s->model()->index(row, 0));
        if (i.isValid())
            selection.select(i, i.siblingAtColumn(DomainTableModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        m_table->scrollTo(selection.first().topLeft());
    updateActions();
}

void MainWindow::runOnSelection(HostSession::Action action)
{
    HostSession *s = currentSession();
    const auto uuids = selectedDomains();
    if (s && !uuids.isEmpty())
        s->runAction(action, uuids);
}

void MainWindow::deleteSelection()
{
    HostSession *s = currentSession();
    const auto uuids = selectedDomains();
    if (!s || uuids.isEmpty())
        return;
    QStringList names;
    for (const QByteArray &u : uuids)
        if (const DomainRecord *d = s->model()->find(u))
            names << d->name;
    auto *dialog = new DeleteDomainsDialog(names, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<HostSession> guard(s);
    connect(dialog, &QDialog::accepted, this, [guard, uuids, dialog] {
        if (guard)
            guard->runAction(HostSession::Action::Delete, uuids, dialog->flags());
    });
    dialog->open();
}

void MainWindow::updateActions()
{
    HostSession *s = currentSession();
    const bool connected = s && s->isConnected();
    m_actions[ConnectHost]->setEnabled(s && s->status() == HostSession::Status::Disconnected);
    m_actions[DisconnectHost]->setEnabled(s && s->status() != HostSession::Status::Disconnected);
    m_actions[RemoveConnection]->setEnabled(s != nullptr);
    bool anyActive = false, anyInactive = false, anyRunning = false, anyPaused = false;
    const auto uuids = connected ? selectedDomains() : QList<QByteArray>();
    for (const QByteArray &u : uuids) {
        const DomainRecord *d = s->model()->find(u);
        if (!d)
            continue;
        const bool active = DomainState::isActive(d->state);
        anyActive |= active;
        anyInactive |= !active;
        anyRunning |= d->state == DomainState::Running || d->state == DomainState::Blocked;
        anyPaused |= d->state == DomainState::Paused || d->state == DomainState::PmSuspended;
    }
    const bool one = !uuids.isEmpty();
    m_actions[Start]->setEnabled(anyInactive);
    m_actions[Shutdown]->setEnabled(anyActive);
    m_actions[Reboot]->setEnabled(anyRunning);
    m_actions[ForceOff]->setEnabled(anyActive);
    m_actions[Pause]->setEnabled(anyRunning);
    m_actions[Resume]->setEnabled(anyPaused);
    m_actions[ManagedSave]->setEnabled(anyActive);
    m_actions[Delete]->setEnabled(one);
    m_actions[Details]->setEnabled(one);
    m_actions[Console]->setEnabled(anyActive);
    m_actions[Screenshot]->setEnabled(anyActive);
    m_actions[CloseTab]->setEnabled(m_workspace->currentIndex() >= 2);
}

DomainDetailsPage *MainWindow::openDetails(HostSession *session, const QByteArray &uuid)
{
    if (!session || uuid.isEmpty())
        return nullptr;
    for (int i = 2; i < m_workspace->count(); ++i) {
        auto *p = qobject_cast<DomainDetailsPage *>(m_workspace->widget(i));
        if (p && p->session() == session && p->uuid() == uuid) {
            m_workspace->setCurrentIndex(i);
            return p;
        }
    }
    const DomainRecord *d = session->model()->find(uuid);
    if (!d)
        return nullptr;
    auto *page = new DomainDetailsPage(session, uuid, m_settings);
    const int index = m_workspace->addTab(page, DomainState::icon(d->state),
                                          tr("%1 on %2").arg(d->name, session->displayName()));
    m_workspace->setCurrentIndex(index);
    return page;
}

ConsolePage *MainWindow::openConsole(HostSession *session, const QByteArray &uuid)
{
    // A domain already open focuses its tab; its console is attached once.
    DomainDetailsPage *page = openDetails(session, uuid);
    if (!page)
        return nullptr;
    page->showConsole();
    return page->consolePage();
}

void MainWindow::closeDetailsTab(int index)
{
    if (index < 2 || index >= m_workspace->count())
        return;
    QWidget *w = m_workspace->widget(index);
    // Its console lets go of the domain's console now (another client, or
    // a new tab, may take it), not when the page is deleted later.
    if (auto *page = qobject_cast<DomainDetailsPage *>(w))
        page->consolePage()->detach();
    m_workspace->removeTab(index);
    w->deleteLater();
}

void MainWindow::showAddConnection()
{
    auto *dialog = new AddConnectionDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        HostSession *s = addConnection(dialog->savedConnection(), true);
        selectSession(s);
    });
    dialog->open();
}

void MainWindow::showPreferences()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_settings = dialog->settings();
        m_settings.save();
        for (HostSession *s : sessions()) {
            s->setStatsInterval(m_settings.statsIntervalSeconds);
            s->setAutoReconnect(m_settings.reconnect);
        }
        for (int i = 2; i < m_workspace->count(); ++i)
            if (auto *p = qobject_cast<DomainDetailsPage *>(m_workspace->widget(i)))
                if (p->consolePage())
                    p->consolePage()->applySettings(m_settings);
    });
    dialog->open();
}

void MainWindow::onAuthenticationRequired(HostSession *session, verx::AuthRequest *request)
{
    auto *dialog =
        new AuthDialog(request, session->displayName(), session->saved().rememberPassword, this);
    // Remembered only once the server accepted the login (HostSession).
    const verx::AuthRequest::Kind kind = request->kind();
    const QString prompt = request->prompt();
    connect(dialog, &AuthDialog::answered, session,
            [session, kind, prompt](const QString &value, bool remember) {
                session->rememberAnswer(kind, prompt, value, remember);
            });
    dialog->open();
}

} // namespace verx::manager
