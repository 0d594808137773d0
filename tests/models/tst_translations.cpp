// Ferry's Japanese translation is complete for the sources as they are now:
// lupdate runs over the translated sources into a copy of ferry_ja.ts, and
// every message must then have a finished, non-empty translation that uses
// the same %N placeholders, with nothing unfinished or vanished. A new or
// changed tr() string without its translation fails here.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QString translation;
    QString type; // "", "unfinished", "vanished", "obsolete"
};

QList<Message> readTs(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            current = Message{context, {}, {}, {}};
        else if (xml.name() == QLatin1String("source"))
            current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            // Plural forms nest <numerusform>; the text of all of them counts.
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("%L?\\d+|%n"));
    QSet<QString> found;
    for (const auto& match : pattern.globalMatch(text))
        found.insert(match.captured().remove(u'L'));
    return found;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void japaneseCoversEverySourceString();
    void detectsAnUntranslatedString();

private:
    QList<Message> updatedCopy(const QByteArray& extraSource, QString* error);
};

QList<Message> TestTranslations::updatedCopy(const QByteArray& extraSource, QString* error) {
    QTemporaryDir work;
    const QString copy = work.filePath(QStringLiteral("ferry_ja.ts"));
    if (!QFile::copy(QStringLiteral(FERRY_TS_FILE), copy)) {
        *error = QStringLiteral("cannot copy ") + QStringLiteral(FERRY_TS_FILE);
        return {};
    }
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QStringList args{QStringLiteral("-locations"), QStringLiteral("none"),
                     QStringLiteral("@") + QStringLiteral(FERRY_TRANSLATED_SOURCES_LIST)};
    if (!extraSource.isEmpty()) {
        const QString extra = work.filePath(QStringLiteral("extra.cpp"));
        QFile file(extra);
        if (!file.open(QIODevice::WriteOnly) || file.write(extraSource) != extraSource.size()) {
            *error = QStringLiteral("cannot write ") + extra;
            return {};
        }
        file.close();
        args << extra;
    }
    args << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.start(QStringLiteral(LUPDATE_PATH), args);
    if (!lupdate.waitForFinished(120000) || lupdate.exitStatus() != QProcess::NormalExit ||
        lupdate.exitCode() != 0) {
        *error =
            QStringLiteral("lupdate failed: ") + QString::fromUtf8(lupdate.readAllStandardError());
        return {};
    }
    return readTs(copy, error);
}

void TestTranslations::japaneseCoversEverySourceString() {
    QString error;
    const QList<Message> messages = updatedCopy({}, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100); // ferryctl alone has well over a hundred
    QStringList problems;
    for (const Message& m : messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + u'"';
        if (!m.type.isEmpty())
            problems << where + QStringLiteral(" is ") + m.type;
        else if (m.translation.trimmed().isEmpty())
            problems << where + QStringLiteral(" has an empty translation");
        else if (placeholders(m.source) != placeholders(m.translation))
            problems << where + QStringLiteral(" and its translation use different placeholders");
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::detectsAnUntranslatedString() {
    // The check above must be able to fail: a string only this test adds is
    // reported unfinished.
    QString error;
    const QList<Message> messages =
        updatedCopy("#include <QCoreApplication>\n"
                    "struct Probe { Q_DECLARE_TR_FUNCTIONS(ferryctl) };\n"
                    "QString probe() { return Probe::tr(\"a string nobody translated\"); }\n",
                    &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    bool found = false;
    for (const Message& m : messages)
        if (m.source == QLatin1String("a string nobody translated"))
            found = m.type == QLatin1String("unfinished");
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
