#include "domain/cron.h"
#include "text.h" // relative: lupdate resolves it without include paths

#include <QList>
#include <QRegularExpression>

#include <array>

namespace ferry {
namespace {

struct FieldSpec {
    const char* name;
    int min;
    int max;
    const char* const* aliases; // index 0 is `min`'s name; nullptr when none
    int aliasCount;
};

constexpr const char* kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr std::array<FieldSpec, 5> kFields = {{
    {"minute", 0, 59, nullptr, 0},
    {"hour", 0, 23, nullptr, 0},
    {"day-of-month", 1, 31, nullptr, 0},
    {"month", 1, 12, kMonthNames, 12},
    {"day-of-week", 0, 7, kDayNames, 7},
}};

DomainError cronError(const FieldSpec& field, QStringView value, const QString& why) {
    return makeError(errc::CronInvalid,
                     QCoreApplication::translate("domain", "Cron %1 field '%2' is invalid: %3")
                         .arg(QLatin1StringView(field.name), value.toString(), why));
}

std::optional<int> parseNumber(const FieldSpec& field, QStringView text) {
    if (text.isEmpty() || text.size() > 4)
        return std::nullopt;
    bool isNumber = true;
    for (QChar c : text)
        isNumber = isNumber && c >= u'0' && c <= u'9';
    if (isNumber)
        return text.toInt();
    for (int i = 0; i < field.aliasCount; ++i) {
        if (text.compare(QLatin1StringView(field.aliases[i]), Qt::CaseInsensitive) == 0)
            return field.min + i;
    }
    return std::nullopt;
}

// Parses one comma-separated element into bits [min..max] of `bits`.
Status parseElement(const FieldSpec& field, QStringView element, QList<bool>& bits) {
    QStringView rangePart = element;
    int step = 1;
    if (const auto slash = element.indexOf(u'/'); slash >= 0) {
        rangePart = element.left(slash);
        const QStringView stepText = element.mid(slash + 1);
        bool okStep = !stepText.isEmpty();
        for (QChar c : stepText)
            okStep = okStep && c >= u'0' && c <= u'9';
        step = okStep && stepText.size() <= 4 ? stepText.toInt() : 0;
        const int span = field.max - field.min + 1;
        if (step < 1 || step > span) {
            return cronError(field, element,
                             QCoreApplication::translate(
                                 "domain", "the step '%1' must be a number from 1 to %2.")
                                 .arg(stepText.toString())
                                 .arg(span));
        }
        if (rangePart != u"*" && !rangePart.contains(u'-')) {
            return cronError(field, element,
                             QCoreApplication::translate(
                                 "domain", "a step applies to '*' or a range such as 'A-B'."));
        }
    }

    int low = field.min;
    int high = field.max;
    if (rangePart != u"*") {
        const auto dash = rangePart.indexOf(u'-');
        const QStringView lowText = dash >= 0 ? rangePart.left(dash) : rangePart;
        const QStringView highText = dash >= 0 ? rangePart.mid(dash + 1) : rangePart;
        const auto lowValue = parseNumber(field, lowText);
        const auto highValue = parseNumber(field, highText);
        for (const auto& [text, value] :
             {std::pair{lowText, lowValue}, std::pair{highText, highValue}}) {
            if (!value) {
                return cronError(field, element,
                                 QCoreApplication::translate("domain", "'%1' is not a number%2.")
                                     .arg(text.toString(),
                                          field.aliasCount
                                              ? QCoreApplication::translate("domain", " or a name")
                                              : QString()));
            }
            if (*value < field.min || *value > field.max) {
                return cronError(field, element,
                                 QCoreApplication::translate("domain", "%1 is out of range %2-%3.")
                                     .arg(*value)
                                     .arg(field.min)
                                     .arg(field.max));
            }
        }
        low = *lowValue;
        high = *highValue;
        if (low > high) {
            return cronError(
                field, element,
                QCoreApplication::translate("domain", "the range runs backwards from %1 to %2.")
                    .arg(low)
                    .arg(high));
        }
    }
    for (int v = low; v <= high; v += step)
        bits[v] = true;
    return {};
}

template <std::size_t N>
Status parseField(const FieldSpec& field, QStringView text, std::bitset<N>& out) {
    QList<bool> bits(field.max + 1, false);
    for (QStringView element : text.split(u',')) {
        if (element.isEmpty())
            return cronError(
                field, text,
                QCoreApplication::translate("domain", "the list has an empty element."));
        auto status = parseElement(field, element, bits);
        if (!status)
            return status;
    }
    for (int v = field.min; v <= field.max; ++v) {
        // Weekday 7 is Sunday; fold it onto 0 so the 7-bit set stays exact.
        const int bit = (N == 7 && v == 7) ? 0 : v;
        if (bits[v])
            out.set(bit);
    }
    return {};
}

} // namespace

CronSchedule::CronSchedule()
    : m_expression(QStringLiteral("* * * * *")) {
    m_minutes.set();
    m_hours.set();
    m_daysOfMonth.set();
    m_daysOfMonth.reset(0);
    m_months.set();
    m_months.reset(0);
    m_daysOfWeek.set();
}

Result<CronSchedule> CronSchedule::parse(QStringView expression) {
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    const QStringList fields =
        expression.trimmed().toString().split(whitespace, Qt::SkipEmptyParts);
    if (fields.size() != 5) {
        return makeError(errc::CronInvalid,
                         QCoreApplication::translate(
                             "domain", "Cron expression '%1' must have 5 fields (minute hour "
                                       "day-of-month month day-of-week); it has %2.")
                             .arg(expression.toString())
                             .arg(fields.size()));
    }
    CronSchedule s;
    s.m_minutes.reset();
    s.m_hours.reset();
    s.m_daysOfMonth.reset();
    s.m_months.reset();
    s.m_daysOfWeek.reset();
    Status status = parseField(kFields[0], fields[0], s.m_minutes);
    if (status)
        status = parseField(kFields[1], fields[1], s.m_hours);
    if (status)
        status = parseField(kFields[2], fields[2], s.m_daysOfMonth);
    if (status)
        status = parseField(kFields[3], fields[3], s.m_months);
    if (status)
        status = parseField(kFields[4], fields[4], s.m_daysOfWeek);
    if (!status)
        return status.error();
    s.m_dayOfMonthRestricted = !fields[2].startsWith(u'*');
    s.m_dayOfWeekRestricted = !fields[4].startsWith(u'*');
    s.m_expression = fields.join(u' ');
    return s;
}

bool CronSchedule::isContinuous() const {
    return m_expression == u"* * * * *";
}

bool CronSchedule::dayMatches(const QDate& date) const {
    const bool dom = m_daysOfMonth.test(date.day());
    const bool dow = m_daysOfWeek.test(date.dayOfWeek() % 7); // Qt: 1 = Monday ... 7 = Sunday
    if (m_dayOfMonthRestricted && m_dayOfWeekRestricted)
        return dom || dow;
    return dom && dow;
}

bool CronSchedule::matches(const QDateTime& utc) const {
    const QDateTime t = utc.toUTC();
    return m_minutes.test(t.time().minute()) && m_hours.test(t.time().hour()) &&
           m_months.test(t.date().month()) && dayMatches(t.date());
}

std::optional<QDateTime> CronSchedule::nextAfter(const QDateTime& utc) const {
    const QDateTime start = utc.toUTC();
    QDate date = start.date();
    // Truncate to the minute, then move past it: "strictly after".
    int hour = start.time().hour();
    int minute = start.time().minute() + 1;
    // 30 Feb never comes, and 29 Feb can be 8 years away (2096 -> 2104);
    // beyond that horizon the schedule cannot fire at all.
    const int lastYear = date.year() + 9;
    while (date.year() <= lastYear) {
        if (!m_months.test(date.month())) {
            date = QDate(date.year(), date.month(), 1).addMonths(1);
            hour = 0;
            minute = 0;
            continue;
        }
        if (!dayMatches(date)) {
            date = date.addDays(1);
            hour = 0;
            minute = 0;
            continue;
        }
        for (; hour < 24; ++hour, minute = 0) {
            if (!m_hours.test(hour))
                continue;
            for (; minute < 60; ++minute) {
                if (m_minutes.test(minute))
                    return QDateTime(date, QTime(hour, minute), Qt::UTC);
            }
        }
        date = date.addDays(1);
        hour = 0;
        minute = 0;
    }
    return std::nullopt;
}

} // namespace ferry
