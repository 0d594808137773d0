// GET /api/v1/events over a real AccessStore: every change to a connected
// registry, token or scope map arrives exactly once, in order; a client that
// resumes with Last-Event-ID (header or query) gets exactly what it missed;
// an id older than the ring gets "reset"; quiet streams get keep-alives; the
// stream ends promptly on shutdown or when the client is gone.

#include "apiharness.h"
#include "management/connectedregistrycontroller.h"
#include "management/eventstream.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <atomic>
#include <mutex>
#include <thread>

using namespace ferry;
using testapi::Reply;
using Verb = http::Verb;
using namespace std::chrono_literals;

namespace {

// Collects what the stream writes; the test flips `stop` or `broken`.
class CollectingWriter final : public http::BodyWriter {
public:
    bool write(std::string_view bytes) override {
        if (broken)
            return false;
        std::lock_guard lock(mutex);
        text.append(bytes);
        return true;
    }
    bool stopping() const override { return stop.load(); }
    std::string snapshot() const {
        std::lock_guard lock(mutex);
        return text;
    }

    std::atomic<bool> stop{false};
    std::atomic<bool> broken{false};
    mutable std::mutex mutex;
    std::string text;
};

struct Frame {
    qint64 id = -1;
    QString event;
    QJsonObject data;
};

QList<Frame> parseFrames(const std::string& text) {
    QList<Frame> frames;
    for (const QString& block :
         QString::fromStdString(text).split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        Frame frame;
        for (const QString& line : block.split(u'\n')) {
            if (line.startsWith("id: "))
                frame.id = line.mid(4).toLongLong();
            else if (line.startsWith("event: "))
                frame.event = line.mid(7);
            else if (line.startsWith("data: "))
                frame.data = QJsonDocument::fromJson(line.mid(6).toUtf8()).object();
        }
        if (!frame.event.isEmpty())
            frames.push_back(frame);
    }
    return frames;
}

// One open event stream on its own thread, as the HTTP server would run it.
class OpenStream {
public:
    OpenStream(testapi::Harness& harness, std::map<std::string, std::string> headers = {},
               const std::string& query = {}) {
        Reply reply = harness.call(Verb::get, "events" + query, {}, std::move(headers));
        status = reply.status;
        contentType = std::string(reply.response.headerValue("Content-Type"));
        if (reply.response.stream)
            thread = std::thread([body = std::move(reply.response.stream), this] { body(writer); });
    }
    ~OpenStream() { close(); }
    // Milliseconds the stream took to end after being told to.
    qint64 close() {
        writer.stop = true;
        QElapsedTimer timer;
        timer.start();
        if (thread.joinable())
            thread.join();
        return timer.elapsed();
    }
    QList<Frame> waitForFrames(qsizetype count) {
        QElapsedTimer timer;
        timer.start();
        QList<Frame> frames = parseFrames(writer.snapshot());
        while (frames.size() < count && timer.elapsed() < 5000) {
            QTest::qWait(10);
            frames = parseFrames(writer.snapshot());
        }
        return frames;
    }

    unsigned status = 0;
    std::string contentType;
    CollectingWriter writer;
    std::thread thread;
};

} // namespace

class TestEventStream : public QObject {
    Q_OBJECT

    std::unique_ptr<testapi::Harness> h;
    std::shared_ptr<management::EventHub> hub;

    void setUp(size_t capacity, std::chrono::milliseconds keepAlive = 15s,
               size_t byteBudget = management::EventHub::kDefaultByteBudget) {
        h = std::make_unique<testapi::Harness>();
        hub = management::EventHub::attach(h->store(), capacity, byteBudget);
        h->api().addController(std::make_unique<management::ConnectedRegistryController>(
            h->store(), [] { return std::string("registry.example.com"); }));
        h->api().addController(std::make_unique<management::EventStreamController>(hub, keepAlive));
    }
    Reply create(const QString& name) {
        return h->call(Verb::put, "connected-registries/" + name.toStdString(),
                       {{"mode", "ReadOnly"}, {"repositories", QJsonArray{"app"}}});
    }

private Q_SLOTS:
    void cleanup() {
        hub.reset();
        h.reset();
    }

