#include "servereventparser.h"

namespace ferry {

QList<ServerEvent> EventStreamParser::feed(const QByteArray& bytes) {
    QList<ServerEvent> events;
    m_line += bytes;
    qsizetype start = 0;
    while (true) {
        qsizetype end = start;
        while (end < m_line.size() && m_line.at(end) != '\n' && m_line.at(end) != '\r')
            ++end;
        if (end == m_line.size())
            break;
        // A CR as the last byte may be the first half of a CRLF split across
        // two chunks; wait for the next one to tell.
        if (m_line.at(end) == '\r' && end + 1 == m_line.size())
            break;
        processLine(m_line.mid(start, end - start), events);
        start = end + 1;
        if (m_line.at(end) == '\r' && m_line.at(start) == '\n')
            ++start;
    }
    m_line.remove(0, start);
    return events;
}

void EventStreamParser::restart() {
    m_line.clear();
    m_data.clear();
    m_type.clear();
    m_idBuffer = m_lastEventId;
}

void EventStreamParser::processLine(const QByteArray& line, QList<ServerEvent>& out) {
    if (line.isEmpty()) {
        // The spec's dispatch: the id counts even for an event without data.
        m_lastEventId = m_idBuffer;
        if (!m_data.isEmpty()) {
            m_data.chop(1); // the line break after the last data line
            out.append(
                {m_lastEventId, m_type.isEmpty() ? QStringLiteral("message") : m_type, m_data});
        }
        m_data.clear();
        m_type.clear();
        return;
    }
    if (line.startsWith(':'))
        return; // a comment: ferryd's keep-alive
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        m_data += value;
        m_data += '\n';
    } else if (field == "event") {
        m_type = QString::fromUtf8(value);
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_idBuffer = QString::fromUtf8(value);
    } else if (field == "retry") {
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (ok && ms >= 0 && value.front() != '+' && value.front() != '-')
            m_retryMs = ms;
    }
    // Any other field is ignored, as the spec says.
}

} // namespace ferry
