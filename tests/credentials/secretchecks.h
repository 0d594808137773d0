#pragma once
// What the credential and console tests share: a private home for the
// process's settings and data, waiting for a CredentialJob on the event loop
// (copying its outcome out before the store deletes it), and finding files
// that contain a secret.

#include "credentialstore.h"

#include <QDirIterator>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

// Points XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME into `home`, so
// everything the test writes lands where filesContaining() can look. Call it
// first thing in main(): QSettings caches its paths on first use.
inline void useHomeFolders(const QTemporaryDir& home) {
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
}

struct JobOutcome {
    ferry::CredentialJob::Error error = ferry::CredentialJob::Error::Failed;
    QString secret;
    QString errorString;
};

inline JobOutcome awaitJob(ferry::CredentialJob* job, int timeoutMs = 30000) {
    JobOutcome outcome;
    bool done = false;
    QObject::connect(job, &ferry::CredentialJob::finished, job,
                     [&](ferry::CredentialJob* finished) {
                         outcome = {finished->error(), finished->secret(), finished->errorString()};
                         done = true;
                     });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs))
        outcome.errorString = QStringLiteral("the job never finished");
    return outcome;
}

// Every file below dir whose bytes contain needle.
inline QStringList filesContaining(const QString& dir, const QByteArray& needle) {
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found << file.fileName();
    }
    return found;
}
