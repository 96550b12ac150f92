// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include "AppSettings.h"
#include "HostSession.h"
#include "SavedConnection.h"

#include <QHash>
#include <QMainWindow>

class QLineEdit;
class QTableView;
class QTabWidget;
class QTimer;
class QTreeView;

namespace verx::manager {

class CommandLine;
class ConsolePage;
class ConnectionTreeModel;
class DomainDetailsPage;
class DomainFilterProxy;
class HostDetailsPage;
class MessageArea;

// The main window: hosts and their domains in a side tree, the selected
// host's domain table, host details, domain detail tabs, and the message
// area.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum ActionId {
        AddConnection,
        ConnectHost,
        DisconnectHost,
        RemoveConnection,
        Start,
        Shutdown,
        Reboot,
        ForceOff,
        Pause,
        Resume,
        ManagedSave,
        Delete,
        Details,
        Console,
        Screenshot,
        Find,
        CloseTab,
        Preferences,
        Quit,
        ActionCount
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a host (saved in the settings when persist) and connects it.
    HostSession *addConnection(const SavedConnection &connection, bool persist,
                               bool connectNow = true);
    // Opens uri (from --connect): reuses a saved connection with that URI.
    HostSession *openUri(const QString &uri);
    void loadSavedConnections();
    // What main() does with its command line: the saved connections
    // (unless --no-saved), then every URI given.
    void openAtStart(const CommandLine &commandLine);

    QList<HostSession *> sessions() const;
    // Closes every host's connection and waits (at most timeoutMs) until
    // all are closed, so the daemons settle open consoles and other streams
    // before the program ends. True when all closed in time.
    bool shutDownHosts(int timeoutMs);
    HostSession *currentSession() const;
    void selectSession(HostSession *session);
    QList<QByteArray> selectedDomains() const;
    void selectDomains(const QList<QByteArray> &uuids);
    DomainDetailsPage *openDetails(HostSession *session, const QByteArray &uuid);
    // The domain's details tab (opened or focused) showing its console,
    // attached unless it already is.
    ConsolePage *openConsole(HostSession *session, const QByteArray &uuid);
    // Closes a domain's tab (not the list or host tab); its console detaches.
    void closeDetailsTab(int index);

    QAction *action(ActionId id) const { return m_actions[id]; }
    QTableView *domainTable() const { return m_table; }
    DomainFilterProxy *domainProxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTreeView *treeView() const { return m_treeView; }
    ConnectionTreeModel *treeModel() const { return m_tree; }
    MessageArea *messages() const { return m_messages; }
    HostDetailsPage *hostDetails() const { return m_hostDetails; }
    QTabWidget *workspace() const { return m_workspace; }
    const AppSettings &settings() const { return m_settings; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void restoreWindowState();
    void saveWindowState();
    void showAddConnection();
    void showPreferences();
    void onTreeSelection();
    void runOnSelection(HostSession::Action action);
    void deleteSelection();
    void updateActions();
    void onAuthenticationRequired(HostSession *session, verx::AuthRequest *request);
    void persistConnections();

    AppSettings m_settings;
    ConnectionTreeModel *m_tree = nullptr;
    QTreeView *m_treeView = nullptr;
    QTabWidget *m_workspace = nullptr;
    QTableView *m_table = nullptr;
    DomainFilterProxy *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    HostDetailsPage *m_hostDetails = nullptr;
    MessageArea *m_messages = nullptr;
    QAction *m_actions[ActionCount] = {};
    QHash<HostSession *, bool> m_persisted;
    QTimer *m_actionUpdate = nullptr;
    bool m_headerRestored = false;
};

} // namespace verx::manager
