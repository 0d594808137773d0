#include "imagebuilder.h"

#include "toolrunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace {

bool writeRandomFile(const QString& path, qsizetype size) {
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == size;
}

} // namespace

bool ImageBuilder::build(const QString& layoutDir, const QString& tag, int layers,
                         const QString& workDir, QString* error) {
    const QString umoci = findTool(QStringLiteral("umoci"));
    if (umoci.isEmpty()) {
        *error = QStringLiteral("umoci is not installed");
        return false;
    }
    const QString image = layoutDir + QLatin1Char(':') + tag;
    auto step = [&](const QStringList& args) {
        const ToolRun run = runTool(umoci, args, 60000);
        if (!run.ok())
            *error = run.describe();
        return run.ok();
    };
    if (!step({QStringLiteral("init"), QStringLiteral("--layout"), layoutDir}) ||
        !step({QStringLiteral("new"), QStringLiteral("--image"), image}))
        return false;
    for (int layer = 0; layer < layers; ++layer) {
        const QString bundle = workDir + QStringLiteral("/bundle-%1").arg(layer);
        if (!step({QStringLiteral("unpack"), QStringLiteral("--image"), image, bundle}))
            return false;
        const QString folder = bundle + QStringLiteral("/rootfs/layer%1").arg(layer);
        if (!QDir().mkpath(folder)) {
            *error = QStringLiteral("cannot create ") + folder;
            return false;
        }
        // A few files of different sizes, one of them large enough to need
        // several reads on the server side.
        const qsizetype sizes[] = {4096, 100 * 1024, 1536 * 1024 + 4 * layer};
        for (int i = 0; i < 3; ++i) {
            if (!writeRandomFile(folder + QStringLiteral("/file%1.bin").arg(i), sizes[i])) {
                *error = QStringLiteral("cannot write into ") + folder;
                return false;
            }
        }
        if (!step({QStringLiteral("repack"), QStringLiteral("--image"), image, bundle}))
            return false;
        QDir(bundle).removeRecursively();
    }
    return true;
}

QString layoutBlobPath(const QString& layoutDir, const QString& digest) {
    const QString algorithm = digest.section(QLatin1Char(':'), 0, 0);
    const QString hex = digest.section(QLatin1Char(':'), 1);
    return layoutDir + QStringLiteral("/blobs/") + algorithm + QLatin1Char('/') + hex;
}

QString fileDigest(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return QStringLiteral("sha256:") + QString::fromLatin1(hash.result().toHex());
}

std::optional<OciLayoutImage> readOciLayout(const QString& layoutDir, const QString& tag,
                                            QString* error) {
    QFile indexFile(layoutDir + QStringLiteral("/index.json"));
    if (!indexFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no index.json in ") + layoutDir;
        return std::nullopt;
    }
    const QJsonArray manifests = QJsonDocument::fromJson(indexFile.readAll())
                                     .object()
                                     .value(QStringLiteral("manifests"))
                                     .toArray();
    QString manifestDigest;
    for (const auto& entry : manifests) {
        const QJsonObject descriptor = entry.toObject();
        const QString name = descriptor.value(QStringLiteral("annotations"))
                                 .toObject()
                                 .value(QStringLiteral("org.opencontainers.image.ref.name"))
                                 .toString();
        if (tag.isEmpty() ? manifests.size() == 1 : name == tag)
            manifestDigest = descriptor.value(QStringLiteral("digest")).toString();
    }
    if (manifestDigest.isEmpty()) {
        *error = QStringLiteral("no manifest for '%1' in %2").arg(tag, layoutDir);
        return std::nullopt;
    }
    QFile manifestFile(layoutBlobPath(layoutDir, manifestDigest));
    if (!manifestFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("manifest blob %1 missing").arg(manifestDigest);
        return std::nullopt;
    }
    OciLayoutImage image;
    image.manifestDigest = manifestDigest;
    image.manifest = manifestFile.readAll();
    const QJsonObject manifest = QJsonDocument::fromJson(image.manifest).object();
    image.configDigest = manifest.value(QStringLiteral("config"))
                             .toObject()
                             .value(QStringLiteral("digest"))
                             .toString();
    for (const auto& layer : manifest.value(QStringLiteral("layers")).toArray())
        image.layerDigests << layer.toObject().value(QStringLiteral("digest")).toString();
    if (image.configDigest.isEmpty() || image.layerDigests.isEmpty()) {
        *error = QStringLiteral("manifest %1 has no config or layers").arg(manifestDigest);
        return std::nullopt;
    }
    return image;
}

std::optional<OciLayoutImage> ImageBuilder::buildAndRead(const QString& layoutDir,
                                                         const QString& tag, int layers,
                                                         const QString& workDir, QString* error) {
    if (!build(layoutDir, tag, layers, workDir, error))
        return std::nullopt;
    return readOciLayout(layoutDir, tag, error);
}
