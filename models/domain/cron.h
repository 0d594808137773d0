#pragma once
// A 5-field cron schedule (minute hour day-of-month month day-of-week), as
// DOMAIN.md uses for sync.schedule and garbageCollection.schedule. Parsing
// reports the field and value that broke a rule; nextAfter() drives the
// scheduler. All times are UTC.

#include "domain/result.h"

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <bitset>
#include <optional>

namespace ferry {

class CronSchedule {
public:
    // Grammar per field: "*", N, A-B, */S, A-B/S and comma lists of those.
    // Months accept JAN-DEC and weekdays SUN-SAT, case-insensitive; weekday 7
    // is Sunday like 0. A step must be 1..size of the field's range, and a
    // range must not run backwards. Error code CRON_INVALID.
    static Result<CronSchedule> parse(QStringView expression);

    // Constructs "* * * * *", the continuous schedule.
    CronSchedule();

    // The expression with fields separated by single spaces, as given.
    QString toString() const { return m_expression; }
    // "* * * * *": DOMAIN.md treats it as always online rather than as a run
    // every minute.
    bool isContinuous() const;

    // Whether the schedule fires at the minute containing `utc`.
    bool matches(const QDateTime& utc) const;
    // The first firing strictly after `utc` (seconds are truncated). nullopt
    // when the schedule never fires, such as "0 0 30 2 *" (30 February).
    std::optional<QDateTime> nextAfter(const QDateTime& utc) const;

    friend bool operator==(const CronSchedule& a, const CronSchedule& b) {
        return a.m_expression == b.m_expression;
    }

private:
    bool dayMatches(const QDate& date) const;

    QString m_expression;
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_daysOfMonth; // bit 0 unused
    std::bitset<13> m_months;      // bit 0 unused
    std::bitset<7> m_daysOfWeek;   // 0 = Sunday
    // Vixie cron's rule: a day field that starts with '*' is unrestricted.
    // When both day fields are restricted a day matching either one fires.
    bool m_dayOfMonthRestricted = false;
    bool m_dayOfWeekRestricted = false;
};

} // namespace ferry
