#include "commandhelpers.h"
#include "tr.h"

#include "domain/jsoncodec.h"

#include <QDateTime>

namespace ferryctl {
namespace {

ferry::DomainError usage(const QString& message) {
    return ferry::DomainError{QStringLiteral("USAGE"), message, {}};
}

} // namespace

ferry::Result<QStringList> actionsFromOption(const ParsedArgs& args, const QString& option,
                                             const QString& prefix) {
    QStringList actions;
    for (const QStringList& occurrence : args.occurrences(option)) {
        if (occurrence.size() < 2) {
            return usage(Tr::tr("'--%1 %2' needs at least one action after the name, "
                                "e.g. --%1 %2 content/read")
                             .arg(option, occurrence.value(0)));
        }
        for (qsizetype i = 1; i < occurrence.size(); ++i)
            actions << QStringLiteral("%1/%2/%3").arg(prefix, occurrence.first(), occurrence.at(i));
    }
    return actions;
}

ferry::Result<QStringList> actionsFromOptions(const ParsedArgs& args,
                                              const QString& repositoryOption,
                                              const QString& gatewayOption) {
    auto repositories = actionsFromOption(args, repositoryOption, QStringLiteral("repositories"));
    if (!repositories)
        return repositories;
    auto gateways = actionsFromOption(args, gatewayOption, QStringLiteral("gateway"));
    if (!gateways)
        return gateways;
    return repositories.value() + gateways.value();
}

ferry::Result<QString> expiryFromOptions(const ParsedArgs& args) {
    const bool absolute = args.has(QStringLiteral("expiration"));
    const bool relative = args.has(QStringLiteral("expiration-in-days"));
    if (absolute && relative)
        return usage(Tr::tr("give --expiration or --expiration-in-days, not both"));
    if (absolute) {
        const QString text = args.value(QStringLiteral("expiration"));
        auto parsed = ferry::parseRfc3339(text);
        if (!parsed)
            return usage(QStringLiteral("--expiration: ") + parsed.error().message);
        return ferry::formatRfc3339(parsed.value());
    }
    if (relative) {
        bool ok = false;
        const int days = args.value(QStringLiteral("expiration-in-days")).toInt(&ok);
        if (!ok || days < 1)
            return usage(Tr::tr("--expiration-in-days needs a whole number of days, 1 or more"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // Whole seconds: the server stores RFC 3339 and sub-seconds add nothing.
        return ferry::formatRfc3339(
            QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC).addDays(days));
    }
    return QString();
}

QJsonArray itemsOf(const QJsonObject& listResponse) {
    return listResponse.value(QLatin1StringView("items")).toArray();
}

OptionSpec nameOption(const QString& help) {
    return {QStringLiteral("name"), u'n', OptionSpec::Arity::One, Tr::tr("NAME"), help};
}

OptionSpec yesOption() {
    return {QStringLiteral("yes"),
            u'y',
            OptionSpec::Arity::Flag,
            {},
            Tr::tr("Do not ask for confirmation.")};
}

} // namespace ferryctl
