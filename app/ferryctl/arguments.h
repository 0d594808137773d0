#pragma once
// ferryctl's own argument grammar. QCommandLineParser can't express the
// reference CLI's multi-value options (`--repository REPO ACTION...`,
// `--client-tokens a b c`), so this parser knows three arities: a flag, one
// value, or every following word up to the next option.

#include "domain/result.h"

#include <QChar>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace ferryctl {

struct OptionSpec {
    enum class Arity { Flag, One, Many };
    QString longName; // without the dashes: "name"
    QChar shortName;  // '\0' for none
    Arity arity = Arity::One;
    QString valueName; // for help: "NAME", "REPO ACTION..."
    QString help;
};

class ParsedArgs {
public:
    bool has(const QString& name) const { return m_occurrences.contains(name); }
    // The last value given for a One option; empty when absent.
    QString value(const QString& name) const;
    // Every value of every occurrence, in order (--client-tokens a b --client-tokens c).
    QStringList values(const QString& name) const;
    // One entry per occurrence (--repository app content/read --repository web ...).
    QList<QStringList> occurrences(const QString& name) const { return m_occurrences.value(name); }

private:
    friend ferry::Result<ParsedArgs> parseArguments(const QStringList&, const QList<OptionSpec>&);
    QHash<QString, QList<QStringList>> m_occurrences;
};

// Accepts --long VALUE, --long=VALUE, -s VALUE and combined short flags are
// not supported (a typo should fail, not silently mean two things). Unknown
// options and stray words are errors; the message is meant for a person.
ferry::Result<ParsedArgs> parseArguments(const QStringList& args, const QList<OptionSpec>& specs);

// Two-column option help for `--help`.
QString formatOptionHelp(const QList<OptionSpec>& specs);

} // namespace ferryctl
