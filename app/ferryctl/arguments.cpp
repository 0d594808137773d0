#include "arguments.h"
#include "tr.h"

namespace ferryctl {
namespace {

ferry::DomainError usage(const QString& message) {
    return ferry::DomainError{QStringLiteral("USAGE"), message, {}};
}

bool looksLikeOption(const QString& word) {
    // A lone "-" is a value (by convention stdin), and so is a negative number.
    return word.size() > 1 && word.startsWith(u'-') && !word.at(1).isDigit();
}

const OptionSpec* findLong(const QList<OptionSpec>& specs, QStringView name) {
    for (const OptionSpec& spec : specs) {
        if (spec.longName == name)
            return &spec;
    }
    return nullptr;
}

const OptionSpec* findShort(const QList<OptionSpec>& specs, QChar name) {
    for (const OptionSpec& spec : specs) {
        if (!spec.shortName.isNull() && spec.shortName == name)
            return &spec;
    }
    return nullptr;
}

} // namespace

QString ParsedArgs::value(const QString& name) const {
    const QList<QStringList> all = m_occurrences.value(name);
    if (all.isEmpty() || all.last().isEmpty())
        return {};
    return all.last().last();
}

QStringList ParsedArgs::values(const QString& name) const {
    QStringList out;
    for (const QStringList& occurrence : m_occurrences.value(name))
        out += occurrence;
    return out;
}

ferry::Result<ParsedArgs> parseArguments(const QStringList& args, const QList<OptionSpec>& specs) {
    ParsedArgs parsed;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& word = args.at(i);
        if (!looksLikeOption(word))
            return usage(Tr::tr("unexpected argument '%1'").arg(word));

        const OptionSpec* spec = nullptr;
        QString inlineValue;
        bool hasInline = false;
        if (word.startsWith(QLatin1StringView("--"))) {
            QStringView name = QStringView(word).mid(2);
            if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
                inlineValue = name.mid(eq + 1).toString();
                hasInline = true;
                name = name.left(eq);
            }
            spec = findLong(specs, name);
        } else if (word.size() == 2) {
            spec = findShort(specs, word.at(1));
        }
        if (!spec)
            return usage(Tr::tr("unrecognized option '%1'").arg(word));

        QStringList collected;
        switch (spec->arity) {
        case OptionSpec::Arity::Flag:
            if (hasInline)
                return usage(Tr::tr("option '--%1' takes no value").arg(spec->longName));
            break;
        case OptionSpec::Arity::One:
            if (hasInline) {
                collected << inlineValue;
            } else if (i + 1 < args.size() && !looksLikeOption(args.at(i + 1))) {
                collected << args.at(++i);
            } else {
                return usage(Tr::tr("option '--%1' needs a value (%2)")
                                 .arg(spec->longName, spec->valueName));
            }
            break;
        case OptionSpec::Arity::Many:
            if (hasInline)
                collected << inlineValue;
            while (i + 1 < args.size() && !looksLikeOption(args.at(i + 1)))
                collected << args.at(++i);
            if (collected.isEmpty()) {
                return usage(Tr::tr("option '--%1' needs at least one value (%2)")
                                 .arg(spec->longName, spec->valueName));
            }
            break;
        }
        parsed.m_occurrences[spec->longName].append(collected);
    }
    return parsed;
}

QString formatOptionHelp(const QList<OptionSpec>& specs) {
    QList<QPair<QString, QString>> rows;
    qsizetype width = 0;
    for (const OptionSpec& spec : specs) {
        QString left = QStringLiteral("--") + spec.longName;
        if (!spec.shortName.isNull())
            left += QStringLiteral(" -") + spec.shortName;
        if (spec.arity != OptionSpec::Arity::Flag)
            left += u' ' + spec.valueName;
        width = qMax(width, left.size());
        rows.append({left, spec.help});
    }
    QString out;
    for (const auto& [left, help] : rows)
        out += QStringLiteral("  ") + left.leftJustified(width + 2) + help + u'\n';
    return out;
}

} // namespace ferryctl
