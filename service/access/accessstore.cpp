#include "access/accessstore.h"

#include "core/log.h"
#include "domain/jsoncodec.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ferry::access {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS tokens(
    name TEXT PRIMARY KEY, document TEXT NOT NULL, password1_hash TEXT, password2_hash TEXT,
    revision INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scope_maps(
    name TEXT PRIMARY KEY, document TEXT NOT NULL, revision INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS connected_registries(
    name TEXT PRIMARY KEY, document TEXT NOT NULL, revision INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit(
    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, actor TEXT NOT NULL, address TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL);
)sql";

std::string compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

QJsonObject parseObject(const std::string& text) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

std::string str(const QString& text) {
    return text.toStdString();
}

QJsonObject selfToJson(const ConnectedSelf& self) {
    return QJsonObject{
        {QStringLiteral("registry"), toJson(self.registry)},
        {QStringLiteral("repositories"), QJsonArray::fromStringList(self.repositories)}};
}

std::optional<ConnectedSelf> selfFromJson(const QJsonObject& object) {
    auto registry = connectedRegistryFromJson(object.value(QStringLiteral("registry")).toObject());
    if (!registry)
        return std::nullopt;
    ConnectedSelf self{registry.value(), {}};
    for (const QJsonValue& repository : object.value(QStringLiteral("repositories")).toArray())
        self.repositories.push_back(repository.toString());
    return self;
}

ActivationLease leaseFromJson(const QJsonObject& object) {
    return ActivationLease{object.value(QStringLiteral("instance")).toString(),
                           object.value(QStringLiteral("epoch")).toInteger()};
}

} // namespace

void Mutation::touchToken(const QString& name) {
    m_tokens.insert(name);
    if (auto it = m_state.tokens.find(name); it != m_state.tokens.end())
        it->revision = nextRevision();
}

void Mutation::touchScopeMap(const QString& name) {
    const QString key = name.toLower();
    m_scopeMaps.insert(key);
    if (auto it = m_state.scopeMaps.find(key); it != m_state.scopeMaps.end()) {
        it->revision = nextRevision();
        // Keep the parsed form in step with the stored strings.
        auto parsed = parseActions(it->scopeMap.actions);
        if (parsed)
            it->actions = parsed.value();
    }
}

void Mutation::touchRegistry(const QString& name) {
    m_registries.insert(name);
    if (auto it = m_state.registries.find(name); it != m_state.registries.end())
        it->revision = nextRevision();
}

AccessStore::AccessStore(std::string databasePath)
    : m_pool(std::move(databasePath))
    , m_snapshot(std::make_shared<AccessState>()) {}

AccessSnapshot AccessStore::snapshot() const {
    std::lock_guard lock(m_snapshotMutex);
    return m_snapshot;
}

AccessSnapshot AccessStore::waitForChange(int64_t revision,
                                          std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_snapshotMutex);
    m_published.wait_for(lock, timeout, [&] { return m_snapshot->revision > revision; });
    return m_snapshot;
}

void AccessStore::setChangeListener(ChangeListener listener) {
    std::lock_guard lock(m_writerMutex);
    m_listener = std::move(listener);
}

Status AccessStore::open() {
    try {
        {
            auto db = m_pool.acquire();
            sql::Transaction tx(*db);
            db->exec(kSchema);
            tx.commit();
        }
        load();
    } catch (const sql::Error& failure) {
        return makeError(QLatin1StringView("STORAGE_ERROR"),
                         QString::fromStdString(failure.what()));
    }
    // The system-defined scope maps always exist (DOMAIN.md "Scope maps").
    return mutate([](Mutation& m) -> Status {
        for (const QString& name : systemScopeMapNames()) {
            if (m.state().scopeMap(name))
                continue;
            ScopeMapRecord record;
            record.scopeMap.name = name;
            record.scopeMap.type = ScopeMapType::SystemDefined;
            record.scopeMap.description = QStringLiteral("System-defined scope map");
            record.scopeMap.actions = formatActions(systemScopeMapActions(name));
            record.scopeMap.creationTime = QDateTime::currentDateTimeUtc();
            m.state().scopeMaps.insert(name.toLower(), record);
            m.touchScopeMap(name);
        }
        return {};
    });
}

