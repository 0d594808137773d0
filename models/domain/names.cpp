#include "domain/names.h"
#include "text.h" // relative: lupdate resolves it without include paths

#include <QRegularExpression>

namespace ferry::names {
namespace {

bool isAsciiLetter(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
bool isAsciiDigit(QChar c) {
    return c >= u'0' && c <= u'9';
}

// The character-class checks are hand-written because QChar::isLetter() would
// accept non-ASCII letters that the reference product rejects.
template <class Allowed>
Status checkName(QStringView name, const QString& what, int min, int max, Allowed allowed,
                 const QString& allowedDescription) {
    if (name.size() < min || name.size() > max) {
        return makeError(errc::NameInvalid,
                         QCoreApplication::translate(
                             "domain", "%1 name '%2' must be %3 to %4 characters long; it has %5.")
                             .arg(what, name.toString())
                             .arg(min)
                             .arg(max)
                             .arg(name.size()));
    }
    for (QChar c : name) {
        if (!allowed(c)) {
            return makeError(errc::NameInvalid,
                             QCoreApplication::translate(
                                 "domain", "%1 name '%2' contains '%3'; only %4 are allowed.")
                                 .arg(what, name.toString(), QString(c), allowedDescription));
        }
    }
    return {};
}

const QRegularExpression& repositoryPattern() {
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral(
        R"([a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*)")));
    return re;
}

const QRegularExpression& tagPattern() {
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        QStringLiteral(R"([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127})")));
    return re;
}

const QRegularExpression& digestPattern() {
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        QStringLiteral(R"(([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-zA-Z0-9=_-]+))")));
    return re;
}

const QRegularExpression& lowerHexPattern() {
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-f0-9]+")));
    return re;
}

} // namespace

Status validateConnectedRegistryName(QStringView name) {
    const QString what = QCoreApplication::translate("domain", "Connected registry");
    auto status = checkName(
        name, what, kConnectedRegistryNameMin, kConnectedRegistryNameMax,
        [](QChar c) { return isAsciiLetter(c) || isAsciiDigit(c); },
        QCoreApplication::translate("domain", "letters and digits"));
    if (!status)
        return status;
    if (!isAsciiLetter(name.front())) {
        return makeError(errc::NameInvalid,
                         QCoreApplication::translate(
                             "domain", "Connected registry name '%1' must start with a letter.")
                             .arg(name.toString()));
    }
    return {};
}

Status validateTokenName(QStringView name) {
    return checkName(
        name, QCoreApplication::translate("domain", "Token"), kTokenNameMin, kTokenNameMax,
        [](QChar c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == u'-'; },
        QCoreApplication::translate("domain", "letters, digits and '-'"));
}

Status validateScopeMapName(QStringView name) {
    return checkName(
        name, QCoreApplication::translate("domain", "Scope map"), kScopeMapNameMin,
        kScopeMapNameMax,
        [](QChar c) { return isAsciiLetter(c) || isAsciiDigit(c) || c == u'-' || c == u'_'; },
        QCoreApplication::translate("domain", "letters, digits, '-' and '_'"));
}

Status validateUserScopeMapName(QStringView name) {
    auto status = validateScopeMapName(name);
    if (!status)
        return status;
    const QString lower = canonicalName(name);
    for (const char* reserved :
         {"_repositories_admin", "_repositories_pull", "_repositories_push"}) {
        if (lower == QLatin1StringView(reserved)) {
            return makeError(
                errc::RuleViolation,
                QCoreApplication::translate(
                    "domain", "Scope map name '%1' is reserved for a system-defined map.")
                    .arg(name.toString()));
        }
    }
    return {};
}

Status validateScopeMapDescription(QStringView description) {
    if (description.size() > kScopeMapDescriptionMax) {
        return makeError(errc::DescriptionInvalid,
                         QCoreApplication::translate(
                             "domain", "A scope map description may have at most %1 characters; "
                                       "this one has %2.")
                             .arg(kScopeMapDescriptionMax)
                             .arg(description.size()));
    }
    return {};
}

Status validateRepositoryName(QStringView name) {
    if (name.isEmpty())
        return makeError(
            errc::RepositoryInvalid,
            QCoreApplication::translate("domain", "A repository name can't be empty."));
    if (name.size() > kRepositoryNameMax) {
        return makeError(errc::RepositoryInvalid,
                         QCoreApplication::translate(
                             "domain", "Repository name '%1' has %2 characters; the maximum is %3.")
                             .arg(name.toString())
                             .arg(name.size())
                             .arg(kRepositoryNameMax));
    }
    if (!repositoryPattern().match(name).hasMatch()) {
        return makeError(errc::RepositoryInvalid,
                         QCoreApplication::translate(
                             "domain",
                             "Repository name '%1' is invalid: each '/'-separated component "
                             "must be lower-case letters and digits, joined by '.', '_', "
                             "'__' or '-'.")
                             .arg(name.toString()));
    }
    return {};
}

Status validateTag(QStringView tag) {
    if (!tagPattern().match(tag).hasMatch()) {
        return makeError(errc::TagInvalid,
                         QCoreApplication::translate(
                             "domain", "Tag '%1' is invalid: a tag has 1 to 128 characters from "
                                       "[A-Za-z0-9._-] and can't start with '.' or '-'.")
                             .arg(tag.toString()));
    }
    return {};
}

Status validateDigest(QStringView digest) {
    const auto match = digestPattern().match(digest);
    if (!match.hasMatch()) {
        return makeError(errc::DigestInvalid,
                         QCoreApplication::translate(
                             "domain", "Digest '%1' is invalid: expected '<algorithm>:<encoded>', "
                                       "for example 'sha256:' followed by 64 hex digits.")
                             .arg(digest.toString()));
    }
    const QStringView algorithm = match.capturedView(1);
    const QStringView encoded = match.capturedView(2);
    int hexLength = 0;
    if (algorithm == u"sha256")
        hexLength = 64;
    else if (algorithm == u"sha512")
        hexLength = 128;
    if (hexLength != 0 &&
        (encoded.size() != hexLength || !lowerHexPattern().match(encoded).hasMatch())) {
        return makeError(errc::DigestInvalid,
                         QCoreApplication::translate(
                             "domain", "Digest '%1' is invalid: %2 needs exactly %3 lower-case hex "
                                       "digits.")
                             .arg(digest.toString(), algorithm.toString())
                             .arg(hexLength));
    }
    return {};
}

QString canonicalName(QStringView name) {
    return name.toString().toLower();
}

} // namespace ferry::names