    void eachChangeArrivesOnce() {
        setUp(10000);
        OpenStream stream(*h);
        QCOMPARE(stream.status, 200u);
        QCOMPARE(stream.contentType, std::string("text/event-stream"));
        QTRY_VERIFY(stream.writer.snapshot().starts_with("retry: "));

        QCOMPARE(create("edge1").status, 201u);
        const QList<Frame> created = stream.waitForFrames(3);
        QCOMPARE(created.size(), 3);
        QStringList kinds;
        for (const Frame& frame : created) {
            QCOMPARE(frame.event, QStringLiteral("created"));
            kinds << frame.data.value("kind").toString();
        }
        kinds.sort();
        QCOMPARE(kinds, QStringList({"connectedRegistry", "scopeMap", "token"}));
        const Frame registry = *std::find_if(created.begin(), created.end(), [](const Frame& f) {
            return f.data.value("kind").toString() == QLatin1String("connectedRegistry");
        });
        QCOMPARE(registry.data.value("name").toString(), QStringLiteral("edge1"));
        QCOMPARE(registry.data.value("revision").toInteger(),
                 h->state()->registry("edge1")->revision);
        QCOMPARE(registry.data.value("resource").toObject().value("mode").toString(),
                 QStringLiteral("ReadOnly"));

        // A reported state change is an update of that one registry.
        QVERIFY(h->store().mutate([](access::Mutation& m) -> Status {
            m.state().registries["edge1"].registry.connectionState = ConnectionState::Syncing;
            m.touchRegistry("edge1");
            return {};
        }));
        QCOMPARE(h->call(Verb::delete_, "connected-registries/edge1?cleanup=true").status, 200u);
        const QList<Frame> all = stream.waitForFrames(7);
        QTest::qWait(300); // nothing more may arrive
        const QList<Frame> settled = parseFrames(stream.writer.snapshot());
        QCOMPARE(settled.size(), 7);
        QCOMPARE(settled[3].event, QStringLiteral("updated"));
        QCOMPARE(settled[3].data.value("resource").toObject().value("connectionState").toString(),
                 QStringLiteral("Syncing"));
        QStringList deleted;
        for (int i = 4; i < 7; ++i) {
            QCOMPARE(settled[i].event, QStringLiteral("deleted"));
            QVERIFY(settled[i].data.value("resource").isNull());
            deleted << settled[i].data.value("kind").toString() + u':' +
                           settled[i].data.value("name").toString();
        }
        deleted.sort();
        QCOMPARE(deleted, QStringList({"connectedRegistry:edge1", "scopeMap:edge1-sync-scope-map",
                                       "token:edge1-sync-token"}));
        for (int i = 1; i < settled.size(); ++i)
            QCOMPARE(settled[i].id, settled[i - 1].id + 1);
        QVERIFY(stream.close() < 1000);
    }

    void resumeAfterLastEventId() {
        setUp(10000);
        QCOMPARE(create("edge1").status, 201u);
        QCOMPARE(create("edge2").status, 201u);
        const qint64 latest = hub->latestId();
        const qint64 afterFirstRegistry = latest - 3; // edge2 made three events
        OpenStream header(*h, {{"Last-Event-ID", std::to_string(afterFirstRegistry)}});
        OpenStream query(*h, {}, "?lastEventId=" + std::to_string(afterFirstRegistry));
        for (OpenStream* stream : {&header, &query}) {
            const QList<Frame> missed = stream->waitForFrames(3);
            QCOMPARE(missed.size(), 3);
            QCOMPARE(missed.first().id, afterFirstRegistry + 1);
            QCOMPARE(missed.last().id, latest);
            for (const Frame& frame : missed)
                QVERIFY(frame.data.value("name").toString().startsWith("edge2"));
        }
        // Then live ones, each once.
        QCOMPARE(create("edge3").status, 201u);
        for (OpenStream* stream : {&header, &query}) {
            const QList<Frame> frames = stream->waitForFrames(6);
            QCOMPARE(frames.size(), 6);
            QCOMPARE(frames.last().id, latest + 3);
        }
        // Without an id only new events come.
        OpenStream fresh(*h);
        QTRY_VERIFY(fresh.writer.snapshot().starts_with("retry: "));
        QCOMPARE(create("edge4").status, 201u);
        const QList<Frame> live = fresh.waitForFrames(3);
        QCOMPARE(live.size(), 3);
        QCOMPARE(live.first().id, latest + 4);
        // An id at the newest event: nothing to replay.
        OpenStream current(*h, {{"Last-Event-ID", std::to_string(hub->latestId())}});
        QTest::qWait(300);
        QVERIFY(parseFrames(current.writer.snapshot()).isEmpty());
    }

