#include "management/registryjsoncache.h"

#include "management/connectedregistrycontroller.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ferry::management {

QByteArray RegistryJsonCache::compact(const access::ConnectedRegistryRecord& record) {
    {
        std::lock_guard lock(m_mutex);
        auto it = m_entries.constFind(record.registry.name);
        if (it != m_entries.cend() && it->revision == record.revision)
            return it->json;
    }
    // Serialise outside the lock; two threads racing on one entry write the same bytes.
    const QByteArray json = QJsonDocument(registryJson(record)).toJson(QJsonDocument::Compact);
    std::lock_guard lock(m_mutex);
    m_entries.insert(record.registry.name, Entry{record.revision, json});
    return json;
}

void RegistryJsonCache::prune(const access::AccessState& state) {
    std::lock_guard lock(m_mutex);
    if (m_entries.size() <= 2 * state.registries.size() + 64)
        return;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (state.registries.contains(it.key()))
            ++it;
        else
            it = m_entries.erase(it);
    }
}

QByteArray jsonString(const QString& text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // drop the brackets
}

} // namespace ferry::management
