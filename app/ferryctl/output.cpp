#include "output.h"
#include "tr.h"

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
        return Tr::tr("never expires");
    return Tr::tr("expires %1").arg(displayTime(expiry));
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

qsizetype displayWidth(const QString& text) {
    qsizetype width = 0;
    for (const char32_t c : text.toUcs4()) {
        const bool wide = (c >= 0x1100 && c <= 0x115F) ||
                          (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
                          (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                          (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                          (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

QString padded(const QString& text, qsizetype width) {
    return text + QString(qMax<qsizetype>(0, width - displayWidth(text)), u' ');
}

void Output::printTable(const QStringList& headers, const QList<QStringList>& rows) {
    QList<qsizetype> widths;
    for (const QString& header : headers)
        widths << displayWidth(header);
    for (const QStringList& row : rows) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = qMax(widths[c], displayWidth(row.at(c)));
    }
    auto printRow = [&](const QStringList& cells) {
        QString text;
        for (qsizetype c = 0; c < headers.size(); ++c) {
            const QString cell = c < cells.size() ? cells.at(c) : QString();
            // The last column is not padded, so lines carry no trailing blanks.
            text += c + 1 < headers.size() ? padded(cell, widths[c] + 2) : cell;
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
    m_err << Tr::tr("error: %1: %2").arg(error.code, error.message);
    if (!error.field.isEmpty())
        m_err << Tr::tr(" (field: %1)").arg(error.field);
    m_err << '\n';
    m_err.flush();
}

void Output::error(const QString& message) {
    m_err << Tr::tr("error: %1").arg(message) << '\n';
    m_err.flush();
}

void Output::usageError(const QString& message, const QString& commandPath) {
    const QString command = commandPath.isEmpty()
                                ? QStringLiteral("ferryctl --help")
                                : QStringLiteral("ferryctl %1 --help").arg(commandPath);
    m_err << Tr::tr("error: %1").arg(message) << '\n'
          << Tr::tr("hint: run '%1' for the usage.").arg(command) << '\n';
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
    printTable({Tr::tr("NAME"), Tr::tr("MODE"), Tr::tr("CONNECTION STATE"), Tr::tr("PARENT"),
                Tr::tr("LOGIN SERVER"), Tr::tr("LAST SYNC (UTC)")},
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
    printTable({Tr::tr("NAME"), Tr::tr("SCOPE MAP"), Tr::tr("STATUS"), QStringLiteral("PASSWORD1"),
                QStringLiteral("PASSWORD2"), Tr::tr("CREATED (UTC)")},
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
    printTable({Tr::tr("NAME"), Tr::tr("TYPE"), Tr::tr("ACTIONS"), Tr::tr("CREATED (UTC)"),
                Tr::tr("DESCRIPTION")},
               rows);
}

void Output::printGeneratedCredentials(const QJsonObject& response) {
    line(Tr::tr("Save these passwords now: they are shown only this once and can't be "
                "read back."));
    line(Tr::tr("  username:  ") + response.value(QLatin1StringView("username")).toString());
    for (const QJsonValue& value : response.value(QLatin1StringView("passwords")).toArray()) {
        const QJsonObject p = value.toObject();
        const QJsonValue expiry = p.value(QLatin1StringView("expiry"));
        const QString until = expiry.toString().isEmpty()
                                  ? Tr::tr("never expires")
                                  : Tr::tr("expires %1 UTC").arg(displayTime(expiry));
        line(QStringLiteral("  %1: %2  (%3)")
                 .arg(p.value(QLatin1StringView("name")).toString(),
                      p.value(QLatin1StringView("value")).toString(), until));
    }
}

} // namespace ferryctl
