// The small grammars users type: cron schedules, ISO 8601 durations (sync
// windows, message TTLs), notification patterns, scope-map actions and
// RFC 3339 times.
#include "domain/actions.h"
#include "domain/cron.h"
#include "domain/duration.h"
#include "domain/jsoncodec.h"
#include "domain/notification.h"

#include <QDateTime>
#include <QString>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    if (auto schedule = ferry::CronSchedule::parse(text))
        schedule.value().matches(QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
    ferry::IsoDuration::parse(text);
    ferry::parseSyncWindow(text);
    ferry::parseMessageTtl(text);
    ferry::NotificationPattern::parse(text);
    ferry::ScopeAction::parse(text);
    ferry::parseRfc3339(text);
    return 0;
}
