#include "sync/syncwindow.h"

namespace ferry::sync {

SyncWindow::SyncWindow(CronSchedule schedule, qint64 windowSeconds)
    : m_schedule(std::move(schedule))
    , m_windowSeconds(windowSeconds) {}

std::optional<QDateTime> SyncWindow::openUntil(const QDateTime& now) const {
    if (continuous())
        return now.addYears(1);
    // The latest firing at or before now whose window still runs. Firings
    // are at most one a minute and windows at most 7 days, so this walks at
    // most 10,080 firings.
    std::optional<QDateTime> end;
    std::optional<QDateTime> firing = m_schedule.nextAfter(now.addSecs(-m_windowSeconds - 60));
    while (firing && *firing <= now) {
        if (firing->addSecs(m_windowSeconds) > now)
            end = std::max(end.value_or(*firing), firing->addSecs(m_windowSeconds));
        firing = m_schedule.nextAfter(*firing);
    }
    return end;
}

std::optional<QDateTime> SyncWindow::nextOpening(const QDateTime& now) const {
    if (continuous())
        return now;
    return m_schedule.nextAfter(now);
}

} // namespace ferry::sync
