#pragma once
// Shared plumbing for the management API (/api/v1/): the parsed request a
// controller works on, JSON bodies, the error shape, and ETag preconditions.
//
// Error body: {"error": {"code": "<STABLE_CODE>", "message": "<for a person>", "field": "<path or
// null>"}} ETag: "<revision>" of the resource; If-Match on PATCH/PUT/DELETE must match it (412
// PRECONDITION_FAILED otherwise); If-None-Match: * on PUT means "create only" (409 ALREADY_EXISTS
// when it exists).

#include "access/accessstore.h"
#include "domain/result.h"
#include "http/exchange.h"
#include "management/identity.h"
#include "registry/route.h"

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace ferry::management {

struct ApiRequest {
    http::Exchange& exchange;
    http::Verb method;
    QStringList segments; // path below /api/v1/, split on '/', percent-decoded
    oci::Query query;
    const access::Identity& caller;

    // The JSON object body (at most 1 MiB); an error when it is not one.
    Result<QJsonObject> jsonBody() const;
    // The revision named by If-Match, if the header is present ("*" is nullopt).
    std::optional<int64_t> ifMatch() const;
    bool createOnly() const; // If-None-Match: *
    QString queryValue(const char* name) const;
    QStringList queryValues(const char* name) const;
};

// The HTTP status for a domain error code (NOT_FOUND 404, ALREADY_EXISTS and
// IN_USE and RULE_VIOLATION 409, PRECONDITION_FAILED 412, STORAGE_FULL 507,
// STORAGE_ERROR 500, anything else 400).
unsigned statusFor(const QString& code);

http::Response errorResponse(const DomainError& error);
http::Response errorResponse(unsigned status, const char* code, const QString& message);
http::Response jsonResponse(unsigned status, const QJsonObject& body,
                            std::optional<int64_t> etagRevision = {});
http::Response emptyResponse(unsigned status);

// 412 unless `expected` is absent or equals `current`.
Status checkPrecondition(std::optional<int64_t> expected, int64_t current, const QString& what);

// Common error constructors with the stable codes.
DomainError notFound(const QString& what);         // NOT_FOUND
DomainError alreadyExists(const QString& what);    // ALREADY_EXISTS
DomainError inUse(const QString& message);         // IN_USE
DomainError ruleViolation(const QString& message); // RULE_VIOLATION

// An audit record for a management change by the caller.
access::AuditEvent auditOf(const ApiRequest& request, const QString& action, const QString& target,
                           const QString& detail = {});

// One area of the API (tokens, scope maps, ...). The router hands it every
// request whose first segment it claims.
class Controller {
public:
    virtual ~Controller() = default;
    virtual QString area() const = 0; // first path segment, e.g. "tokens"
    virtual http::Response handle(ApiRequest& request) = 0;
};

} // namespace ferry::management
