#include "credentialstore.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace ferry {

void CredentialJob::finishLater(Error error, QString errorString, QString secret) {
    m_error = error;
    m_errorString = std::move(errorString);
    m_secret = std::move(secret);
    // Queued, so the caller always gets the chance to connect first.
    QTimer::singleShot(0, this, [this] {
        m_finished = true;
        Q_EMIT finished(this);
        deleteLater();
    });
}

CredentialStore::CredentialStore(QObject* parent, const QString& service)
    : QObject(parent)
    , m_service(service) {}

CredentialStore::~CredentialStore() {
    wipeMemory();
}

void CredentialStore::useSessionMemory() {
    if (m_backend == Backend::SessionMemory)
        return;
    m_backend = Backend::SessionMemory;
    Q_EMIT backendChanged(m_backend);
}

void CredentialStore::useKeychain() {
    if (m_backend == Backend::Keychain)
        return;
    wipeMemory();
    m_backend = Backend::Keychain;
    Q_EMIT backendChanged(m_backend);
}

void CredentialStore::wipeMemory() {
    // Overwrite before letting go, so the text does not linger in freed heap.
    for (auto it = m_memory.begin(); it != m_memory.end(); ++it)
        it.value().fill(QChar(u'\0'));
    m_memory.clear();
}

CredentialJob* CredentialStore::read(const CredentialKey& key) {
    return start(Operation::Read, key, {});
}

CredentialJob* CredentialStore::write(const CredentialKey& key, const QString& secret) {
    return start(Operation::Write, key, secret);
}

CredentialJob* CredentialStore::remove(const CredentialKey& key) {
    return start(Operation::Remove, key, {});
}

CredentialJob* CredentialStore::probe() {
    return start(Operation::Probe,
                 CredentialKey{QStringLiteral("probe:"), QStringLiteral("keychain-probe")}, {});
}

CredentialJob* CredentialStore::start(Operation operation, const CredentialKey& key,
                                      const QString& secret) {
    auto* job = new CredentialJob(this);
    job->m_key = key;
    if (!key.isValid()) {
        job->finishLater(CredentialJob::Error::Failed,
                         tr("A credential needs both a server and an account."));
        return job;
    }
    if (m_backend == Backend::SessionMemory && operation != Operation::Probe)
        runInMemory(job, operation, secret);
    else
        runInKeychain(job, operation, secret);
    return job;
}

void CredentialStore::runInMemory(CredentialJob* job, Operation operation, const QString& secret) {
    const QString name = job->m_key.entryName();
    switch (operation) {
    case Operation::Read:
        if (m_memory.contains(name))
            job->finishLater(CredentialJob::Error::None, {}, m_memory.value(name));
        else
            job->finishLater(
                CredentialJob::Error::NotFound,
                tr("No password is kept for %1 in this session.").arg(job->m_key.account));
        return;
    case Operation::Write:
        m_memory.insert(name, secret);
        job->finishLater(CredentialJob::Error::None, {});
        return;
    case Operation::Remove:
        if (auto it = m_memory.find(name); it != m_memory.end()) {
            it.value().fill(QChar(u'\0'));
            m_memory.erase(it);
        }
        job->finishLater(CredentialJob::Error::None, {});
        return;
    case Operation::Probe:
        break;
    }
}

namespace {

CredentialJob::Error errorOf(QKeychain::Error error) {
    switch (error) {
    case QKeychain::NoError:
        return CredentialJob::Error::None;
    case QKeychain::EntryNotFound:
        return CredentialJob::Error::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return CredentialJob::Error::KeychainUnavailable;
    default:
        return CredentialJob::Error::Failed;
    }
}

// With no Secret Service on the bus, libsecret answers OtherError with a
// D-Bus connection message rather than NoBackendAvailable; both mean that no
// keychain is there, which the console must say instead of failing vaguely.
bool meansNoKeychain(const QString& message) {
    static const QLatin1StringView kNobodyHome[] = {
        QLatin1StringView("Could not connect"), QLatin1StringView("ServiceUnknown"),
        QLatin1StringView("not provided by any"), QLatin1StringView("autolaunch"),
        QLatin1StringView("No such interface")};
    for (const QLatin1StringView text : kNobodyHome) {
        if (message.contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

void CredentialStore::runInKeychain(CredentialJob* job, Operation operation,
                                    const QString& secret) {
    QKeychain::Job* keychainJob = nullptr;
    switch (operation) {
    case Operation::Read:
    case Operation::Probe:
        keychainJob = new QKeychain::ReadPasswordJob(m_service, job);
        break;
    case Operation::Write: {
        auto* write = new QKeychain::WritePasswordJob(m_service, job);
        write->setTextData(secret);
        keychainJob = write;
        break;
    }
    case Operation::Remove:
        keychainJob = new QKeychain::DeletePasswordJob(m_service, job);
        break;
    }
    // QtKeychain can store into a plain file when no keychain answers; that
    // is exactly what Ferry promises never to do.
    keychainJob->setInsecureFallback(false);
    keychainJob->setAutoDelete(true);
    keychainJob->setKey(job->m_key.entryName());
    connect(keychainJob, &QKeychain::Job::finished, job, [job, operation](QKeychain::Job* done) {
        CredentialJob::Error error = errorOf(done->error());
        if (error == CredentialJob::Error::Failed && meansNoKeychain(done->errorString()))
            error = CredentialJob::Error::KeychainUnavailable;
        if (operation == Operation::Remove && error == CredentialJob::Error::NotFound)
            error = CredentialJob::Error::None;
        if (operation == Operation::Probe && error == CredentialJob::Error::NotFound)
            error = CredentialJob::Error::None;
        QString secretText;
        if (operation == Operation::Read && error == CredentialJob::Error::None)
            secretText = static_cast<QKeychain::ReadPasswordJob*>(done)->textData();
        const QString text = error == CredentialJob::Error::None ? QString() : done->errorString();
        job->finishLater(error, text, secretText);
    });
    keychainJob->start();
}

} // namespace ferry
