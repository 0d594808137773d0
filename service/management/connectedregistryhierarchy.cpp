#include "management/connectedregistryhierarchy.h"

#include <QSet>
#include <algorithm>

namespace ferry::management {

using access::AccessState;
using access::ConnectedRegistryRecord;

HierarchyIndex::HierarchyIndex(const AccessState& state) {
    m_children.reserve(state.registries.size() + 1);
    for (const ConnectedRegistryRecord& record : state.registries)
        m_children[record.registry.parent.toLower()].push_back(&record);
    for (auto& children : m_children) {
        std::sort(children.begin(), children.end(),
                  [](const ConnectedRegistryRecord* a, const ConnectedRegistryRecord* b) {
                      return a->registry.name < b->registry.name;
                  });
    }
}

const QList<const ConnectedRegistryRecord*>&
HierarchyIndex::childrenOf(const QString& parent) const {
    auto it = m_children.constFind(parent.toLower());
    return it == m_children.cend() ? m_none : it.value();
}

QList<const ConnectedRegistryRecord*> HierarchyIndex::descendantsOf(const QString& name) const {
    QList<const ConnectedRegistryRecord*> out;
    QSet<QString> seen{name.toLower()}; // a cycle must not loop forever
    QList<QString> pending{name};
    for (qsizetype i = 0; i < pending.size(); ++i) {
        for (const ConnectedRegistryRecord* child : childrenOf(pending[i])) {
            const QString key = child->registry.name.toLower();
            if (seen.contains(key))
                continue;
            seen.insert(key);
            out.push_back(child);
            pending.push_back(child->registry.name);
        }
    }
    return out;
}

QStringList ancestorsOf(const AccessState& state, const QString& name) {
    QStringList out;
    const ConnectedRegistryRecord* current = findRegistry(state, name);
    QSet<QString> seen;
    if (current)
        seen.insert(current->registry.name.toLower());
    while (current && !current->registry.parent.isEmpty()) {
        current = findRegistry(state, current->registry.parent);
        if (!current || seen.contains(current->registry.name.toLower()))
            break;
        seen.insert(current->registry.name.toLower());
        out.push_back(current->registry.name);
    }
    return out;
}

const ConnectedRegistryRecord* findRegistry(const AccessState& state, const QString& name) {
    if (const ConnectedRegistryRecord* exact = state.registry(name))
        return exact;
    if (const ConnectedRegistryRecord* lower = state.registry(name.toLower()))
        return lower;
    for (const ConnectedRegistryRecord& record : state.registries) {
        if (record.registry.name.compare(name, Qt::CaseInsensitive) == 0)
            return &record;
    }
    return nullptr;
}

const access::TokenRecord* findToken(const AccessState& state, const QString& name) {
    if (const access::TokenRecord* exact = state.token(name))
        return exact;
    if (const access::TokenRecord* lower = state.token(name.toLower()))
        return lower;
    // Token names may be stored as typed; a scan is fine for the rare miss.
    for (const access::TokenRecord& record : state.tokens) {
        if (record.token.name.compare(name, Qt::CaseInsensitive) == 0)
            return &record;
    }
    return nullptr;
}

QString syncScopeMapOf(const AccessState& state, const ConnectedRegistry& registry) {
    const access::TokenRecord* token = findToken(state, registry.sync.token);
    if (!token || !state.scopeMap(token->token.scopeMap))
        return {};
    return token->token.scopeMap;
}

QString generatedSyncTokenName(const QString& registry) {
    return registry.toLower() + QStringLiteral("-sync-token");
}

QString generatedSyncScopeMapName(const QString& registry) {
    return registry.toLower() + QStringLiteral("-sync-scope-map");
}

namespace {

access::ScopeMapRecord* editableScopeMap(access::Mutation& mutation, const QString& name,
                                         DomainError& error) {
    auto it = mutation.state().scopeMaps.find(name.toLower());
    if (it == mutation.state().scopeMaps.end()) {
        error = makeError(QLatin1StringView("NOT_FOUND"),
                          QStringLiteral("Scope map %1 does not exist.").arg(name));
        return nullptr;
    }
    if (it->scopeMap.type == ScopeMapType::SystemDefined) {
        error = makeError(
            errc::RuleViolation,
            QStringLiteral("Scope map %1 is system-defined and can't be used as a sync scope map.")
                .arg(name));
        return nullptr;
    }
    return &it.value();
}

} // namespace

Status addScopeMapActions(access::Mutation& mutation, const QString& scopeMap,
                          const QList<ScopeAction>& actions) {
    DomainError error;
    access::ScopeMapRecord* record = editableScopeMap(mutation, scopeMap, error);
    if (!record)
        return error;
    QStringList texts = record->scopeMap.actions;
    QSet<QString> present(texts.cbegin(), texts.cend());
    bool changed = false;
    for (const ScopeAction& action : actions) {
        const QString text = action.toString();
        if (present.contains(text))
            continue;
        present.insert(text);
        texts.push_back(text);
        changed = true;
    }
    if (!changed)
        return {};
    auto parsed = parseActions(texts);
    if (!parsed) {
        DomainError failure = parsed.error();
        failure.message =
            QStringLiteral("Scope map %1: %2").arg(record->scopeMap.name, failure.message);
        return failure;
    }
    record->scopeMap.actions = formatActions(parsed.value());
    mutation.touchScopeMap(scopeMap);
    return {};
}

Result<QStringList> removeScopeMapActions(access::Mutation& mutation, const QString& scopeMap,
                                          const std::function<bool(const ScopeAction&)>& drop) {
    DomainError error;
    access::ScopeMapRecord* record = editableScopeMap(mutation, scopeMap, error);
    if (!record)
        return error;
    QStringList kept;
    QStringList removed;
    for (const QString& text : record->scopeMap.actions) {
        auto action = ScopeAction::parse(text);
        if (action && drop(action.value()))
            removed.push_back(text);
        else
            kept.push_back(text);
    }
    if (removed.isEmpty())
        return removed;
    record->scopeMap.actions = kept;
    mutation.touchScopeMap(scopeMap);
    return removed;
}

QStringList registriesUsingToken(const AccessState& state, const QString& token,
                                 const QString& except) {
    QStringList out;
    for (const ConnectedRegistryRecord& record : state.registries) {
        const ConnectedRegistry& r = record.registry;
        if (r.name.compare(except, Qt::CaseInsensitive) == 0)
            continue;
        const bool uses = r.sync.token.compare(token, Qt::CaseInsensitive) == 0 ||
                          r.clientTokens.contains(token, Qt::CaseInsensitive);
        if (uses)
            out.push_back(r.name);
    }
    out.sort();
    return out;
}

QStringList tokensUsingScopeMap(const AccessState& state, const QString& scopeMap,
                                const QString& except) {
    QStringList out;
    for (const access::TokenRecord& record : state.tokens) {
        if (record.token.name.compare(except, Qt::CaseInsensitive) != 0 &&
            record.token.scopeMap.compare(scopeMap, Qt::CaseInsensitive) == 0)
            out.push_back(record.token.name);
    }
    out.sort();
    return out;
}

} // namespace ferry::management
