#pragma once
// What the credential and console tests share: waiting for a CredentialJob
// on the event loop (copying its outcome out before the store deletes it),
// and finding files that contain a secret.

#include "credentialstore.h"

#include <QDirIterator>
#include <QFile>
#include <QStringList>
#include <QTest>

struct JobOutcome {
    ferry::CredentialJob::Error error = ferry::CredentialJob::Error::Failed;
    QString secret;
    QString errorString;
};

inline JobOutcome awaitJob(ferry::CredentialJob* job, int timeoutMs = 30000) {
    JobOutcome outcome;
    bool done = false;
    QObject::connect(job, &ferry::CredentialJob::finished, job, [&](ferry::CredentialJob* finished) {
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
