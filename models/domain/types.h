#pragma once
// Plain value types of the domain (DOMAIN.md: connected registries, tokens,
// scope maps) and their enum <-> string spellings. No behaviour beyond that;
// validation lives in validation.h, JSON in jsoncodec.h.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace ferry {

// Fixed at creation. The reference product's historical names (Registry,
// Mirror) are accepted when parsing and never produced.
enum class ConnectedRegistryMode { ReadWrite, ReadOnly };
enum class LogLevel { Debug, Information, Warning, Error, None };
enum class AuditLog { Enabled, Disabled };
enum class Activation { Active, Inactive };
enum class ConnectionState { Online, Offline, Syncing, Unhealthy };
enum class TlsStatus { Enabled, Disabled };
enum class TokenStatus { Enabled, Disabled };
enum class ScopeMapType { SystemDefined, UserDefined };

QString toString(ConnectedRegistryMode value);
QString toString(LogLevel value);
QString toString(AuditLog value);
QString toString(Activation value);
QString toString(ConnectionState value);
QString toString(TlsStatus value);
QString toString(TokenStatus value); // "enabled" / "disabled", as DOMAIN.md spells them
QString toString(ScopeMapType value);

// Case-insensitive; std::nullopt for an unknown spelling. Instantiated for
// every enum above.
template <class E> std::optional<E> enumFromString(QStringView text);

// Every accepted canonical spelling, for error messages and completions.
template <class E> QStringList enumSpellings();

struct SyncSettings {
    QString token;                                  // the sync token's name
    QString schedule = QStringLiteral("* * * * *"); // 5-field cron; "* * * * *" is continuous
    QString window; // ISO 8601; empty when the schedule is continuous
    QString messageTtl = QStringLiteral("P2D");

    friend bool operator==(const SyncSettings&, const SyncSettings&) = default;
};

struct LoggingSettings {
    LogLevel level = LogLevel::Information;
    AuditLog auditLog = AuditLog::Disabled;

    friend bool operator==(const LoggingSettings&, const LoggingSettings&) = default;
};

struct GarbageCollectionSettings {
    bool enabled = false;
    QString schedule = QStringLiteral("0 1 * * *");

    friend bool operator==(const GarbageCollectionSettings&,
                           const GarbageCollectionSettings&) = default;
};

struct StatusDetail {
    QString type;
    QString code; // e.g. DISK_STORAGE_FULL, DISK_PERMISSION_DENIED, DISK_ERROR
    QString description;
    QDateTime timestamp; // UTC
    QString correlationId;

    friend bool operator==(const StatusDetail&, const StatusDetail&) = default;
};

struct LoginServer {
    QString host; // host[:port]
    TlsStatus tls = TlsStatus::Enabled;

    friend bool operator==(const LoginServer&, const LoginServer&) = default;
};

// How far the registry's current sync run has come (bytes and blobs done out
// of those it found missing). All zero when nothing is being transferred.
struct SyncProgress {
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 blobsDone = 0;
    qint64 blobsTotal = 0;

    friend bool operator==(const SyncProgress&, const SyncProgress&) = default;
};

// An instruction for one connected registry ("resync now"), issued at the
// root and carried down the config channel level by level. It stays pending
// until the registry acknowledges it in a status report, or until it expires
// after the registry's message TTL (docs/sync-protocol.md "Commands").
struct RegistryCommand {
    QString id;
    QString type;      // "resync"
    QDateTime issued;  // UTC
    QDateTime expires; // UTC

    friend bool operator==(const RegistryCommand&, const RegistryCommand&) = default;
};

// The registry's data folder, as it last reported it.
struct StorageUsage {
    qint64 usedBytes = 0;      // by Ferry's blobs
    qint64 availableBytes = 0; // left on the file system

    friend bool operator==(const StorageUsage&, const StorageUsage&) = default;
};

struct ConnectedRegistry {
    // Desired state, set by operators.
    QString name;
    ConnectedRegistryMode mode = ConnectedRegistryMode::ReadWrite;
    QString parent; // empty: the root registry
    QStringList clientTokens;
    SyncSettings sync;
    LoggingSettings logging;
    QStringList notifications; // "artifact:action" patterns, see notification.h
    GarbageCollectionSettings garbageCollection;
    QList<RegistryCommand> commands; // pending; issued through the API, never set by PUT

    // Reported by the registry itself; read-only to clients.
    Activation activation = Activation::Inactive;
    ConnectionState connectionState = ConnectionState::Offline;
    QDateTime lastSyncTime;     // UTC; invalid when never synced
    QDateTime lastActivityTime; // UTC; invalid when never active
    QString version;
    QList<StatusDetail> statusDetails;
    LoginServer loginServer;
    SyncProgress syncProgress;
    StorageUsage storage;
    QStringList acknowledgedCommands; // ids of pending commands it has carried out

    bool isRootChild() const { return parent.isEmpty(); }
    friend bool operator==(const ConnectedRegistry&, const ConnectedRegistry&) = default;
};

// Metadata of one password slot. The password itself is shown once at
// generation and never stored in, or read back through, this type.
struct PasswordSlot {
    QDateTime creationTime; // UTC
    QDateTime expiry;       // UTC; invalid means it never expires

    bool isExpiredAt(const QDateTime& nowUtc) const { return expiry.isValid() && nowUtc >= expiry; }
    friend bool operator==(const PasswordSlot&, const PasswordSlot&) = default;
};

struct TokenCredentials {
    std::optional<PasswordSlot> password1;
    std::optional<PasswordSlot> password2;

    friend bool operator==(const TokenCredentials&, const TokenCredentials&) = default;
};

struct Token {
    QString name;
    QString scopeMap;
    TokenStatus status = TokenStatus::Enabled;
    TokenCredentials credentials;
    QDateTime creationTime; // UTC

    friend bool operator==(const Token&, const Token&) = default;
};

struct ScopeMap {
    QString name;
    QString description;
    QStringList actions; // canonical action strings, see actions.h
    ScopeMapType type = ScopeMapType::UserDefined;
    QDateTime creationTime; // UTC

    friend bool operator==(const ScopeMap&, const ScopeMap&) = default;
};

} // namespace ferry
