#pragma once
// Which language the programs speak, and loading it. English is the source
// language; a translation is translations/ferry_<lang>.ts, compiled into the
// executable as :/i18n/ferry_<lang>.qm. The console and ferryctl share it.

#include <QString>
#include <QStringList>

class QCoreApplication;
class QSettings;

namespace ferry {

// The language to use, first that is set: an explicit choice (--lang), the
// FERRY_LANG environment variable, the "language" setting (the console's
// View > Language writes it), and else the system locale (LANGUAGE, LC_ALL,
// LC_MESSAGES, LANG). "system" or empty in any of them means "ask the next".
QString chooseLanguage(const QString& explicitChoice, const QSettings* settings);

// The value of --lang LANG or --lang=LANG in a program's arguments (the last
// one given), or empty. Read before any option parser runs, since the
// parser's own help is translated text.
QString languageArgument(const QStringList& arguments);

// Installs Ferry's and Qt's own translators for language (a BCP 47 name
// such as "ja" or "ja_JP"), and makes it QLocale's default. Returns false when Ferry has no
// translation for it, which leaves the program in English; that is not an error.
bool installTranslations(QCoreApplication* app, const QString& language);

} // namespace ferry
