#pragma once
// Concurrent OCI pushes for the crash and garbage-collection tests. Each
// worker loops: a config blob (monolithic POST), a layer blob (monolithic, or
// POST + two PATCH chunks + PUT), the manifest under a unique tag, then the
// same manifest under the worker's moving tag "latest". The ledger records
// everything that was sent and flips an entry to acknowledged only when its
// success status was processed, which is what a crash test may hold ferryd to.

#include "httpclient.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

struct PushedBlob {
    QString repository;
    QString digest;
    quint64 seed = 0;
    qsizetype size = 0;
    bool acknowledged = false;
    QByteArray content() const;
};

struct PushedManifest {
    QString repository;
    QString tag;
    QString digest;
    QByteArray bytes;
    QStringList blobs;
    bool acknowledged = false;
};

// A chunked upload whose final PUT was not acknowledged.
struct OpenUpload {
    QString repository;
    QString location;
    int blob = -1;              // index into PushLedger::blobs
    qsizetype acknowledged = 0; // bytes the server confirmed (202 + Range)
    qsizetype sent = 0;         // bytes handed to the network
};

struct PushLedger {
    QList<PushedBlob> blobs;
    QList<PushedManifest> manifests;
    // "repository:tag" -> the digests the tag may point at: the last
    // acknowledged one, plus one whose PUT had no answer yet.
    QHash<QString, QSet<QString>> movingTags;
    QSet<QString> acknowledgedMovingTags;
    QHash<QString, OpenUpload> openUploads; // by Location
    // Answers that were wrong while the server was up.
    QStringList problems;
    int acknowledgedManifests() const;
};

// Deterministic content for a seed, so the ledger need not keep the bytes.
QByteArray seededContent(quint64 seed, qsizetype size);

class PushLoad : public QObject {
    Q_OBJECT
public:
    PushLoad(QUrl base, PushLedger& ledger, QString repositoryPrefix, int workers);
    ~PushLoad() override;
    // A manifest PUT refused with MANIFEST_BLOB_UNKNOWN is a clean failure
    // (garbage collection with no grace may take a blob first), not a problem.
    void setTolerateMissingBlobs(bool tolerate) { m_tolerateMissingBlobs = tolerate; }
    void start();
    // Stops sending and drops every reply still in flight unprocessed.
    void halt();

private:
    struct Worker;
    using Done = std::function<void()>;
    void iterate(Worker& worker);
    void pushMonolithic(Worker& worker, int blob, Done done);
    void pushChunked(Worker& worker, int blob, Done done);
    void patchChunk(Worker& worker, const QString& location, int blob, qsizetype from, qsizetype to,
                    Done done);
    void pushManifest(Worker& worker, int manifest, Done done);
    int addBlob(const QString& repository, qsizetype size);
    void
    send(const QByteArray& method, const QUrl& url, const QByteArray& body,
         const QList<QPair<QByteArray, QByteArray>>& headers,
         std::function<void(int status, const QByteArray& body, QNetworkReply* reply)> onReply);
    void problem(const QString& what);

    QUrl m_base;
    PushLedger& m_ledger;
    QString m_prefix;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::vector<std::unique_ptr<Worker>> m_workers;
    bool m_halted = false;
    bool m_tolerateMissingBlobs = false;
};

// Checks what ferryd serves against the ledger; appends a line per violation.
// Acknowledged manifests must be served byte for byte with every blob they
// name; anything else must be absent or exactly right; moving tags must point
// at an allowed digest (and are then pinned to it). When blobsMayBeCollected,
// acknowledged blobs that no stored manifest names may be gone (GC).
void checkLedger(HttpClient& http, PushLedger& ledger, bool blobsMayBeCollected,
                 QStringList* failures);
