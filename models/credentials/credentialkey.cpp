#include "credentialkey.h"

#include <QUrl>

namespace ferry {

QString CredentialKey::entryName() const {
    return QStringLiteral("ferry:%1:%2").arg(server, account);
}

QString CredentialKey::tokenAccount(const QString& token, int slot) {
    // Token names are matched ignoring case by the server, so the entry is too.
    return QStringLiteral("token:%1:password%2").arg(token.toLower()).arg(slot);
}

QString normalizeServer(const QString& text) {
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.contains(QLatin1StringView("://")))
        trimmed.prepend(QLatin1StringView("https://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme().toLower() != QLatin1String("http") &&
         url.scheme().toLower() != QLatin1String("https")))
        return {};
    url.setScheme(url.scheme().toLower());
    url.setUserInfo({});
    if (url.path() == QLatin1String("/"))
        url.setPath({});
    return url.toString(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace ferry
