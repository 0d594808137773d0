#include "domain/duration.h"
#include "text.h" // relative: lupdate resolves it without include paths

#include <algorithm>

namespace ferry {
namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kWeek = 7 * kDay;
// Keeps every sum far from overflow; no setting needs more than a century.
constexpr qint64 kMaxMilliseconds = 100 * 366 * kDay;

DomainError durationError(QStringView text, const QString& why) {
    return makeError(
        errc::DurationInvalid,
        QCoreApplication::translate("domain", "Duration '%1' is not a valid ISO 8601 duration: %2")
            .arg(text.toString(), why));
}

Result<IsoDuration> checkRange(QStringView text, const IsoDuration& value, const IsoDuration& min,
                               const IsoDuration& max, const QString& what) {
    if (value < min || value > max) {
        return makeError(errc::DurationOutOfRange,
                         QCoreApplication::translate("domain", "%1 '%2' must be between %3 and %4.")
                             .arg(what, text.toString(), min.toString(), max.toString()));
    }
    return value;
}

} // namespace

Result<IsoDuration> IsoDuration::parse(QStringView text) {
    const QString s = text.trimmed().toString().toUpper();
    if (s.isEmpty())
        return durationError(text, QCoreApplication::translate("domain", "it is empty."));
    if (s.startsWith(u'-'))
        return durationError(
            text, QCoreApplication::translate("domain", "negative durations are not allowed."));
    if (!s.startsWith(u'P'))
        return durationError(
            text, QCoreApplication::translate("domain",
                                              "it must start with 'P' (for example P2D or PT1H)."));

    // Designators in the order they may appear; the T separates date from time.
    static constexpr char kDateOrder[] = {'Y', 'M', 'W', 'D'};
    static constexpr char kTimeOrder[] = {'H', 'M', 'S'};
    bool inTime = false;
    bool sawTimeComponent = false;
    bool sawAnyComponent = false;
    int nextDate = 0;
    int nextTime = 0;
    qint64 total = 0;

    int i = 1;
    while (i < s.size()) {
        if (s[i] == u'T') {
            if (inTime)
                return durationError(text,
                                     QCoreApplication::translate("domain", "'T' appears twice."));
            inTime = true;
            ++i;
            continue;
        }
        const int numberStart = i;
        qint64 whole = 0;
        while (i < s.size() && s[i].isDigit() && s[i].unicode() < 128) {
            whole = whole * 10 + (s[i].unicode() - u'0');
            if (whole > kMaxMilliseconds)
                return durationError(
                    text, QCoreApplication::translate("domain", "a component is too large."));
            ++i;
        }
        if (i == numberStart)
            return durationError(
                text, QCoreApplication::translate("domain", "expected a number at position %1.")
                          .arg(i + 1));
        qint64 fractionMs = 0;
        bool hasFraction = false;
        if (i < s.size() && (s[i] == u'.' || s[i] == u',')) {
            hasFraction = true;
            ++i;
            const int fractionStart = i;
            while (i < s.size() && s[i].isDigit() && s[i].unicode() < 128)
                ++i;
            const int digits = i - fractionStart;
            if (digits == 0 || digits > 3) {
                return durationError(
                    text, QCoreApplication::translate("domain", "a fraction needs 1 to 3 digits "
                                                                "(millisecond precision)."));
            }
            fractionMs = s.mid(fractionStart, digits).toLongLong();
            for (int d = digits; d < 3; ++d)
                fractionMs *= 10;
        }
        if (i >= s.size())
            return durationError(
                text, QCoreApplication::translate("domain", "the number %1 has no designator.")
                          .arg(whole));
        const char designator = char(s[i].toLatin1());
        ++i;

        qint64 unit = 0;
        if (!inTime) {
            if (designator == 'H' || designator == 'S') {
                return durationError(text, QCoreApplication::translate(
                                               "domain", "'%1' is a time component and needs 'T' "
                                                         "before it (for example PT1H).")
                                               .arg(QChar::fromLatin1(designator)));
            }
            int pos = nextDate;
            while (pos < 4 && kDateOrder[pos] != designator)
                ++pos;
            if (pos == 4) {
                return durationError(text,
                                     QCoreApplication::translate(
                                         "domain", "'%1' is out of order, repeated or not a date "
                                                   "designator (W, D).")
                                         .arg(QChar::fromLatin1(designator)));
            }
            if (designator == 'Y' || designator == 'M') {
                return durationError(
                    text, QCoreApplication::translate("domain",
                                                      "years and months are not accepted because "
                                                      "their length varies; use days (P30D) or "
                                                      "weeks (P4W)."));
            }
            nextDate = pos + 1;
            unit = designator == 'W' ? kWeek : kDay;
        } else {
            int pos = nextTime;
            while (pos < 3 && kTimeOrder[pos] != designator)
                ++pos;
            if (pos == 3) {
                return durationError(text, QCoreApplication::translate(
                                               "domain", "'%1' is out of order or not a time "
                                                         "designator (H, M, S).")
                                               .arg(QChar::fromLatin1(designator)));
            }
            nextTime = pos + 1;
            sawTimeComponent = true;
            unit = designator == 'H' ? kHour : designator == 'M' ? kMinute : kSecond;
        }
        if (hasFraction && !(inTime && designator == 'S'))
            return durationError(
                text, QCoreApplication::translate("domain", "only seconds may have a fraction."));
        // Checked before multiplying: a component below the digit limit times
        // a week's milliseconds overflows qint64 (found by fuzz_grammars).
        if (whole > (kMaxMilliseconds - total - fractionMs) / unit)
            return durationError(
                text, QCoreApplication::translate("domain", "it is longer than 100 years."));
        total += whole * unit + fractionMs;
        sawAnyComponent = true;
    }
    if (inTime && !sawTimeComponent)
        return durationError(text,
                             QCoreApplication::translate(
                                 "domain", "'T' must be followed by at least one of H, M or S."));
    if (!sawAnyComponent)
        return durationError(text, QCoreApplication::translate("domain", "it has no components."));
    return IsoDuration(total);
}

