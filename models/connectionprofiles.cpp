#include "connectionprofiles.h"

#include <QCoreApplication>
#include <QSettings>

namespace ferry {

namespace {
const QString kGroup = QStringLiteral("profiles");
const QString kLast = QStringLiteral("connection/lastProfile");

// Profiles are stored as one array, so their order is the operator's and a
// name can hold any character (QSettings keys cannot).
QList<ConnectionProfile> readAll(QSettings& settings) {
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(kGroup);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = settings.value(QStringLiteral("name")).toString();
        profile.url = QUrl(settings.value(QStringLiteral("url")).toString());
        profile.user = settings.value(QStringLiteral("user"), QStringLiteral("admin")).toString();
        profile.pinnedSha256 =
            QByteArray::fromHex(settings.value(QStringLiteral("pinnedSha256")).toByteArray());
        profile.pinnedSubject = settings.value(QStringLiteral("pinnedSubject")).toString();
        if (!profile.name.isEmpty())
            profiles << profile;
    }
    settings.endArray();
    return profiles;
}

void writeAll(QSettings& settings, const QList<ConnectionProfile>& profiles) {
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile& profile = profiles[i];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), profile.name);
        settings.setValue(QStringLiteral("url"), profile.url.toString());
        settings.setValue(QStringLiteral("user"), profile.user);
        settings.setValue(QStringLiteral("pinnedSha256"),
                          QString::fromLatin1(profile.pinnedSha256.toHex()));
        settings.setValue(QStringLiteral("pinnedSubject"), profile.pinnedSubject);
    }
    settings.endArray();
    settings.sync();
}
} // namespace

QString ConnectionProfile::problem() const {
    if (name.trimmed().isEmpty())
        return QCoreApplication::translate("ferry::ConnectionProfile", "A profile needs a name.");
    if (!url.isValid() || url.host().isEmpty())
        return QCoreApplication::translate(
            "ferry::ConnectionProfile",
            "The server address must be a URL such as https://host:5000.");
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return QCoreApplication::translate(
            "ferry::ConnectionProfile", "The server address must start with http:// or https://.");
    if (user.trimmed().isEmpty())
        return QCoreApplication::translate("ferry::ConnectionProfile", "A profile needs a user.");
    return {};
}

ConnectionProfiles::ConnectionProfiles(QSettings* settings)
    : m_own(settings ? nullptr : std::make_unique<QSettings>())
    , m_settings(settings ? settings : m_own.get()) {}

ConnectionProfiles::~ConnectionProfiles() = default;

QList<ConnectionProfile> ConnectionProfiles::all() const {
    return readAll(*m_settings);
}

ConnectionProfile ConnectionProfiles::find(const QString& name) const {
    for (const ConnectionProfile& profile : all())
        if (profile.name == name)
            return profile;
    return {};
}

ConnectionProfile ConnectionProfiles::forServer(const QUrl& url) const {
    for (const ConnectionProfile& profile : all())
        if (sameServer(profile.url, url))
            return profile;
    return {};
}

bool ConnectionProfiles::save(const ConnectionProfile& profile) {
    if (!profile.problem().isEmpty())
        return false;
    QList<ConnectionProfile> profiles = all();
    bool replaced = false;
    for (ConnectionProfile& existing : profiles)
        if (existing.name == profile.name) {
            existing = profile;
            replaced = true;
        }
    if (!replaced)
        profiles << profile;
    writeAll(*m_settings, profiles);
    return true;
}

void ConnectionProfiles::remove(const QString& name) {
    QList<ConnectionProfile> profiles = all();
    profiles.removeIf([&name](const ConnectionProfile& profile) { return profile.name == name; });
    writeAll(*m_settings, profiles);
}

QString ConnectionProfiles::lastUsed() const {
    return m_settings->value(kLast).toString();
}

void ConnectionProfiles::setLastUsed(const QString& name) {
    m_settings->setValue(kLast, name);
}

bool ConnectionProfiles::sameServer(const QUrl& a, const QUrl& b) {
    const int defaultA = a.scheme() == QLatin1String("https") ? 443 : 80;
    const int defaultB = b.scheme() == QLatin1String("https") ? 443 : 80;
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(defaultA) == b.port(defaultB);
}

} // namespace ferry
