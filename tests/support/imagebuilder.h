#pragma once
// Builds real OCI image layouts for client tests with umoci (init, new, then
// unpack / add random files / repack once per layer), so the tar+gzip layers
// are what real tools produce, and reads layouts back (index.json, manifest,
// config, layers) to compare what a registry round trip returns.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

struct OciLayoutImage {
    QString manifestDigest;
    QByteArray manifest;
    QString configDigest;
    QStringList layerDigests;
    // Every blob the manifest names (config first, then layers).
    QStringList blobDigests() const { return QStringList{configDigest} + layerDigests; }
};

class ImageBuilder {
public:
    // Creates layoutDir as an OCI layout holding layoutDir:tag with `layers`
    // layers of random files. workDir holds the unpacked bundles.
    static bool build(const QString& layoutDir, const QString& tag, int layers,
                      const QString& workDir, QString* error);
    // build(), then the image as readOciLayout() sees it.
    static std::optional<OciLayoutImage> buildAndRead(const QString& layoutDir, const QString& tag,
                                                      int layers, const QString& workDir,
                                                      QString* error);
};

// Reads the manifest tagged `tag` (org.opencontainers.image.ref.name) from an
// OCI layout; the only manifest when tag is empty.
std::optional<OciLayoutImage> readOciLayout(const QString& layoutDir, const QString& tag,
                                            QString* error);

// The path of a blob inside an OCI layout.
QString layoutBlobPath(const QString& layoutDir, const QString& digest);

// sha256:<hex> of a file's bytes, streamed; empty when it cannot be read.
QString fileDigest(const QString& path);
