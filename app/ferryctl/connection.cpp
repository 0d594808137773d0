#include "connection.h"
#include "tr.h"

#include "credentialstore.h"

#include <QEventLoop>
#include <QFile>
#include <QSettings>

#include <memory>

namespace ferryctl {
namespace {

std::unique_ptr<QSettings> openSettings() {
    // Per user, in the platform's config location ($XDG_CONFIG_HOME on Linux).
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                       QStringLiteral("ferry"), QStringLiteral("ferryctl"));
}

struct JobOutcome {
    ferry::CredentialJob::Error error = ferry::CredentialJob::Error::None;
    QString errorString;
    QString secret;
    bool ok() const { return error == ferry::CredentialJob::Error::None; }
};

// Runs one job of the shared store to completion. The outcome is copied out
// while the job is alive: the store deletes it once finished() returns.
JobOutcome runJob(ferry::CredentialJob* job) {
    JobOutcome outcome;
    QEventLoop loop;
    QObject::connect(job, &ferry::CredentialJob::finished, &loop, [&](ferry::CredentialJob* done) {
        outcome = {done->error(), done->errorString(), done->secret()};
        loop.quit();
    });
    loop.exec();
    return outcome;
}

ferry::DomainError keychainError(const JobOutcome& job, const QString& what) {
    const QString code = job.error == ferry::CredentialJob::Error::NotFound
                             ? QStringLiteral("NOT_LOGGED_IN")
                             : QStringLiteral("KEYCHAIN_ERROR");
    return ferry::DomainError{code, QStringLiteral("%1: %2").arg(what, job.errorString), {}};
}

ferry::CredentialStore& store() {
    static ferry::CredentialStore instance;
    return instance;
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

// Qualified as ferryctl::Tr below: after a ferry:: return type lupdate
// loses track of the namespace and would file the strings under "Tr".
ferry::Result<QString> readKeychainPassword(const ferry::CredentialKey& key) {
    const JobOutcome job = runJob(store().read(key));
    if (!job.ok())
        return keychainError(job,
                             ferryctl::Tr::tr("can't read the saved password from the keychain"));
    return job.secret;
}

ferry::Status writeKeychainPassword(const ferry::CredentialKey& key, const QString& password) {
    const JobOutcome job = runJob(store().write(key, password));
    if (!job.ok())
        return keychainError(job, ferryctl::Tr::tr("can't store the password in the keychain"));
    return {};
}

ferry::Status deleteKeychainPassword(const ferry::CredentialKey& key) {
    const JobOutcome job = runJob(store().remove(key));
    if (!job.ok())
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
