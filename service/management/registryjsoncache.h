#pragma once
// Serialised registry JSON, reused while a registry's revision is unchanged.
// The hierarchy and list responses with 1,000 registries spend most of their
// time turning QJsonObjects into text; a registry changes far less often than
// the console reads the tree, so each one is serialised once per revision and
// responses are assembled from the cached bytes.

#include "access/accessstate.h"

#include <QByteArray>
#include <QHash>
#include <mutex>

namespace ferry::management {

class RegistryJsonCache {
public:
    // Compact JSON of registryJson(record): one object, starting with '{' and ending with '}'.
    QByteArray compact(const access::ConnectedRegistryRecord& record);
    // Forgets registries that no longer exist once the cache has grown well past `state`.
    void prune(const access::AccessState& state);

private:
    struct Entry {
        int64_t revision = -1;
        QByteArray json;
    };
    std::mutex m_mutex;
    QHash<QString, Entry> m_entries;
};

// `text` as a JSON string literal, quotes included.
QByteArray jsonString(const QString& text);

} // namespace ferry::management
