#pragma once
// Everything ferryctl prints. `-o json` prints the API's objects unchanged
// (field names as the server spells them); `-o table` prints aligned columns
// for people. Results go to stdout, diagnostics to stderr, so a script can
// pipe the JSON while a person still sees what went wrong.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace ferry {
struct ApiError;
}

namespace ferryctl {

enum class OutputFormat { Table, Json };

class Output {
public:
    Output();

    void setFormat(OutputFormat format) { m_format = format; }
    OutputFormat format() const { return m_format; }
    bool json() const { return m_format == OutputFormat::Json; }

    void printJson(const QJsonObject& object);
    void printJson(const QJsonArray& array);
    // One compact object on one line, for a stream a script reads line by line.
    void printJsonLine(const QJsonObject& object);
    void printTable(const QStringList& headers, const QList<QStringList>& rows);
    // Free text on stdout in table mode (confirmations, settings blocks).
    void line(const QString& text = {});

    // "error: CODE: message (field: x)" on stderr.
    void error(const ferry::ApiError& error);
    void error(const QString& message);
    // Usage errors come with a hint pointing at --help.
    void usageError(const QString& message, const QString& commandPath);
    QTextStream& err() { return m_err; }

    // Per-resource tables, shared by list and show.
    void printConnectedRegistries(const QJsonArray& registries);
    void printTokens(const QJsonArray& tokens);
    void printScopeMaps(const QJsonArray& scopeMaps);
    // The one-time password block of generate-credentials. The only place a
    // password is ever printed in table mode.
    void printGeneratedCredentials(const QJsonObject& response);

private:
    OutputFormat m_format = OutputFormat::Table;
    QTextStream m_out;
    QTextStream m_err;
};

// Columns a terminal gives text: 2 for East Asian wide characters (Japanese
// headers and messages), 1 for the rest, so translated tables stay aligned.
qsizetype displayWidth(const QString& text);
// text followed by blanks up to width columns.
QString padded(const QString& text, qsizetype width);

// "2024-05-01 12:00:00" from an RFC 3339 string, "-" for null or empty.
QString displayTime(const QJsonValue& value);

} // namespace ferryctl
