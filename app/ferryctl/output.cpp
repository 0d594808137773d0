#include "output.h"

#include "domain/jsoncodec.h"
#include "managementclient.h"

#include <QJsonDocument>
#include <cstdio>

namespace ferryctl {
namespace {

QString textOr(const QJsonValue& value, const QString& fallback = QStringLiteral("-")) {
    const QString text = value.toString();
    return text.isEmpty() ? fallback : text;
}

// A password slot's state as a person wants to read it in a table.
QString slotSummary(const QJsonValue& slot) {
    if (!slot.isObject())
        return QStringLiteral("-");
    const QJsonValue expiry = slot.toObject().value(QLatin1StringView("expiry"));
    if (expiry.isNull() || expiry.toString().isEmpty())
        return QStringLiteral("never expires");
    return QStringLiteral("expires ") + displayTime(expiry);
}

} // namespace

QString displayTime(const QJsonValue& value) {
    const QString text = value.toString();
    if (text.isEmpty())
        return QStringLiteral("-");
    const auto parsed = ferry::parseRfc3339(text);
    if (!parsed)
        return text;
    return parsed.value().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

Output::Output()
    : m_out(stdout)
    , m_err(stderr) {}

void Output::printJson(const QJsonObject& object) {
    m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    m_out.flush();
}

void Output::printJson(const QJsonArray& array) {
    m_out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    m_out.flush();
}

void Output::printJsonLine(const QJsonObject& object) {
    m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    m_out.flush();
}

void Output::printTable(const QStringList& headers, const QList<QStringList>& rows) {
    QList<qsizetype> widths;
    for (const QString& header : headers)
        widths << header.size();
    for (const QStringList& row : rows) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = qMax(widths[c], row.at(c).size());
    }
    auto printRow = [&](const QStringList& cells) {
        QString text;
        for (qsizetype c = 0; c < headers.size(); ++c) {
            const QString cell = c < cells.size() ? cells.at(c) : QString();
            // The last column is not padded, so lines carry no trailing blanks.
            text += c + 1 < headers.size() ? cell.leftJustified(widths[c] + 2) : cell;
        }
        m_out << text << '\n';
    };
    printRow(headers);
    QStringList rule;
    for (qsizetype width : widths)
        rule << QString(width, u'-');
    printRow(rule);
    for (const QStringList& row : rows)
        printRow(row);
    m_out.flush();
}

void Output::line(const QString& text) {
    m_out << text << '\n';
    m_out.flush();
}

void Output::error(const ferry::ApiError& error) {
    m_err << "error: " << error.code << ": " << error.message;
    if (!error.field.isEmpty())
        m_err << " (field: " << error.field << ')';
    m_err << '\n';
    m_err.flush();
}

void Output::error(const QString& message) {
    m_err << "error: " << message << '\n';
    m_err.flush();
}

void Output::usageError(const QString& message, const QString& commandPath) {
    m_err << "error: " << message << '\n'
          << "hint: run 'ferryctl " << (commandPath.isEmpty() ? QString() : commandPath + u' ')
          << "--help' for the usage.\n";
    m_err.flush();
}

void Output::printConnectedRegistries(const QJsonArray& registries) {
    QList<QStringList> rows;
    for (const QJsonValue& value : registries) {
        const QJsonObject r = value.toObject();
        rows << QStringList{r.value(QLatin1StringView("name")).toString(),
                            r.value(QLatin1StringView("mode")).toString(),
                            textOr(r.value(QLatin1StringView("connectionState"))),
                            textOr(r.value(QLatin1StringView("parent"))),
                            textOr(r.value(QLatin1StringView("loginServer"))
                                       .toObject()
                                       .value(QLatin1StringView("host"))),
                            displayTime(r.value(QLatin1StringView("lastSyncTime")))};
    }
    printTable({QStringLiteral("NAME"), QStringLiteral("MODE"), QStringLiteral("CONNECTION STATE"),
                QStringLiteral("PARENT"), QStringLiteral("LOGIN SERVER"),
                QStringLiteral("LAST SYNC (UTC)")},
               rows);
}

void Output::printTokens(const QJsonArray& tokens) {
    QList<QStringList> rows;
    for (const QJsonValue& value : tokens) {
        const QJsonObject t = value.toObject();
        const QJsonObject credentials = t.value(QLatin1StringView("credentials")).toObject();
        rows << QStringList{t.value(QLatin1StringView("name")).toString(),
                            textOr(t.value(QLatin1StringView("scopeMap"))),
                            textOr(t.value(QLatin1StringView("status"))),
                            slotSummary(credentials.value(QLatin1StringView("password1"))),
                            slotSummary(credentials.value(QLatin1StringView("password2"))),
                            displayTime(t.value(QLatin1StringView("creationTime")))};
    }
    printTable({QStringLiteral("NAME"), QStringLiteral("SCOPE MAP"), QStringLiteral("STATUS"),
                QStringLiteral("PASSWORD1"), QStringLiteral("PASSWORD2"),
                QStringLiteral("CREATED (UTC)")},
               rows);
}

void Output::printScopeMaps(const QJsonArray& scopeMaps) {
    QList<QStringList> rows;
    for (const QJsonValue& value : scopeMaps) {
        const QJsonObject m = value.toObject();
        rows << QStringList{m.value(QLatin1StringView("name")).toString(),
                            textOr(m.value(QLatin1StringView("type"))),
                            QString::number(m.value(QLatin1StringView("actions")).toArray().size()),
                            displayTime(m.value(QLatin1StringView("creationTime"))),
                            m.value(QLatin1StringView("description")).toString()};
    }
    printTable({QStringLiteral("NAME"), QStringLiteral("TYPE"), QStringLiteral("ACTIONS"),
                QStringLiteral("CREATED (UTC)"), QStringLiteral("DESCRIPTION")},
               rows);
}

void Output::printGeneratedCredentials(const QJsonObject& response) {
    line(QStringLiteral("Save these passwords now: they are shown only this once and can't be "
                        "read back."));
    line(QStringLiteral("  username:  ") +
         response.value(QLatin1StringView("username")).toString());
    for (const QJsonValue& value : response.value(QLatin1StringView("passwords")).toArray()) {
        const QJsonObject p = value.toObject();
        const QJsonValue expiry = p.value(QLatin1StringView("expiry"));
        const QString until = expiry.toString().isEmpty()
                                  ? QStringLiteral("never expires")
                                  : QStringLiteral("expires %1 UTC").arg(displayTime(expiry));
        line(QStringLiteral("  %1: %2  (%3)")
                 .arg(p.value(QLatin1StringView("name")).toString(),
                      p.value(QLatin1StringView("value")).toString(), until));
    }
}

} // namespace ferryctl
