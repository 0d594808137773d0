#include "cutproxy.h"

CutProxy::CutProxy(quint16 targetPort, QObject* parent)
    : QObject(parent)
    , m_targetPort(targetPort) {
    connect(&m_server, &QTcpServer::newConnection, this, &CutProxy::accept);
}

bool CutProxy::listen() {
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void CutProxy::setPartitioned(bool partitioned) {
    m_partitioned = partitioned;
    if (partitioned)
        dropAll();
}

void CutProxy::dropAll() {
    for (Pair* pair : m_pairs) {
        if (pair->client)
            pair->client->abort();
        if (pair->upstream)
            pair->upstream->abort();
    }
}

void CutProxy::accept() {
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        if (m_partitioned) {
            ++m_refused;
            client->abort();
            client->deleteLater();
            continue;
        }
        auto* pair = new Pair;
        pair->client = client;
        pair->upstream = new QTcpSocket(this);
        m_pairs.push_back(pair);
        client->setParent(this);
        QTcpSocket* upstream = pair->upstream;
        auto close = [this, pair] {
            if (pair->client)
                pair->client->disconnectFromHost();
            if (pair->upstream)
                pair->upstream->disconnectFromHost();
        };
        connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(client->readAll());
        });
        connect(upstream, &QTcpSocket::connected, client,
                [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::readyRead, client, [this, pair, client, upstream] {
            const QByteArray bytes = upstream->readAll();
            pair->down += bytes.size();
            m_bytesDown += bytes.size();
            if (m_cutAfter >= 0 && pair->down > m_cutAfter && !m_cutHappened) {
                // Pass part of it, then cut both sides mid-response.
                client->write(bytes.left(bytes.size() / 2));
                client->flush();
                m_cutHappened = true;
                client->abort();
                upstream->abort();
                return;
            }
            client->write(bytes);
        });
        connect(client, &QTcpSocket::disconnected, this, close);
        connect(upstream, &QTcpSocket::disconnected, this, close);
        connect(upstream, &QTcpSocket::errorOccurred, this, close);
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}
