#pragma once
// The gateway every parent serves to its direct children, under
// /gateway/v1/<child>/ (docs/sync-protocol.md). Callers authenticate with a
// token whose scope map grants the gateway actions on that child (its sync
// token); every call but activate must come from the instance that holds the
// child's activation lease.
//
//   POST activate   take the lease                        gateway/<child>/config/write
//   GET  config     the child's config, long poll on ETag gateway/<child>/config/read
//   GET  changes    the content change feed, long poll    gateway/<child>/message/read
//   POST status     a status report (relays descendants)  gateway/<child>/message/write

#include "access/authenticator.h"
#include "gateway/childliveness.h"
#include "gateway/notificationrelay.h"
#include "http/exchange.h"
#include "storage/metadatastore.h"

#include <atomic>

namespace ferry::gateway {

class GatewayApi {
public:
    GatewayApi(access::AccessStore& store, MetadataStore& metadata,
               access::Authenticator& authenticator, ChildLiveness& liveness,
               NotificationRelay& notifications);

    // target starts with /gateway/v1/.
    http::Response handle(http::Exchange& exchange);
    // Ends the long polls in flight (ferryd is stopping).
    void stop() { m_stopping = true; }

private:
    http::Response activate(http::Exchange& exchange, const QString& child);
    http::Response config(http::Exchange& exchange, const QString& child, std::string_view query);
    http::Response changes(const access::AccessSnapshot& state, const access::Identity& caller,
                           std::string_view query);
    http::Response status(http::Exchange& exchange, const QString& child);
    void recordReportMetrics(const QString& child, const QJsonObject& report);

    access::AccessStore& m_store;
    MetadataStore& m_metadata;
    access::Authenticator& m_authenticator;
    ChildLiveness& m_liveness;
    NotificationRelay& m_notifications;
    std::atomic<bool> m_stopping{false};
};

// Applies a child's status report (its own state and its descendants') to
// the local records. Only what changed is written; times that moved by less
// than the reporting granularity do not count as a change.
Status applyStatusReport(access::AccessStore& store, const QString& child,
                         const QJsonObject& report);

// Reads the whole request body (small JSON documents only).
std::optional<std::string> readSmallBody(http::Exchange& exchange, size_t limit);

} // namespace ferry::gateway