void AccessStore::load() {
    auto state = std::make_shared<AccessState>();
    auto db = m_pool.acquire();
    {
        auto st = db->prepare(
            "SELECT name, document, password1_hash, password2_hash, revision FROM tokens");
        while (st.step()) {
            auto token = tokenFromJson(parseObject(st.text(1)));
            if (!token)
                throw sql::Error(0, "token " + st.text(0) +
                                        " is unreadable: " + str(token.error().message));
            TokenRecord record{token.value(), {}, st.integer(4)};
            record.hashes.password1 = QString::fromStdString(st.optionalText(2).value_or(""));
            record.hashes.password2 = QString::fromStdString(st.optionalText(3).value_or(""));
            state->revision = std::max(state->revision, record.revision);
            state->tokens.insert(record.token.name, record);
        }
    }
    {
        auto st = db->prepare("SELECT name, document, revision FROM scope_maps");
        while (st.step()) {
            auto map = scopeMapFromJson(parseObject(st.text(1)));
            if (!map)
                throw sql::Error(0, "scope map " + st.text(0) +
                                        " is unreadable: " + str(map.error().message));
            ScopeMapRecord record{map.value(), {}, st.integer(2)};
            auto parsed = parseActions(record.scopeMap.actions);
            if (parsed)
                record.actions = parsed.value();
            state->revision = std::max(state->revision, record.revision);
            state->scopeMaps.insert(st.text(0).c_str(), record);
        }
    }
    {
        auto st = db->prepare("SELECT name, document, revision FROM connected_registries");
        while (st.step()) {
            auto registry = connectedRegistryFromJson(parseObject(st.text(1)));
            if (!registry)
                throw sql::Error(0, "connected registry " + st.text(0) +
                                        " is unreadable: " + str(registry.error().message));
            ConnectedRegistryRecord record{registry.value(), st.integer(2)};
            state->revision = std::max(state->revision, record.revision);
            state->registries.insert(record.registry.name, record);
        }
    }
    {
        auto st = db->prepare("SELECT key, value FROM settings");
        while (st.step()) {
            const std::string key = st.text(0);
            const QString value = QString::fromStdString(st.text(1));
            if (key == "admin.passwordHash")
                state->admin.passwordHash = value;
            else if (key == "admin.passwordChanged")
                state->admin.passwordChanged = QDateTime::fromString(value, Qt::ISODateWithMs);
            else if (key == "anonymousPull")
                state->settings.anonymousPull = value == QLatin1String("true");
            else if (key == "revision")
                state->revision = std::max<int64_t>(state->revision, value.toLongLong());
            else if (key == "connected.self")
                state->self = selfFromJson(parseObject(st.text(1)));
            else if (key.starts_with("lease."))
                state->leases.insert(QString::fromStdString(key.substr(6)),
                                     leaseFromJson(parseObject(st.text(1))));
        }
    }
    std::lock_guard lock(m_snapshotMutex);
    m_snapshot = state;
}

Status AccessStore::mutate(const std::function<Status(Mutation&)>& change) {
    std::lock_guard writer(m_writerMutex);
    const AccessSnapshot before = snapshot();
    Mutation mutation(*before); // QHash copies share their data until written
    if (Status status = change(mutation); !status)
        return status;
    try {
        auto db = m_pool.acquire();
        sql::Transaction tx(*db);
        persist(*db, mutation, mutation.m_state);
        for (const auto& event : mutation.m_audit)
            writeAudit(*db, event);
        tx.commit();
    } catch (const sql::Error& failure) {
        log::error("access store: ", failure.what());
        return makeError(
            QLatin1StringView(failure.diskFull() ? "STORAGE_FULL" : "STORAGE_ERROR"),
            failure.diskFull()
                ? QStringLiteral("The disk is full; nothing was changed.")
                : QStringLiteral("The change could not be stored; nothing was changed."));
    }
    auto after = std::make_shared<const AccessState>(std::move(mutation.m_state));
    {
        std::lock_guard lock(m_snapshotMutex);
        m_snapshot = after;
    }
    m_published.notify_all();
    if (m_listener)
        m_listener(before, after);
    return {};
}

