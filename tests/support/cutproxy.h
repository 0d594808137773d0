#pragma once
// A TCP proxy inside the test process that stands between a connected
// registry and its parent, so a test can cut the link: refuse new
// connections (a partition), drop every open one, or drop a connection in
// the middle of a response once a number of bytes has passed (a blob cut
// short). It runs on the test's event loop; wait with QTest::qWaitFor.

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

class CutProxy : public QObject {
public:
    explicit CutProxy(quint16 targetPort, QObject* parent = nullptr);

    bool listen(); // on 127.0.0.1, a free port
    quint16 port() const { return m_server.serverPort(); }
    QString hostPort() const { return QStringLiteral("127.0.0.1:%1").arg(port()); }

    // A partition: new connections are closed at once and open ones dropped.
    void setPartitioned(bool partitioned);
    // Drops the first connection whose downstream traffic (parent to child)
    // passes `bytes` in one response stream, once.
    void cutOnceAfter(qint64 bytes) { m_cutAfter = bytes; }
    bool cutHappened() const { return m_cutHappened; }
    qint64 bytesDown() const { return m_bytesDown; }
    // Connections closed at once because of a partition, since the start.
    int refused() const { return m_refused; }

private:
    struct Pair {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        qint64 down = 0;
    };
    void accept();
    void dropAll();

    QTcpServer m_server;
    quint16 m_targetPort;
    bool m_partitioned = false;
    qint64 m_cutAfter = -1;
    bool m_cutHappened = false;
    qint64 m_bytesDown = 0;
    int m_refused = 0;
    QList<Pair*> m_pairs;
};
