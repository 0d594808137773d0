#pragma once
// Keeps a HierarchyModel current with one ferryd: GET /api/v1/hierarchy
// once, then the event stream (api.md "Events"), applying each change to
// exactly the node it names. No polling: after a dropped connection it
// resumes with Last-Event-ID, so the server replays what was missed; when the
// server answers `reset` (the gap is gone from its memory) it reloads once.
//
// The hierarchy is read once the stream has answered (subscribed), and the
// stream's events are held until the load lands, so nothing that happens in
// between is lost; events the load already reflects are dropped by revision
// in the model.

#include "servereventparser.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace ferry {

class HierarchyModel;
class ManagementClient;

class HierarchyFeed : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Loading, Live, Reconnecting };
    Q_ENUM(State)

    HierarchyFeed(ManagementClient* client, HierarchyModel* model, QObject* parent = nullptr);
    ~HierarchyFeed() override;

    void start();
    void stop();
    // F5: read the whole hierarchy again (the stream stays open).
    void reload();
    State state() const { return m_state; }
    QString lastEventId() const { return m_parser.lastEventId(); }
    int reloadCount() const { return m_reloads; }

    // Overrides the server's `retry:` advice (tests); 0 follows the server.
    void setReconnectDelay(int ms) { m_retryOverrideMs = ms; }

Q_SIGNALS:
    void stateChanged(ferry::HierarchyFeed::State state);
    void loaded();
    // Every event of the stream, after the model has taken its part: tokens
    // and scope maps for their lists, notifications for the event log.
    void eventReceived(const QString& type, const QJsonObject& data);
    void errorOccurred(const QString& message);

private:
    void openStream();
    void readStream();
    void streamFinished();
    void handle(const ServerEvent& event);
    void setState(State state);

    ManagementClient* m_client;
    HierarchyModel* m_model;
    QPointer<QNetworkReply> m_stream;
    EventStreamParser m_parser;
    QList<ServerEvent> m_held; // arrived while a load was in flight
    QTimer m_reconnect;
    State m_state = State::Idle;
    bool m_loading = false;
    bool m_stopped = true;
    int m_retryOverrideMs = 0;
    int m_failures = 0;
    int m_reloads = 0;
    quint64 m_generation = 0; // drops answers to a load that a newer one replaced
};

} // namespace ferry
