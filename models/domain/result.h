#pragma once
// Errors as values for the domain layer: every validator and codec returns a
// Result so ferryd, ferryctl and the console report the same code and sentence.

#include <QLatin1StringView>
#include <QString>

#include <utility>
#include <variant>

namespace ferry {

// Stable machine codes. Clients branch on these; never rename one.
namespace errc {
inline constexpr QLatin1StringView NameInvalid{"NAME_INVALID"};
inline constexpr QLatin1StringView DescriptionInvalid{"DESCRIPTION_INVALID"};
inline constexpr QLatin1StringView RepositoryInvalid{"REPOSITORY_INVALID"};
inline constexpr QLatin1StringView TagInvalid{"TAG_INVALID"};
inline constexpr QLatin1StringView DigestInvalid{"DIGEST_INVALID"};
inline constexpr QLatin1StringView ActionInvalid{"ACTION_INVALID"};
inline constexpr QLatin1StringView ActionLimitExceeded{"ACTION_LIMIT_EXCEEDED"};
inline constexpr QLatin1StringView CronInvalid{"CRON_INVALID"};
inline constexpr QLatin1StringView DurationInvalid{"DURATION_INVALID"};
inline constexpr QLatin1StringView DurationOutOfRange{"DURATION_OUT_OF_RANGE"};
inline constexpr QLatin1StringView NotificationInvalid{"NOTIFICATION_INVALID"};
inline constexpr QLatin1StringView JsonInvalid{"JSON_INVALID"};
inline constexpr QLatin1StringView RuleViolation{"RULE_VIOLATION"};
} // namespace errc

struct DomainError {
    QString code;    // one of errc::*
    QString message; // a sentence for a person that names the rule broken
    QString field;   // dotted path of the offending field when known ("sync.window"), else empty

    friend bool operator==(const DomainError&, const DomainError&) = default;
};

inline DomainError makeError(QLatin1StringView code, QString message, QString field = {}) {
    return DomainError{QString(code), std::move(message), std::move(field)};
}

// A value or a DomainError. Accessing the wrong alternative is a programming
// error and throws std::bad_variant_access rather than returning garbage.
template <class T> class Result {
public:
    Result(T value)
        : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(DomainError error)
        : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_state); }
    T& value() & { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }
    T valueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

    const DomainError& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, DomainError> m_state;
};

// Success carries nothing; only the error matters.
template <> class Result<void> {
public:
    Result() = default;
    Result(DomainError error)
        : m_error(std::move(error))
        , m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const DomainError& error() const { return m_error; }

private:
    DomainError m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace ferry
