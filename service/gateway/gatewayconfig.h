#pragma once
// What a parent sends a child down the "config" channel (docs/sync-protocol.md):
// everything the child needs to run on its own, and to serve as the gateway
// of its own subtree in turn. Secrets never travel: tokens carry their
// password verifiers (the scrypt PHC strings), which is what the child
// checks its clients against.

#include "access/accessstate.h"

#include <QJsonObject>
#include <QString>

namespace ferry::gateway {

// The registry's definition without the fields it reports itself (those
// travel up, not down).
QJsonObject desiredJson(const ConnectedRegistry& registry);
// Merges a definition from above into a local record, keeping what the
// local registry knows better: the reported fields.
ConnectedRegistry mergeDesired(const ConnectedRegistry& local, const ConnectedRegistry& fromAbove);

// The repository patterns a registry's sync token may read: its scope.
QStringList syncRepositories(const access::AccessState& state, const ConnectedRegistry& registry);

// The config document for `child`, and its ETag (a digest of the document):
// the child polls with the ETag and hears back only when it changes.
struct ChildConfig {
    QJsonObject document;
    QString etag;
};
ChildConfig configFor(const access::AccessState& state, const QString& child);

} // namespace ferry::gateway