    void idOlderThanTheRingResets() {
        setUp(5);
        for (const char* name : {"edge1", "edge2", "edge3"})
            QCOMPARE(create(name).status, 201u); // 9 events, 5 retained
        const qint64 latest = hub->latestId();
        OpenStream old(*h, {{"Last-Event-ID", std::to_string(latest - 8)}});
        const QList<Frame> frames = old.waitForFrames(1);
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames.first().event, QStringLiteral("reset"));
        QCOMPARE(frames.first().id, latest);
        // Just inside the ring is still replayed exactly.
        OpenStream inside(*h, {{"Last-Event-ID", std::to_string(latest - 5)}});
        QCOMPARE(inside.waitForFrames(5).first().id, latest - 4);
        // An id from before a restart (or the future) resets too.
        OpenStream ancient(*h, {{"Last-Event-ID", "3"}});
        QCOMPARE(ancient.waitForFrames(1).first().event, QStringLiteral("reset"));
        OpenStream future(*h, {{"Last-Event-ID", std::to_string(latest + 100)}});
        QCOMPARE(future.waitForFrames(1).first().event, QStringLiteral("reset"));
        // After a reset the stream carries on live.
        QCOMPARE(create("edge4").status, 201u);
        const QList<Frame> after = old.waitForFrames(4);
        QCOMPARE(after[1].id, latest + 1);
    }

    void ringIsBoundedByBytesToo() {
        // Room for 10,000 events but only 2,000 bytes: the oldest go first.
        constexpr size_t kBudget = 2000;
        setUp(10000, 15s, kBudget);
        for (const char* name : {"edge1", "edge2", "edge3", "edge4", "edge5"})
            QCOMPARE(create(name).status, 201u); // 15 events, well over 2,000 bytes
        QVERIFY(hub->retainedBytes() > 0);
        QVERIFY2(hub->retainedBytes() <= kBudget,
                 qPrintable(QString::number(hub->retainedBytes())));
        const qint64 latest = hub->latestId();
        OpenStream first(*h, {{"Last-Event-ID", std::to_string(latest - 15)}});
        QCOMPARE(first.waitForFrames(1).first().event, QStringLiteral("reset"));
        // What is retained is still replayed exactly.
        OpenStream recent(*h, {{"Last-Event-ID", std::to_string(latest - 2)}});
        const QList<Frame> replayed = recent.waitForFrames(2);
        QCOMPARE(replayed.size(), 2);
        QCOMPARE(replayed.last().id, latest);
    }

    void quietStreamsGetKeepAlives() {
        setUp(100, 100ms);
        OpenStream stream(*h);
        QTRY_VERIFY_WITH_TIMEOUT(
            stream.writer.snapshot().find(": keep-alive\n\n") != std::string::npos, 2000);
    }

    void endsPromptly() {
        setUp(100);
        {
            OpenStream stream(*h);
            QTRY_VERIFY(stream.writer.snapshot().starts_with("retry: "));
            QVERIFY(stream.close() < 1000); // server stopping
        }
        OpenStream gone(*h, {}, {});
        QTRY_VERIFY(gone.writer.snapshot().starts_with("retry: "));
        gone.writer.broken = true; // the client went away: the next write fails
        QCOMPARE(create("edge1").status, 201u);
        QElapsedTimer timer;
        timer.start();
        gone.thread.join();
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(h->call(Verb::post, "events").status, 405u);
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
