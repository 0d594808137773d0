#include "hierarchyfeed.h"

#include "hierarchymodel.h"
#include "managementclient.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace ferry {

namespace {
// ferryd sends a keep-alive after 15 s of quiet; three missed ones mean the
// connection is dead even if TCP has not noticed.
constexpr int kIdleTimeoutMs = 45000;
constexpr int kMaxBackoffMs = 30000;
// One event is one resource; far beyond this the server is not speaking SSE.
constexpr qsizetype kMaxPendingBytes = 16 * 1024 * 1024;
} // namespace

HierarchyFeed::HierarchyFeed(ManagementClient* client, HierarchyModel* model, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model) {
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &HierarchyFeed::openStream);
}

HierarchyFeed::~HierarchyFeed() {
    stop();
}

void HierarchyFeed::start() {
    stop();
    m_stopped = false;
    m_failures = 0;
    m_parser = EventStreamParser();
    setState(State::Loading);
    openStream(); // the hierarchy is read once the stream is subscribed
}

void HierarchyFeed::stop() {
    m_stopped = true;
    m_reconnect.stop();
    ++m_generation;
    m_loading = false;
    m_held.clear();
    if (m_stream) {
        QNetworkReply* stream = m_stream;
        m_stream = nullptr;
        stream->disconnect(this);
        stream->abort();
        stream->deleteLater();
    }
    setState(State::Idle);
}

void HierarchyFeed::reload() {
    if (m_stopped)
        return;
    m_loading = true;
    ++m_reloads;
    const quint64 generation = ++m_generation;
    if (m_state != State::Live)
        setState(State::Loading);
    ManagementCall* call = m_client->get(QStringLiteral("hierarchy"));
    connect(call, &ManagementCall::finished, this, [this, call, generation] {
        call->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        const ApiResponse& response = call->response();
        if (!response.ok()) {
            Q_EMIT errorOccurred(response.error->message);
            m_held.clear();
            return;
        }
        m_model->load(response.body);
        // What arrived while the load was in flight, oldest first; the model
        // drops what the load already reflects.
        const QList<ServerEvent> held = std::exchange(m_held, {});
        for (const ServerEvent& event : held)
            handle(event);
        if (m_stream)
            setState(State::Live);
        Q_EMIT loaded();
    });
}

void HierarchyFeed::openStream() {
    if (m_stopped)
        return;
    ManagementClient::Headers headers;
    const bool resuming = !m_parser.lastEventId().isEmpty();
    if (resuming)
        headers.append({"Last-Event-ID", m_parser.lastEventId().toUtf8()});
    m_parser.restart();
    QNetworkReply* stream = m_client->openStream(QStringLiteral("events"), headers, kIdleTimeoutMs);
    m_stream = stream;
    connect(stream, &QNetworkReply::readyRead, this, &HierarchyFeed::readStream);
    connect(stream, &QNetworkReply::finished, this, &HierarchyFeed::streamFinished);
    connect(stream, &QNetworkReply::metaDataChanged, this, [this, stream, resuming] {
        const int status = stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200)
            return;
        m_failures = 0;
        // Without an id the server sends only what happens from now on, so
        // read the hierarchy now that the stream is subscribed: a change made
        // before this point is in the load, one made after it in the stream.
        if (!resuming)
            reload();
        else if (!m_loading)
            setState(State::Live);
    });
}

void HierarchyFeed::readStream() {
    if (!m_stream)
        return;
    const QList<ServerEvent> events = m_parser.feed(m_stream->readAll());
    if (m_parser.pendingBytes() > kMaxPendingBytes) {
        Q_EMIT errorOccurred(tr("The event stream sent an event too large to be real; "
                                "reconnecting."));
        m_stream->abort();
        return;
    }
    for (const ServerEvent& event : events) {
        if (m_loading)
            m_held.append(event);
        else
            handle(event);
    }
}

void HierarchyFeed::streamFinished() {
    QNetworkReply* stream = m_stream;
    if (!stream)
        return;
    m_stream = nullptr;
    stream->deleteLater();
    if (m_stopped)
        return;
    const ApiResponse response = m_client->responseOf(stream);
    if (response.error && (response.httpStatus == 401 || response.httpStatus == 403)) {
        // Retrying can't cure a refusal; say it and wait for the person.
        Q_EMIT errorOccurred(response.error->message);
        setState(State::Idle);
        return;
    }
    setState(State::Reconnecting);
    ++m_failures;
    // The server's `retry:` advice unless the owner set one, doubled per
    // failure in a row up to a ceiling, so a server that is down is not hammered.
    const int base = m_retryOverrideMs > 0 ? m_retryOverrideMs : m_parser.retryMs().value_or(2000);
    m_reconnect.start(std::min(kMaxBackoffMs, base << std::min(m_failures - 1, 4)));
}

void HierarchyFeed::handle(const ServerEvent& event) {
    if (event.type == QLatin1String("reset")) {
        // The events after our id are gone from the server's memory: the
        // model can't be patched across the gap, so read it all once.
        reload();
        return;
    }
    const QJsonObject data = QJsonDocument::fromJson(event.data).object();
    if (data.value(QLatin1StringView("kind")).toString() == QLatin1String("connectedRegistry")) {
        m_model->applyRegistryEvent(event.type, data.value(QLatin1StringView("name")).toString(),
                                    qint64(data.value(QLatin1StringView("revision")).toDouble()),
                                    data.value(QLatin1StringView("resource")).toObject());
    }
    Q_EMIT eventReceived(event.type, data);
}

void HierarchyFeed::setState(State state) {
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace ferry
