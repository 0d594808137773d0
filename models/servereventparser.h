#pragma once
// Incremental parser for a text/event-stream body (the HTML Living Standard,
// "Server-sent events", section "Interpreting an event stream"). It is fed the
// bytes of each readyRead as they come, keeps only the unfinished line and
// event, and hands back the events a chunk completed, so a stream that runs
// for days never sits in memory.

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace ferry {

struct ServerEvent {
    QString id;   // the last event id in force when it was dispatched
    QString type; // "message" unless an `event:` line said otherwise
    QByteArray data;
};

class EventStreamParser {
public:
    // The events these bytes completed, in order.
    QList<ServerEvent> feed(const QByteArray& bytes);
    // Forget a half-received line and event, for a new connection; the last
    // event id is kept, since that is what the reconnection resumes from.
    void restart();

    // The last id any dispatched event carried: what Last-Event-ID resends.
    QString lastEventId() const { return m_lastEventId; }
    void setLastEventId(const QString& id) { m_lastEventId = m_idBuffer = id; }
    // The server's `retry:` advice in milliseconds, if it gave one.
    std::optional<int> retryMs() const { return m_retryMs; }
    // Bytes waiting for the end of their line: a bound for a hostile server.
    qsizetype pendingBytes() const { return m_line.size() + m_data.size(); }

private:
    void processLine(const QByteArray& line, QList<ServerEvent>& out);

    QByteArray m_line;
    QByteArray m_data;
    QString m_type;
    QString m_idBuffer;
    QString m_lastEventId;
    std::optional<int> m_retryMs;
};

} // namespace ferry
