#include "paceddownload.h"

namespace {
constexpr int kTickMs = 50;
}

PacedDownload::PacedDownload(QUrl base, QString path, int bytesPerSecond)
    : m_base(std::move(base))
    , m_path(std::move(path))
    , m_bytesPerTick(qMax<qint64>(1, qint64(bytesPerSecond) * kTickMs / 1000)) {
    m_socket.setReadBufferSize(64 * 1024);
    m_timer.setInterval(kTickMs);
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
    QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] {
        m_socket.write("GET " + m_path.toUtf8() + " HTTP/1.1\r\nHost: " + m_base.host().toLatin1() +
                       "\r\nConnection: close\r\n\r\n");
    });
}

void PacedDownload::start() {
    m_clock.start();
    m_socket.connectToHost(m_base.host(), quint16(m_base.port()));
    m_timer.start();
}

QString PacedDownload::digest() const {
    return m_done ? QStringLiteral("sha256:") + QString::fromLatin1(m_hash.result().toHex())
                  : QString();
}

void PacedDownload::fail(const QString& why) {
    m_error = QStringLiteral("%1 (after %2 body bytes, %3 ms)")
                  .arg(why)
                  .arg(m_received)
                  .arg(m_clock.elapsed());
    m_durationMs = m_clock.elapsed();
    m_timer.stop();
    m_socket.abort();
}

void PacedDownload::tick() {
    if (finished())
        return;
    const auto state = m_socket.state();
    if (state == QAbstractSocket::HostLookupState || state == QAbstractSocket::ConnectingState)
        return;
    // Qt keeps what it buffered readable after the server closed.
    const QByteArray bytes = m_socket.isReadable() ? m_socket.read(m_bytesPerTick) : QByteArray();
    if (!bytes.isEmpty())
        consume(bytes);
    if (!finished() && bytes.isEmpty() && state == QAbstractSocket::UnconnectedState &&
        m_socket.bytesAvailable() == 0)
        fail(QStringLiteral("connection closed early: ") + m_socket.errorString());
}

void PacedDownload::consume(const QByteArray& bytes) {
    QByteArray body = bytes;
    if (!m_inBody) {
        m_head += bytes;
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_head.size() > 64 * 1024)
                fail(QStringLiteral("no end of the response header"));
            return;
        }
        const QList<QByteArray> lines = m_head.left(end).split('\n');
        const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
        m_status = statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
        for (const QByteArray& line : lines)
            if (line.toLower().startsWith("content-length:"))
                m_contentLength = line.mid(15).trimmed().toLongLong();
        if (m_status != 200 || m_contentLength < 0)
            return fail(QStringLiteral("HTTP %1 without a body length: %2")
                            .arg(m_status)
                            .arg(QString::fromLatin1(m_head.left(end))));
        body = m_head.mid(end + 4);
        m_head.clear();
        m_inBody = true;
    }
    m_hash.addData(body);
    m_received += body.size();
    if (m_received > m_contentLength)
        return fail(QStringLiteral("more body than Content-Length"));
    if (m_received == m_contentLength) {
        m_done = true;
        m_durationMs = m_clock.elapsed();
        m_timer.stop();
        m_socket.close();
    }
}
