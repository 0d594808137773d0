#include "registryform.h"

#include "domain/names.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace ferry::ui::registryform {

QStringList stringsOf(const QJsonValue& value) {
    QStringList out;
    for (const QJsonValue& item : value.toArray())
        out << item.toString();
    return out;
}

QStringList listFromText(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString repositoriesProblem(const QStringList& repositories) {
    for (const QString& repository : repositories) {
        QString plain = repository;
        if (plain == QLatin1String("*"))
            continue;
        if (plain.endsWith(QLatin1StringView("/*")))
            plain.chop(2);
        if (const Status status = names::validateRepositoryName(plain); !status)
            return status.error().message;
    }
    return {};
}

} // namespace ferry::ui::registryform
