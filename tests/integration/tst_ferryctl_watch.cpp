// ferryctl end to end, part 3: `connected-registry watch` against ferryd's
// event stream (api.md "Events"). Changes made through the management API
// while a watcher runs reach it in order and exactly once; --last-event-id
// replays exactly what came after an id; --count ends the watch with 0.

#include "ferryctlharness.h"

#include <QElapsedTimer>
#include <csignal>

namespace {

// One running `ferryctl connected-registry watch -o json`.
class Watcher {
public:
    Watcher(const FerryctlHarness& h, const QStringList& args) {
        h.start(m_process, QStringList{"connected-registry", "watch", "-o", "json"} + args);
    }
    ~Watcher() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Until it says the stream is open: the server has then fixed where the
    // stream starts, so every later change reaches it.
    bool waitUntilWatching(int timeoutMs = 20000) {
        QElapsedTimer timer;
        timer.start();
        while (!m_err.contains("Watching events") && timer.elapsed() < timeoutMs &&
               m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(100);
            m_err += m_process.readAllStandardError();
        }
        return m_err.contains("Watching events");
    }
    void interrupt() { ::kill(pid_t(m_process.processId()), SIGINT); }
    // Its exit code once it ended by itself, -1 when it had to be killed.
    int waitForExit(int timeoutMs = 20000) {
        // It may have ended already, while waitUntilWatching read its stderr.
        if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
            return -1;
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    // One object per stdout line, or an empty list when a line isn't one.
    QList<QJsonObject> events() const {
        QList<QJsonObject> out;
        for (const QByteArray& line : m_out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonDocument document = QJsonDocument::fromJson(line);
            if (!document.isObject())
                return {};
            out << document.object();
        }
        return out;
    }
    QString describe() const {
        return QStringLiteral("exit %1 (%2)\nstdout: %3\nstderr: %4")
            .arg(m_process.exitCode())
            .arg(m_process.errorString(), QString::fromUtf8(m_out), QString::fromUtf8(m_err));
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

// "created connectedRegistry edgewatch1", the part of an event a test asserts on.
QString summary(const QJsonObject& event) {
    return QStringLiteral("%1 %2 %3")
        .arg(event.value("event").toString(), event.value("kind").toString(),
             event.value("name").toString());
}

QStringList summaries(const QList<QJsonObject>& events) {
    QStringList out;
    for (const QJsonObject& event : events)
        out << summary(event);
    return out;
}

} // namespace

class TestFerryctlWatch : public QObject {
    Q_OBJECT

    FerryctlHarness m_h;
    std::unique_ptr<HttpClient> m_api;

    // A top-level registry that adopts an existing sync token touches nothing
    // but itself, so each change below is exactly one event.
    bool prepareSyncToken(const QString& registry, const QString& token) {
        const QString scopeMap = token + QStringLiteral("-map");
        const QByteArray map =
            QJsonDocument(QJsonObject{{"actions",
                                       QJsonArray{
                                           "repositories/app/content/read",
                                           "repositories/app/metadata/read",
                                           "gateway/" + registry + "/config/read",
                                           "gateway/" + registry + "/config/write",
                                           "gateway/" + registry + "/message/read",
                                           "gateway/" + registry + "/message/write",
                                       }}})
                .toJson();
        const HttpReply mapReply = m_api->put("/api/v1/scope-maps/" + scopeMap, map, json());
        const HttpReply tokenReply =
            m_api->put("/api/v1/tokens/" + token,
                       QJsonDocument(QJsonObject{{"scopeMap", scopeMap}}).toJson(), json());
        if (mapReply.status >= 300 || tokenReply.status >= 300) {
            qWarning() << mapReply.body << tokenReply.body;
            return false;
        }
        return true;
    }
    static HttpClient::Headers json() { return {{"Content-Type", "application/json"}}; }

    // Create, update and delete one registry through the API: three events.
    bool changeRegistry(const QString& registry, const QString& token) {
        const HttpReply created =
            m_api->put("/api/v1/connected-registries/" + registry,
                       QJsonDocument(QJsonObject{{"mode", "ReadOnly"},
                                                 {"sync", QJsonObject{{"token", token}}}})
                           .toJson(),
                       json());
        const HttpReply updated = m_api->patch(
            "/api/v1/connected-registries/" + registry,
            QJsonDocument(QJsonObject{{"sync", QJsonObject{{"messageTtl", "P3D"}}}}).toJson(),
            json());
        const HttpReply deleted = m_api->del("/api/v1/connected-registries/" + registry);
        const bool ok = created.status < 300 && updated.status < 300 && deleted.status < 300;
        if (!ok)
            qWarning() << created.status << created.body << updated.status << updated.body
                       << deleted.status << deleted.body;
        return ok;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(m_h.start(), qPrintable(m_h.ferryd().errorString()));
        m_api = std::make_unique<HttpClient>(m_h.ferryd().baseUrl());
        m_api->setBasicAuth(QStringLiteral("admin"), FerryctlHarness::kAdminPassword);
        QVERIFY(prepareSyncToken(QStringLiteral("edgewatch1"), QStringLiteral("watch-sync1")));
        QVERIFY(prepareSyncToken(QStringLiteral("edgewatch2"), QStringLiteral("watch-sync2")));
    }

    void streamsEachChangeOnceInOrder() {
        Watcher watcher(m_h, {"--count", "3"});
        QVERIFY2(watcher.waitUntilWatching(), qPrintable(watcher.describe()));
        QVERIFY(changeRegistry(QStringLiteral("edgewatch1"), QStringLiteral("watch-sync1")));
        QVERIFY2(watcher.waitForExit() == 0, qPrintable(watcher.describe()));
        const QList<QJsonObject> events = watcher.events();
        QCOMPARE(summaries(events), (QStringList{"created connectedRegistry edgewatch1",
                                                 "updated connectedRegistry edgewatch1",
                                                 "deleted connectedRegistry edgewatch1"}));
        // Ids grow by one per event; revisions follow the store.
        QCOMPARE(events.at(1).value("id").toInteger(), events.at(0).value("id").toInteger() + 1);
        QCOMPARE(events.at(2).value("id").toInteger(), events.at(1).value("id").toInteger() + 1);
        QVERIFY(events.at(0).value("revision").toInteger() <
                events.at(1).value("revision").toInteger());
        QCOMPARE(events.at(0).value("resource").toObject().value("mode").toString(),
                 QStringLiteral("ReadOnly"));
        QVERIFY(events.at(2).value("resource").isNull());
        m_firstIds = {events.at(0).value("id").toInteger(), events.at(2).value("id").toInteger()};
    }

    void resumesAfterTheLastEventId() {
        if (m_firstIds.first == 0)
            QSKIP("needs streamsEachChangeOnceInOrder");
        // The first event's id: the server replays exactly the two after it.
        Watcher replay(m_h, {"--count", "2", "--last-event-id", QString::number(m_firstIds.first)});
        QVERIFY2(replay.waitForExit() == 0, qPrintable(replay.describe()));
        QCOMPARE(summaries(replay.events()), (QStringList{"updated connectedRegistry edgewatch1",
                                                          "deleted connectedRegistry edgewatch1"}));

        // After the newest: nothing is replayed, and live changes follow once.
        Watcher live(m_h, {"--count", "3", "--last-event-id", QString::number(m_firstIds.second)});
        QVERIFY2(live.waitUntilWatching(), qPrintable(live.describe()));
        QVERIFY(changeRegistry(QStringLiteral("edgewatch2"), QStringLiteral("watch-sync2")));
        QVERIFY2(live.waitForExit() == 0, qPrintable(live.describe()));
        const QList<QJsonObject> events = live.events();
        QCOMPARE(summaries(events), (QStringList{"created connectedRegistry edgewatch2",
                                                 "updated connectedRegistry edgewatch2",
                                                 "deleted connectedRegistry edgewatch2"}));
        QCOMPARE(events.at(0).value("id").toInteger(), m_firstIds.second + 1);
    }

    void anIdTheServerNoLongerHasSaysReset() {
        Watcher watcher(m_h, {"--count", "1", "--last-event-id", "3"});
        QVERIFY2(watcher.waitForExit() == 0, qPrintable(watcher.describe()));
        const QList<QJsonObject> events = watcher.events();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().value("event").toString(), QStringLiteral("reset"));
        QVERIFY(events.first().value("lastEventId").toInteger() > 3);
    }

    void tableAndUsage() {
        // Table mode: a header, then one aligned line per event.
        QProcess process;
        m_h.start(process, {"connected-registry", "watch", "--count", "1", "--last-event-id",
                            QString::number(m_firstIds.first)});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 0);
        const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0).simplified(), QByteArray("TIME (UTC) EVENT KIND NAME REVISION"));
        QVERIFY2(lines.at(1).contains("updated") && lines.at(1).contains("edgewatch1"),
                 lines.at(1).constData());