IsoDuration IsoDuration::fromMilliseconds(qint64 milliseconds) {
    return IsoDuration(std::max<qint64>(0, milliseconds));
}

QString IsoDuration::toString() const {
    if (m_milliseconds == 0)
        return QStringLiteral("PT0S");
    qint64 rest = m_milliseconds;
    const qint64 days = rest / kDay;
    rest %= kDay;
    const qint64 hours = rest / kHour;
    rest %= kHour;
    const qint64 minutes = rest / kMinute;
    rest %= kMinute;
    const qint64 seconds = rest / kSecond;
    const qint64 millis = rest % kSecond;

    QString out = QStringLiteral("P");
    if (days)
        out += QString::number(days) + u'D';
    if (hours || minutes || seconds || millis) {
        out += u'T';
        if (hours)
            out += QString::number(hours) + u'H';
        if (minutes)
            out += QString::number(minutes) + u'M';
        if (seconds || millis) {
            out += QString::number(seconds);
            if (millis) {
                QString fraction = QStringLiteral("%1").arg(millis, 3, 10, QChar(u'0'));
                while (fraction.endsWith(u'0'))
                    fraction.chop(1);
                out += u'.' + fraction;
            }
            out += u'S';
        }
    }
    return out;
}

IsoDuration minSyncWindow() {
    return IsoDuration::fromMilliseconds(kHour);
}
IsoDuration maxSyncWindow() {
    return IsoDuration::fromMilliseconds(7 * kDay);
}
IsoDuration minMessageTtl() {
    return IsoDuration::fromMilliseconds(kDay);
}
IsoDuration maxMessageTtl() {
    return IsoDuration::fromMilliseconds(90 * kDay);
}
IsoDuration defaultMessageTtl() {
    return IsoDuration::fromMilliseconds(2 * kDay);
}

Result<IsoDuration> parseSyncWindow(QStringView text) {
    auto parsed = IsoDuration::parse(text);
    if (!parsed)
        return parsed;
    return checkRange(text, parsed.value(), minSyncWindow(), maxSyncWindow(),
                      QCoreApplication::translate("domain", "The sync window"));
}

Result<IsoDuration> parseMessageTtl(QStringView text) {
    if (text.trimmed().isEmpty())
        return defaultMessageTtl();
    auto parsed = IsoDuration::parse(text);
    if (!parsed)
        return parsed;
    return checkRange(text, parsed.value(), minMessageTtl(), maxMessageTtl(),
                      QCoreApplication::translate("domain", "The message TTL"));
}

} // namespace ferry
