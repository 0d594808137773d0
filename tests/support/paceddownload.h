#pragma once
// A GET over a plain socket whose response is read at a fixed pace, like a
// slow client on a thin line: Qt buffers at most 64 KiB, so the server feels
// TCP backpressure. curl's --limit-rate cannot stand in for it (curl 7.88
// often lets a 4 MiB loopback download through unthrottled). Records when the
// first body byte and the last arrived, and hashes the body as it comes.

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QString>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

class PacedDownload {
public:
    PacedDownload(QUrl base, QString path, int bytesPerSecond);
    void start();

    bool finished() const { return m_done || !m_error.isEmpty(); }
    bool succeeded() const { return m_done; }
    // Between the first body byte and the last.
    bool midBody() const { return m_received > 0 && !finished(); }
    int status() const { return m_status; }
    qint64 received() const { return m_received; }
    qint64 durationMs() const { return m_durationMs; }
    QString digest() const; // sha256:<hex> of the body, once finished
    QString error() const { return m_error; }

private:
    void tick();
    void consume(const QByteArray& bytes);
    void fail(const QString& why);

    QUrl m_base;
    QString m_path;
    qint64 m_bytesPerTick;
    QTcpSocket m_socket;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_head;
    bool m_inBody = false;
    bool m_done = false;
    int m_status = 0;
    qint64 m_contentLength = -1;
    qint64 m_received = 0;
    qint64 m_durationMs = -1;
    QString m_error;
};
