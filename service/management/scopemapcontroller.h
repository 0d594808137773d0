#pragma once
// /api/v1/scope-maps: list, and PUT/GET/PATCH/DELETE of one map
// (DOMAIN.md "Scope maps"). Names and actions are stored in lower case; the
// system-defined maps can be read but never changed or deleted; a map that a
// token uses can't be deleted. Every change goes through AccessStore::mutate
// with its audit record, so the next request already sees it.

#include "management/apirequest.h"

namespace ferry::management {

class ScopeMapController final : public Controller {
public:
    explicit ScopeMapController(access::AccessStore& store)
        : m_store(store) {}
    QString area() const override { return QStringLiteral("scope-maps"); }
    http::Response handle(ApiRequest& request) override;

private:
    http::Response list(const ApiRequest& request) const;
    http::Response get(const QString& name) const;
    http::Response put(ApiRequest& request, const QString& name);
    http::Response patch(ApiRequest& request, const QString& name);
    http::Response remove(ApiRequest& request, const QString& name);

    access::AccessStore& m_store;
};

} // namespace ferry::management
