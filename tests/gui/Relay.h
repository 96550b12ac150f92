// SPDX-License-Identifier: GPL-2.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <utility>

// A TCP relay to libvirtd that can cut every connection (to lose a
// connection on purpose), hold back the server's answers (a host that stops
// answering), or let a number of the client's packets through and hold the
// rest (to order what the server sees).
class Relay : public QObject
{
public:
    explicit Relay(quint16 target);
    quint16 port() const { return m_server.serverPort(); }
    // Holds back everything the server sends (a host that stops answering)
    // until released; then it all goes through.
    void hold(bool on);
    // The client's next n packets go through; later ones wait for
    // releaseUpstream().
    void passThenHoldUpstream(int n) { m_passPackets = n; }
    void releaseUpstream();
    bool holdsUpstream() const { return !m_upstream.isEmpty(); }
    // The server's replies wait (as from a slow worker) while its events
    // go through: an event overtakes an answer computed before it.
    void holdReplies() { m_holdReplies = true; }
    bool holdsReplies() const { return !m_heldReplies.isEmpty(); }
    void releaseReplies();
    // New connections are closed at once (while on).
    void setRefusing(bool on) { m_refusing = on; }
    void cutAll();

private:
    QTcpServer m_server;
    quint16 m_target;
    QList<QPointer<QTcpSocket>> m_clients;
    QList<std::pair<QPointer<QTcpSocket>, QPointer<QTcpSocket>>> m_pairs;
    bool m_held = false;
    bool m_refusing = false;
    int m_passPackets = -1; // < 0: everything passes
    QByteArray m_upstream;
    QPointer<QTcpSocket> m_upstreamOut;
    bool m_holdReplies = false;
    QByteArray m_downstream;
    QByteArray m_heldReplies;
    QPointer<QTcpSocket> m_downstreamIn;
};
