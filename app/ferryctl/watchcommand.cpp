// `ferryctl connected-registry watch`: follows ferryd's event stream
// (api.md "Events") and prints one line per change of a connected registry,
// token or scope map. A dropped connection is resumed with Last-Event-ID, so
// the server replays exactly what was missed: nothing lost, nothing twice.

#include "connectedregistry.h"
#include "domain/jsoncodec.h"
#include "interruptwatch.h"
#include "servereventparser.h"
#include "tr.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>
#include <algorithm>

namespace ferryctl {
namespace {

using ferry::EventStreamParser;
using ferry::ManagementClient;
using ferry::ServerEvent;

// ferryd sends a keep-alive after 15 s of quiet; three missed ones mean the
// connection is dead even if TCP has not noticed.
constexpr int kIdleTimeoutMs = 45000;
// Until the stream's `retry:` says otherwise (ferryd says 2000).
constexpr int kDefaultRetryMs = 2000;
constexpr int kMaxBackoffMs = 30000;
// One event is one resource; far beyond this, the server is not speaking SSE.
constexpr qsizetype kMaxPendingBytes = 16 * 1024 * 1024;
const QList<int> kColumnWidths{19, 7, 17, 30};

QString tableRow(const QStringList& cells) {
    QString text;
    for (qsizetype c = 0; c < cells.size(); ++c)
        text +=
            c < kColumnWidths.size() ? padded(cells.at(c), kColumnWidths.at(c) + 2) : cells.at(c);
    return text;
}

class EventWatcher {
public:
    EventWatcher(Context& ctx, ManagementClient& client, std::optional<qint64> limit)
        : m_ctx(ctx)
        , m_client(client)
        , m_limit(limit) {
        m_reconnect.setSingleShot(true);
        QObject::connect(&m_reconnect, &QTimer::timeout, &m_loop, [this] { connectStream(); });
    }

    void resumeAfter(const QString& id) { m_parser.setLastEventId(id); }

    // Until --count events, Ctrl-C, or a refusal that retrying can't cure.
    int run() {
        const InterruptWatch interrupted(&m_loop, [this] { stop(ExitOk); });
        if (!m_ctx.out.json())
            m_ctx.out.line(tableRow({Tr::tr("TIME (UTC)"), Tr::tr("EVENT"), Tr::tr("KIND"),
                                     Tr::tr("NAME"), Tr::tr("REVISION")}));
        connectStream();
        return m_loop.exec();
    }

private:
    void connectStream() {
        m_parser.restart();
        ManagementClient::Headers headers;
        if (!m_parser.lastEventId().isEmpty())
            headers.append({"Last-Event-ID", m_parser.lastEventId().toUtf8()});
        m_reply = m_client.openStream(QStringLiteral("events"), headers, kIdleTimeoutMs);
        QObject::connect(m_reply, &QNetworkReply::readyRead, &m_loop, [this] { onReadyRead(); });
        QObject::connect(m_reply, &QNetworkReply::finished, &m_loop, [this] { onFinished(); });
    }

    void onReadyRead() {
        // Any other status carries an error body, read once the reply finishes.
        if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return;
        if (!m_streaming) {
            m_streaming = true;
            m_failures = 0;
            const QString& after = m_parser.lastEventId();
            m_ctx.out.err()
                << (m_connectedBefore
                        ? (after.isEmpty()
                               ? Tr::tr("Reconnected; Ctrl-C stops.")
                               : Tr::tr("Reconnected after event %1; Ctrl-C stops.").arg(after))
                        : (after.isEmpty() ? Tr::tr("Watching events; Ctrl-C stops.")
                                           : Tr::tr("Watching events after event %1; Ctrl-C stops.")
                                                 .arg(after)))
                << '\n';
            m_ctx.out.err().flush();
            m_connectedBefore = true;
        }
        for (const ServerEvent& event : m_parser.feed(m_reply->readAll())) {
            print(event);
            if (m_limit && ++m_printed >= *m_limit) {
                stop(ExitOk);
                return;
            }
        }
        if (m_parser.pendingBytes() > kMaxPendingBytes)
            m_reply->abort(); // finished() follows and reconnects
    }

