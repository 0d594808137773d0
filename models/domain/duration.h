#pragma once
// ISO 8601 durations for sync.window and sync.messageTtl (DOMAIN.md), with the
// ranges the spec sets on each.
//
// Accepted: P[nW][nD][T[nH][nM][n[.f]S]], upper or lower case, at least one
// component, components in that order and each at most once; a fraction only
// on seconds (up to 3 digits, '.' or ','). Years and months are rejected on
// purpose: their length depends on the calendar, so "P1M" would not be one
// number of seconds; the error suggests days instead. Weeks are 7 days.

#include "domain/result.h"

#include <QString>
#include <QStringView>

namespace ferry {

class IsoDuration {
public:
    // Error code DURATION_INVALID.
    static Result<IsoDuration> parse(QStringView text);
    static IsoDuration fromMilliseconds(qint64 milliseconds);
    static IsoDuration fromSeconds(qint64 seconds) { return fromMilliseconds(seconds * 1000); }

    IsoDuration() = default;

    qint64 totalMilliseconds() const { return m_milliseconds; }
    // Whole seconds; a fraction is truncated.
    qint64 totalSeconds() const { return m_milliseconds / 1000; }

    // Canonical form: days, then T with hours, minutes and seconds, zero
    // components left out; weeks become days ("P1W" -> "P7D", "PT90M" ->
    // "PT1H30M"). Zero is "PT0S".
    QString toString() const;

    friend auto operator<=>(const IsoDuration&, const IsoDuration&) = default;

private:
    explicit IsoDuration(qint64 milliseconds)
        : m_milliseconds(milliseconds) {}
    qint64 m_milliseconds = 0;
};

// sync.window: 1 hour to 7 days inclusive. DURATION_INVALID or
// DURATION_OUT_OF_RANGE.
Result<IsoDuration> parseSyncWindow(QStringView text);
// sync.messageTtl: 1 to 90 days inclusive; empty text means the default P2D.
Result<IsoDuration> parseMessageTtl(QStringView text);
IsoDuration defaultMessageTtl();

IsoDuration minSyncWindow();
IsoDuration maxSyncWindow();
IsoDuration minMessageTtl();
IsoDuration maxMessageTtl();

} // namespace ferry
