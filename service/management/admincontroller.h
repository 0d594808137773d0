#pragma once
// /api/v1/admin/password: the admin changes their own password, either to
// one they choose (at least 12 characters) or to a generated one that is
// shown once. Every bearer token issued to the admin before is void at once.

#include "management/apirequest.h"

namespace ferry::management {

class AdminController final : public Controller {
public:
    explicit AdminController(access::AccessStore& store)
        : m_store(store) {}
    QString area() const override { return QStringLiteral("admin"); }
    http::Response handle(ApiRequest& request) override;

private:
    access::AccessStore& m_store;
};

// Sets the admin password (hashing it); used at first start and by the API.
Status setAdminPassword(access::AccessStore& store, const std::string& password,
                        const access::AuditEvent& audit);

} // namespace ferry::management