    void onFinished() {
        if (m_stopping)
            return;
        QNetworkReply* reply = std::exchange(m_reply, nullptr);
        reply->deleteLater();
        QString reason;
        if (std::exchange(m_streaming, false)) {
            reason = reply->error() == QNetworkReply::NoError ? Tr::tr("the stream ended")
                                                              : reply->errorString();
        } else {
            const ferry::ApiResponse response = m_client.responseOf(reply);
            const bool refused = response.httpStatus >= 400 && response.httpStatus < 500;
            // A refusal stays a refusal, and a server never reached is more
            // likely a wrong address than a blip: say so rather than loop.
            if (response.error && (refused || !m_connectedBefore)) {
                m_ctx.out.error(*response.error);
                stop(ExitFailure);
                return;
            }
            reason =
                response.error ? response.error->message : Tr::tr("the server closed the stream");
        }
        const int base = m_parser.retryMs().value_or(kDefaultRetryMs);
        const int delay =
            int(std::min<qint64>(qint64(base) << std::min(m_failures, 10), kMaxBackoffMs));
        ++m_failures;
        m_ctx.out.err()
            << Tr::tr("Connection lost (%1); reconnecting in %2 ms.").arg(reason).arg(delay)
            << '\n';
        m_ctx.out.err().flush();
        m_reconnect.start(delay);
    }

    void print(const ServerEvent& event) {
        const QJsonDocument document = QJsonDocument::fromJson(event.data);
        const QJsonObject data =
            document.isObject()
                ? document.object()
                : QJsonObject{{QStringLiteral("data"), QString::fromUtf8(event.data)}};
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (event.type == QLatin1String("reset")) {
            m_ctx.out.err() << Tr::tr(
                                   "The server no longer has every event since the last one seen; "
                                   "reload the current state.")
                            << '\n';
            m_ctx.out.err().flush();
        }
        if (m_ctx.out.json()) {
            bool numeric = false;
            const qint64 id = event.id.toLongLong(&numeric);
            QJsonObject line{
                {QStringLiteral("id"), numeric ? QJsonValue(id) : QJsonValue(event.id)},
                {QStringLiteral("event"), event.type},
                {QStringLiteral("time"), ferry::formatRfc3339(now)}};
            for (auto it = data.begin(); it != data.end(); ++it)
                line.insert(it.key(), it.value());
            m_ctx.out.printJsonLine(line);
            return;
        }
        auto field = [&](const char* key) {
            const QJsonValue value = data.value(QLatin1StringView(key));
            if (value.isDouble())
                return QString::number(value.toInteger());
            return value.toString().isEmpty() ? QStringLiteral("-") : value.toString();
        };
        m_ctx.out.line(tableRow({now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), event.type,
                                 field("kind"), field("name"), field("revision")}));
    }

    void stop(int exitCode) {
        m_stopping = true;
        m_reconnect.stop();
        if (QNetworkReply* reply = std::exchange(m_reply, nullptr)) {
            reply->abort();
            reply->deleteLater();
        }
        m_loop.exit(exitCode);
    }

    Context& m_ctx;
    ManagementClient& m_client;
    std::optional<qint64> m_limit;
    EventStreamParser m_parser;
    QEventLoop m_loop;
    QTimer m_reconnect;
    QNetworkReply* m_reply = nullptr;
    bool m_streaming = false;       // this connection answered 200
    bool m_connectedBefore = false; // some connection did
    bool m_stopping = false;
    int m_failures = 0; // in a row, for the backoff
    qint64 m_printed = 0;
};

// A whole number of at least `minimum` from option, nullopt after a usage error.
std::optional<std::optional<qint64>> numberOption(Context& ctx, const QString& option,
                                                  qint64 minimum) {
    if (!ctx.args.has(option))
        return std::optional<qint64>();
    bool ok = false;
    const qint64 value = ctx.args.value(option).toLongLong(&ok);
    if (!ok || value < minimum) {
        ctx.usage(Tr::tr("--%1 needs a whole number of at least %2, not '%3'")
                      .arg(option)
                      .arg(minimum)
                      .arg(ctx.args.value(option)));
        return std::nullopt;
    }
    return std::optional<qint64>(value);
}

int watch(Context& ctx) {
    const auto count = numberOption(ctx, QStringLiteral("count"), 1);
    if (!count)
        return ExitUsage;
    const auto lastEventId = numberOption(ctx, QStringLiteral("last-event-id"), 0);
    if (!lastEventId)
        return ExitUsage;
    auto* client = ctx.client();
    if (!client)
        return ctx.exitCode();
    EventWatcher watcher(ctx, *client, *count);
    if (*lastEventId)
        watcher.resumeAfter(QString::number(**lastEventId));
    return watcher.run();
}

} // namespace

QList<Command> connectedRegistryWatchCommands() {
    using Arity = OptionSpec::Arity;
    return {
        {{QStringLiteral("connected-registry"), QStringLiteral("watch")},
         Tr::tr("Print changes of connected registries, tokens and scope maps as they "
                "happen, until Ctrl-C."),
         {{QStringLiteral("last-event-id"), QChar(), Arity::One, QStringLiteral("N"),
           Tr::tr("First replay every event after N (the id of the last one seen).")},
          {QStringLiteral("count"), QChar(), Arity::One, QStringLiteral("N"),
           Tr::tr("Exit after N events.")}},
         watch},
    };
}

} // namespace ferryctl
