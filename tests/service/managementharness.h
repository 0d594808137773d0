#pragma once
// Drives the management API in process: a real AccessStore on a temporary
// SQLite file, the real router with every controller addControllers
// registers, and an in-memory http::Exchange that carries one request (head
// and body) the way the server's connection would hand it over.

#include "access/accessstore.h"
#include "http/exchange.h"
#include "management/controllers.h"
#include "management/managementapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ferry::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request, held in memory; the body is read back in small pieces so that
// the reader's loop runs more than once for a non-trivial body.
class MemoryExchange final : public http::Exchange {
public:
    MemoryExchange(http::Verb method, std::string target, Headers headers, std::string body)
        : m_method(method)
        , m_target(std::move(target))
        , m_headers(std::move(headers))
        , m_body(std::move(body)) {}

    http::Verb method() const override { return m_method; }
    std::string_view target() const override { return m_target; }
    std::string_view header(std::string_view name) const override {
        for (const auto& [key, value] : m_headers) {
            if (key.size() == name.size() &&
                std::equal(key.begin(), key.end(), name.begin(),
                           [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
                return value;
        }
        return {};
    }
    std::optional<uint64_t> contentLength() const override { return m_body.size(); }
    http::BodyRead readBody(char* buffer, size_t capacity) override {
        if (m_offset == m_body.size())
            return {http::BodyReadStatus::End, 0, {}};
        const size_t size = std::min({capacity, m_body.size() - m_offset, size_t(64)});
        std::memcpy(buffer, m_body.data() + m_offset, size);
        m_offset += size;
        return {http::BodyReadStatus::Data, size, {}};
    }
    bool bodyComplete() const override { return m_offset == m_body.size(); }
    std::string peerAddress() const override { return "192.0.2.10"; }
    bool secure() const override { return false; }

private:
    http::Verb m_method;
    std::string m_target;
    Headers m_headers;
    std::string m_body;
    size_t m_offset = 0;
};

struct Reply {
    unsigned status = 0;
    std::string body;
    QJsonObject json;
    Headers headers;

    std::string header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (QByteArray::fromStdString(key).compare(
                    QByteArray(name.data(), qsizetype(name.size())), Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QString errorCode() const { return json.value("error").toObject().value("code").toString(); }
    QString errorField() const { return json.value("error").toObject().value("field").toString(); }
    QString errorMessage() const {
        return json.value("error").toObject().value("message").toString();
    }
    // const, so that items()[i]["key"] reads (a mutable QJsonValueRef has no key lookup).
    const QJsonArray items() const { return json.value("items").toArray(); }
    int64_t revision() const { return json.value("revision").toInteger(-1); }
    // ETag is "<revision>"; the quotes are part of the header value.
    std::string etag() const { return header("ETag"); }
};

class ManagementHarness {
public:
    // False (with the reason in error) when the store can't be opened.
    bool open() {
        if (!m_dir.isValid()) {
            error = QStringLiteral("no temporary directory");
            return false;
        }
        return reopen();
    }

    // A fresh store over the same database file, as after a daemon restart.
    bool reopen() {
        // Controllers hold the store by reference: drop them before it.
        m_api.reset();
        m_context.reset();
        m_store.reset();
        m_store = std::make_unique<access::AccessStore>(databasePath());
        if (Status status = m_store->open(); !status) {
            error = status.error().message;
            return false;
        }
        m_context = std::make_unique<management::ServiceContext>(management::ServiceContext{
            *m_store, [] { return std::string("registry.test:5000"); }, false, nullptr, nullptr});
        m_api = std::make_unique<management::ManagementApi>();
        management::addControllers(*m_api, *m_context);
        return true;
    }

    std::string databasePath() const {
        return m_dir.filePath(QStringLiteral("access.db")).toStdString();
    }
    access::AccessStore& store() { return *m_store; }
    access::AccessSnapshot state() const { return m_store->snapshot(); }

    Reply call(http::Verb method, const std::string& target, const std::string& body = {},
               Headers headers = {}) {
        MemoryExchange exchange(method, target, std::move(headers), body);
        const access::Identity admin{access::Identity::Kind::Admin, QStringLiteral("admin"),
                                     QStringLiteral("192.0.2.10")};
        http::Response response = m_api->handle(exchange, admin);
        Reply reply;
        reply.status = response.status;
        reply.body = response.body;
        reply.headers = response.headers;
        reply.json = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
        return reply;
    }

    Reply call(http::Verb method, const std::string& target, const QJsonObject& body,
               Headers headers = {}) {
        return call(method, target,
                    QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(),
                    std::move(headers));
    }

    // Every audit record so far, oldest first.
    QList<access::AuditEvent> audit(const QString& actionPrefix = {}) const {
        return m_store->auditEvents(0, 100000, actionPrefix);
    }

    QString error;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<access::AccessStore> m_store;
    std::unique_ptr<management::ServiceContext> m_context;
    std::unique_ptr<management::ManagementApi> m_api;
};

inline QJsonArray strings(std::initializer_list<const char*> values) {
    QJsonArray out;
    for (const char* value : values)
        out.append(QString::fromUtf8(value));
    return out;
}

} // namespace ferry::testing
