#include "connection.h"
#include "tr.h"

#include <QEventLoop>
#include <QFile>
#include <QSettings>
#include <qt6keychain/keychain.h>

#include <memory>

namespace ferryctl {
namespace {

const QString kService = QStringLiteral("ferry");

std::unique_ptr<QSettings> openSettings() {
    // Per user, in the platform's config location ($XDG_CONFIG_HOME on Linux).
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                       QStringLiteral("ferry"), QStringLiteral("ferryctl"));
}

ferry::DomainError keychainError(const QKeychain::Job& job, const QString& what) {
    const QString code = job.error() == QKeychain::EntryNotFound ? QStringLiteral("NOT_LOGGED_IN")
                                                                 : QStringLiteral("KEYCHAIN_ERROR");
    return ferry::DomainError{code, QStringLiteral("%1: %2").arg(what, job.errorString()), {}};
}

// Runs a keychain job to completion; the job reports through finished() only.
void runJob(QKeychain::Job& job) {
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

} // namespace

SavedLogin loadSavedLogin() {
    const auto settings = openSettings();
    QSettings& s = *settings;
    SavedLogin login;
    login.server = s.value(QStringLiteral("login/server")).toString();
    login.username = s.value(QStringLiteral("login/username")).toString();
    login.caFile = s.value(QStringLiteral("login/caFile")).toString();
    login.insecure = s.value(QStringLiteral("login/insecure"), false).toBool();
    return login;
}

void saveLogin(const SavedLogin& login) {
    const auto settings = openSettings();
    QSettings& s = *settings;
    s.setValue(QStringLiteral("login/server"), login.server);
    s.setValue(QStringLiteral("login/username"), login.username);
    if (login.caFile.isEmpty())
        s.remove(QStringLiteral("login/caFile"));
    else
        s.setValue(QStringLiteral("login/caFile"), login.caFile);
    s.setValue(QStringLiteral("login/insecure"), login.insecure);
    s.sync();
}

void forgetSavedLogin() {
    const auto settings = openSettings();
    QSettings& s = *settings;
    s.remove(QStringLiteral("login"));
    s.sync();
}

QString normalizeServer(const QString& text) {
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.contains(QLatin1StringView("://")))
        trimmed.prepend(QLatin1StringView("https://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    QString out = url.toString(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    return out;
}

QString keychainKey(const QString& server, const QString& username) {
    return QStringLiteral("ferryctl:%1:%2").arg(server, username);
}

// Qualified as ferryctl::Tr below: after a ferry:: return type lupdate
// loses track of the namespace and would file the strings under "Tr".
ferry::Result<QString> readKeychainPassword(const QString& key) {
    QKeychain::ReadPasswordJob job(kService);
    job.setInsecureFallback(false);
    job.setKey(key);
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return keychainError(job,
                             ferryctl::Tr::tr("can't read the saved password from the keychain"));
    return job.textData();
}

ferry::Status writeKeychainPassword(const QString& key, const QString& password) {
    QKeychain::WritePasswordJob job(kService);
    job.setInsecureFallback(false);
    job.setKey(key);
    job.setTextData(password);
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return keychainError(job, ferryctl::Tr::tr("can't store the password in the keychain"));
    return {};
}

ferry::Status deleteKeychainPassword(const QString& key) {
    QKeychain::DeletePasswordJob job(kService);
    job.setInsecureFallback(false);
    job.setKey(key);
    runJob(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return keychainError(job, ferryctl::Tr::tr("can't remove the password from the keychain"));
    return {};
}

QString readPasswordFromStdin() {
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(in.readAll());
    while (text.endsWith(u'\n') || text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

} // namespace ferryctl