        const CtlRun bad = m_h.run({"connected-registry", "watch", "--count", "0"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("--count"));
    }

    void interruptExitsCleanly() {
        Watcher watcher(m_h, {});
        QVERIFY2(watcher.waitUntilWatching(), qPrintable(watcher.describe()));
        watcher.interrupt();
        QVERIFY2(watcher.waitForExit(10000) == 0, qPrintable(watcher.describe()));
    }

    // Last, as it restarts ferryd. A restart drops the stream; the watcher
    // reconnects with the id it saw, and since a restarted server keeps no
    // events from before, it answers with reset. Without Last-Event-ID it
    // would send nothing and this would time out.
    void reconnectsAfterTheServerRestarts() {
        Watcher watcher(m_h, {"--count", "2"});
        QVERIFY2(watcher.waitUntilWatching(), qPrintable(watcher.describe()));
        const HttpReply map = m_api->put(
            "/api/v1/scope-maps/watch-restart",
            QJsonDocument(QJsonObject{{"actions", QJsonArray{"repositories/app/content/read"}}})
                .toJson(),
            json());
        QCOMPARE(map.status, 201);
        QTest::qWait(500); // the event is on its way before the server goes
        QVERIFY2(m_h.ferryd().restart(), qPrintable(m_h.ferryd().errorString()));
        QVERIFY2(watcher.waitForExit(60000) == 0, qPrintable(watcher.describe()));
        const QList<QJsonObject> events = watcher.events();
        QCOMPARE(summaries(events), (QStringList{"created scopeMap watch-restart", "reset  "}));
        QVERIFY2(watcher.describe().contains("Reconnected after event " +
                                             QString::number(events.at(0).value("id").toInteger())),
                 qPrintable(watcher.describe()));
    }

private:
    QPair<qint64, qint64> m_firstIds{0, 0};
};

QTEST_GUILESS_MAIN(TestFerryctlWatch)
#include "tst_ferryctl_watch.moc"