void AccessStore::persist(sql::Connection& db, const Mutation& mutation, const AccessState& next) {
    for (const QString& name : mutation.m_tokens) {
        if (const TokenRecord* record = next.token(name)) {
            auto st = db.prepare("INSERT OR REPLACE INTO tokens(name, document, password1_hash, "
                                 "password2_hash, revision) "
                                 "VALUES(?1, ?2, ?3, ?4, ?5)");
            st.bind(1, str(name)).bind(2, compact(toJson(record->token)));
            record->hashes.password1.isEmpty() ? st.bindNull(3)
                                               : st.bind(3, str(record->hashes.password1));
            record->hashes.password2.isEmpty() ? st.bindNull(4)
                                               : st.bind(4, str(record->hashes.password2));
            st.bind(5, record->revision).run();
        } else {
            db.prepare("DELETE FROM tokens WHERE name = ?1").bind(1, str(name)).run();
        }
    }
    for (const QString& key : mutation.m_scopeMaps) {
        if (const ScopeMapRecord* record = next.scopeMap(key)) {
            db.prepare(
                  "INSERT OR REPLACE INTO scope_maps(name, document, revision) VALUES(?1, ?2, ?3)")
                .bind(1, str(key))
                .bind(2, compact(toJson(record->scopeMap)))
                .bind(3, record->revision)
                .run();
        } else {
            db.prepare("DELETE FROM scope_maps WHERE name = ?1").bind(1, str(key)).run();
        }
    }
    for (const QString& name : mutation.m_registries) {
        if (const ConnectedRegistryRecord* record = next.registry(name)) {
            db.prepare("INSERT OR REPLACE INTO connected_registries(name, document, revision) "
                       "VALUES(?1, ?2, ?3)")
                .bind(1, str(name))
                .bind(2, compact(toJson(record->registry)))
                .bind(3, record->revision)
                .run();
        } else {
            db.prepare("DELETE FROM connected_registries WHERE name = ?1").bind(1, str(name)).run();
        }
    }
    auto setting = [&db](std::string_view key, const QString& value) {
        db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES(?1, ?2)")
            .bind(1, key)
            .bind(2, str(value))
            .run();
    };
    if (mutation.m_adminTouched) {
        setting("admin.passwordHash", next.admin.passwordHash);
        setting("admin.passwordChanged", next.admin.passwordChanged.toString(Qt::ISODateWithMs));
    }
    if (mutation.m_settingsTouched)
        setting("anonymousPull",
                next.settings.anonymousPull ? QStringLiteral("true") : QStringLiteral("false"));
    if (mutation.m_selfTouched) {
        if (next.self)
            setting("connected.self", QString::fromStdString(compact(selfToJson(*next.self))));
        else
            db.prepare("DELETE FROM settings WHERE key = 'connected.self'").run();
    }
    for (const QString& name : mutation.m_leases) {
        const std::string key = "lease." + str(name);
        if (auto it = next.leases.constFind(name); it != next.leases.cend())
            setting(key, QString::fromStdString(
                             compact(QJsonObject{{QStringLiteral("instance"), it->instance},
                                                 {QStringLiteral("epoch"), qint64(it->epoch)}})));
        else
            db.prepare("DELETE FROM settings WHERE key = ?1").bind(1, key).run();
    }
    setting("revision", QString::number(next.revision));
}

void AccessStore::writeAudit(sql::Connection& db, const AuditEvent& event) {
    const QDateTime time = event.time.isValid() ? event.time : QDateTime::currentDateTimeUtc();
    db.prepare("INSERT INTO audit(time, actor, address, action, target, outcome, detail) "
               "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, str(formatRfc3339(time)))
        .bind(2, str(event.actor.isEmpty() ? QStringLiteral("-") : event.actor))
        .bind(3, str(event.address))
        .bind(4, str(event.action))
        .bind(5, str(event.target))
        .bind(6, str(event.outcome))
        .bind(7, str(event.detail))
        .run();
}

void AccessStore::appendAudit(const AuditEvent& event) {
    if (!m_auditEnabled)
        return;
    try {
        auto db = m_pool.acquire();
        writeAudit(*db, event);
    } catch (const sql::Error& failure) {
        log::error("audit log: ", failure.what());
    }
}

QList<AuditEvent> AccessStore::auditEvents(int64_t afterId, int limit, const QString& actionPrefix,
                                           const QStringList& targets) const {
    QList<AuditEvent> events;
    auto db = m_pool.acquire();
    // The targets travel as one JSON array (SQLite's json_each), so the
    // statement stays the same whatever their number.
    auto st = db->prepare(
        "SELECT id, time, actor, address, action, target, outcome, detail FROM audit "
        "WHERE id > ?1 AND (?3 = '' OR action LIKE ?3 || '%') "
        "AND (?4 = '' OR target IN (SELECT value FROM json_each(?4))) ORDER BY id LIMIT ?2");
    const QString targetList =
        targets.isEmpty() ? QString()
                          : QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(targets))
                                                  .toJson(QJsonDocument::Compact));
    st.bind(1, afterId).bind(2, int64_t(limit)).bind(3, str(actionPrefix)).bind(4, str(targetList));
    while (st.step()) {
        AuditEvent event;
        event.id = st.integer(0);
        event.time = parseRfc3339(QString::fromStdString(st.text(1))).valueOr(QDateTime());
        event.actor = QString::fromStdString(st.text(2));
        event.address = QString::fromStdString(st.text(3));
        event.action = QString::fromStdString(st.text(4));
        event.target = QString::fromStdString(st.text(5));
        event.outcome = QString::fromStdString(st.text(6));
        event.detail = QString::fromStdString(st.text(7));
        events.push_back(event);
    }
    return events;
}

} // namespace ferry::access
