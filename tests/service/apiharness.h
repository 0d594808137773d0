#pragma once
// In-process management API for service tests: a real AccessStore on a
// temporary SQLite file, a ManagementApi with the controllers under test, and
// an http::Exchange that carries a request without sockets.

#include "access/accessstore.h"
#include "domain/actions.h"
#include "management/connectedregistrycontroller.h"
#include "management/hierarchycontroller.h"
#include "management/managementapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <map>
#include <memory>

namespace testapi {

class MemoryExchange final : public ferry::http::Exchange {
public:
    MemoryExchange(ferry::http::Verb method, std::string target, std::string body,
                   std::map<std::string, std::string> headers)
        : m_method(method)
        , m_target(std::move(target))
        , m_body(std::move(body))
        , m_headers(std::move(headers)) {}
    ferry::http::Verb method() const override { return m_method; }
    std::string_view target() const override { return m_target; }
    std::string_view header(std::string_view name) const override {
        for (const auto& [key, value] : m_headers) {
            if (QByteArray(key.data(), qsizetype(key.size()))
                    .compare(QByteArray(name.data(), qsizetype(name.size())),
                             Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    std::optional<uint64_t> contentLength() const override { return m_body.size(); }
    ferry::http::BodyRead readBody(char* buffer, size_t capacity) override {
        if (m_read >= m_body.size())
            return {ferry::http::BodyReadStatus::End, 0, {}};
        const size_t n = std::min(capacity, m_body.size() - m_read);
        std::memcpy(buffer, m_body.data() + m_read, n);
        m_read += n;
        return {ferry::http::BodyReadStatus::Data, n, {}};
    }
    bool bodyComplete() const override { return m_read >= m_body.size(); }
    std::string peerAddress() const override { return "127.0.0.1"; }
    bool secure() const override { return false; }

private:
    ferry::http::Verb m_method;
    std::string m_target;
    std::string m_body;
    std::map<std::string, std::string> m_headers;
    size_t m_read = 0;
};

struct Reply {
    unsigned status = 0;
    QJsonObject json;
    std::string etag;
    ferry::http::Response response; // kept for streams

    QString errorCode() const { return json.value("error").toObject().value("code").toString(); }
    QString errorMessage() const {
        return json.value("error").toObject().value("message").toString();
    }
    QString errorField() const { return json.value("error").toObject().value("field").toString(); }
};

class Harness {
public:
    Harness()
        : m_store((m_dir.path() + "/access.db").toStdString()) {
        const ferry::Status opened = m_store.open();
        if (!opened)
            qFatal("access store did not open: %s", qPrintable(opened.error().message));
    }
    ferry::access::AccessStore& store() { return m_store; }
    ferry::management::ManagementApi& api() { return m_api; }
    ferry::access::AccessSnapshot state() const { return m_store.snapshot(); }
    std::string databasePath() const { return (m_dir.path() + "/access.db").toStdString(); }

    Reply call(ferry::http::Verb method, const std::string& path, const QJsonObject& body = {},
               std::map<std::string, std::string> headers = {}) {
        const std::string text =
            body.isEmpty() ? std::string()
                           : QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString();
        MemoryExchange exchange(method, "/api/v1/" + path, text, std::move(headers));
        ferry::access::Identity admin{ferry::access::Identity::Kind::Admin, "admin", "127.0.0.1"};
        Reply reply;
        reply.response = m_api.handle(exchange, admin);
        reply.status = reply.response.status;
        reply.json =
            QJsonDocument::fromJson(QByteArray::fromStdString(reply.response.body)).object();
        reply.etag = std::string(reply.response.headerValue("ETag"));
        return reply;
    }

    // Test fixtures go straight into the store, not through another
    // engineer's controllers: a scope map and a token using it.
    void addScopeMap(const QString& name, const QStringList& actions) {
        const ferry::Status status =
            m_store.mutate([&](ferry::access::Mutation& m) -> ferry::Status {
                ferry::access::ScopeMapRecord record;
                record.scopeMap.name = name;
                record.scopeMap.actions = actions;
                record.scopeMap.creationTime = QDateTime::currentDateTimeUtc();
                m.state().scopeMaps.insert(name.toLower(), record);
                m.touchScopeMap(name);
                return {};
            });
        QVERIFY(status.ok());
    }
    void addToken(const QString& name, const QString& scopeMap) {
        const ferry::Status status =
            m_store.mutate([&](ferry::access::Mutation& m) -> ferry::Status {
                ferry::access::TokenRecord record;
                record.token.name = name;
                record.token.scopeMap = scopeMap;
                record.token.creationTime = QDateTime::currentDateTimeUtc();
                m.state().tokens.insert(name, record);
                m.touchToken(name);
                return {};
            });
        QVERIFY(status.ok());
    }

private:
    QTemporaryDir m_dir;
    ferry::access::AccessStore m_store;
    ferry::management::ManagementApi m_api;
};

// PUT /connected-registries/<name>: with `repositories` unless `extra`
// names an existing sync token.
inline Reply createRegistry(Harness& h, const QString& name, const QString& mode,
                            const QString& parent, const QStringList& repositories,
                            QJsonObject extra = {}) {
    QJsonObject body = extra;
    body.insert(QStringLiteral("mode"), mode);
    if (!parent.isEmpty())
        body.insert(QStringLiteral("parent"), parent);
    if (!extra.value(QStringLiteral("sync")).toObject().contains(QStringLiteral("token")))
        body.insert(QStringLiteral("repositories"), QJsonArray::fromStringList(repositories));
    return h.call(ferry::http::Verb::put, "connected-registries/" + name.toStdString(), body);
}

// The connected registry and hierarchy controllers, reporting `loginServer`
// as the login server in connection strings.
inline void addRegistryControllers(Harness& h, const QString& loginServer) {
    const std::function<std::string()> login = [loginServer] { return loginServer.toStdString(); };
    h.api().addController(
        std::make_unique<ferry::management::ConnectedRegistryController>(h.store(), login));
    h.api().addController(
        std::make_unique<ferry::management::HierarchyController>(h.store(), login));
}

// alpha: ReadWrite under the root (app); bravo: ReadWrite under alpha (b);
// charlie: ReadOnly under bravo (c); delta: ReadOnly under charlie (d).
inline void buildFourLevels(Harness& h) {
    using ferry::http::Verb;
    QCOMPARE(createRegistry(h, "alpha", "ReadWrite", {}, {"app"}).status, 201u);
    QCOMPARE(createRegistry(h, "bravo", "ReadWrite", "alpha", {"b"}).status, 201u);
    QCOMPARE(createRegistry(h, "charlie", "ReadOnly", "bravo", {"c"}).status, 201u);
    QCOMPARE(createRegistry(h, "delta", "ReadOnly", "charlie", {"d"}).status, 201u);
}

// The actions of scope map `name`, or "<missing>" when there is none.
inline QStringList scopeMapActions(const Harness& h, const QString& name) {
    const auto snapshot = h.state(); // keeps what `map` points into alive
    const auto* map = snapshot->scopeMap(name);
    return map ? map->scopeMap.actions : QStringList{QStringLiteral("<missing>")};
}

// The strings of a JSON array.
inline QStringList strings(const QJsonValue& value) {
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

} // namespace testapi
