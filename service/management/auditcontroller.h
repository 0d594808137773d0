#pragma once
// Two small read-mostly areas of /api/v1:
// - audit: GET /api/v1/audit?after=<id>&limit=<n>&action=<prefix>, the
//   record of every management change and authentication failure, oldest
//   first, paged by id (pass the last id seen as `after`);
// - settings: GET|PATCH /api/v1/settings, registry-wide switches
//   (anonymous pull). Its ETag is the access state's revision.

#include "management/apirequest.h"

namespace ferry::management {

class AuditController final : public Controller {
public:
    explicit AuditController(access::AccessStore& store)
        : m_store(store) {}
    QString area() const override { return QStringLiteral("audit"); }
    http::Response handle(ApiRequest& request) override;

    static constexpr int kDefaultLimit = 100;
    static constexpr int kMaxLimit = 1000;
    static constexpr int kMaxTargets = 20;

private:
    access::AccessStore& m_store;
};

class SettingsController final : public Controller {
public:
    explicit SettingsController(access::AccessStore& store)
        : m_store(store) {}
    QString area() const override { return QStringLiteral("settings"); }
    http::Response handle(ApiRequest& request) override;

private:
    http::Response patch(ApiRequest& request);

    access::AccessStore& m_store;
};

} // namespace ferry::management
