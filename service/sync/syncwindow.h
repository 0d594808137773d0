#pragma once
// When a connected registry may sync (DOMAIN.md sync.schedule, sync.window):
// always under the continuous schedule "* * * * *"; otherwise from each
// firing of the cron schedule for the length of the window.

#include "domain/cron.h"

#include <QDateTime>
#include <optional>

namespace ferry::sync {

class SyncWindow {
public:
    SyncWindow() = default; // continuous
    SyncWindow(CronSchedule schedule, qint64 windowSeconds);

    bool continuous() const { return m_schedule.isContinuous(); }
    // The end of the window open at `now`, or nullopt when none is open.
    // Continuous: always open, and the end is far away.
    std::optional<QDateTime> openUntil(const QDateTime& now) const;
    // The start of the next window after `now` (nullopt: the schedule never fires).
    std::optional<QDateTime> nextOpening(const QDateTime& now) const;

private:
    CronSchedule m_schedule;
    qint64 m_windowSeconds = 0;
};

} // namespace ferry::sync
