#include "domain/types.h"

#include <array>
#include <utility>

namespace ferry {
namespace {

struct Spelling {
    int value;
    const char* text;
    bool canonical; // false for accepted aliases
};

template <class E> struct EnumTable;

#define FERRY_ENUM_TABLE(E, ...)                                                                   \
    template <> struct EnumTable<E> {                                                              \
        static constexpr auto entries = std::to_array<Spelling>({__VA_ARGS__});                    \
    };

using M = ConnectedRegistryMode;
FERRY_ENUM_TABLE(ConnectedRegistryMode, {int(M::ReadWrite), "ReadWrite", true},
                 {int(M::ReadOnly), "ReadOnly", true}, {int(M::ReadWrite), "Registry", false},
                 {int(M::ReadOnly), "Mirror", false})
FERRY_ENUM_TABLE(LogLevel, {int(LogLevel::Debug), "Debug", true},
                 {int(LogLevel::Information), "Information", true},
                 {int(LogLevel::Warning), "Warning", true}, {int(LogLevel::Error), "Error", true},
                 {int(LogLevel::None), "None", true})
FERRY_ENUM_TABLE(AuditLog, {int(AuditLog::Enabled), "Enabled", true},
                 {int(AuditLog::Disabled), "Disabled", true})
FERRY_ENUM_TABLE(Activation, {int(Activation::Active), "Active", true},
                 {int(Activation::Inactive), "Inactive", true})
FERRY_ENUM_TABLE(ConnectionState, {int(ConnectionState::Online), "Online", true},
                 {int(ConnectionState::Offline), "Offline", true},
                 {int(ConnectionState::Syncing), "Syncing", true},
                 {int(ConnectionState::Unhealthy), "Unhealthy", true})
FERRY_ENUM_TABLE(TlsStatus, {int(TlsStatus::Enabled), "Enabled", true},
                 {int(TlsStatus::Disabled), "Disabled", true})
FERRY_ENUM_TABLE(TokenStatus, {int(TokenStatus::Enabled), "enabled", true},
                 {int(TokenStatus::Disabled), "disabled", true})
FERRY_ENUM_TABLE(ScopeMapType, {int(ScopeMapType::SystemDefined), "SystemDefined", true},
                 {int(ScopeMapType::UserDefined), "UserDefined", true})
#undef FERRY_ENUM_TABLE

template <class E> QString spell(E value) {
    for (const Spelling& s : EnumTable<E>::entries) {
        if (s.canonical && s.value == int(value))
            return QString::fromLatin1(s.text);
    }
    return {};
}

} // namespace

template <class E> std::optional<E> enumFromString(QStringView text) {
    for (const Spelling& s : EnumTable<E>::entries) {
        if (text.compare(QLatin1StringView(s.text), Qt::CaseInsensitive) == 0)
            return E(s.value);
    }
    return std::nullopt;
}

template <class E> QStringList enumSpellings() {
    QStringList out;
    for (const Spelling& s : EnumTable<E>::entries) {
        if (s.canonical)
            out << QString::fromLatin1(s.text);
    }
    return out;
}

#define FERRY_ENUM_INSTANTIATE(E)                                                                  \
    QString toString(E value) {                                                                    \
        return spell(value);                                                                       \
    }                                                                                              \
    template std::optional<E> enumFromString<E>(QStringView);                                      \
    template QStringList enumSpellings<E>();

FERRY_ENUM_INSTANTIATE(ConnectedRegistryMode)
FERRY_ENUM_INSTANTIATE(LogLevel)
FERRY_ENUM_INSTANTIATE(AuditLog)
FERRY_ENUM_INSTANTIATE(Activation)
FERRY_ENUM_INSTANTIATE(ConnectionState)
FERRY_ENUM_INSTANTIATE(TlsStatus)
FERRY_ENUM_INSTANTIATE(TokenStatus)
FERRY_ENUM_INSTANTIATE(ScopeMapType)
#undef FERRY_ENUM_INSTANTIATE

} // namespace ferry
