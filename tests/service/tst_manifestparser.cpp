// parseManifest: the checks a manifest PUT relies on, for OCI manifests and
// indexes and Docker schema 2 manifests and lists, and what it extracts
// (blobs, children, subject, artifactType, annotations) for the metadata store.

#include "registry/manifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <string>

using namespace ferry::oci;

namespace {

std::string digestOf(char c) {
    return "sha256:" + std::string(64, c);
}

QJsonObject descriptor(const std::string& digest,
                       const char* mediaType = "application/octet-stream", qint64 size = 10) {
    return QJsonObject{
        {"mediaType", mediaType}, {"digest", QString::fromStdString(digest)}, {"size", size}};
}

QJsonObject ociManifest() {
    return QJsonObject{
        {"schemaVersion", 2},
        {"mediaType", QString::fromUtf8(kOciManifest)},
        {"config", descriptor(digestOf('c'), "application/vnd.oci.image.config.v1+json")},
        {"layers", QJsonArray{descriptor(digestOf('1')), descriptor(digestOf('2'))}},
    };
}

QJsonObject ociIndex() {
    return QJsonObject{
        {"schemaVersion", 2},
        {"mediaType", QString::fromUtf8(kOciIndex)},
        {"manifests", QJsonArray{descriptor(digestOf('a'), kOciManifest.data()),
                                 descriptor(digestOf('b'), kOciManifest.data())}},
    };
}

std::string text(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

std::vector<std::string> digests(std::initializer_list<char> chars) {
    std::vector<std::string> result;
    for (char c : chars)
        result.push_back(digestOf(c));
    return result;
}

} // namespace

class TestManifestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ociImageManifest() {
        const auto check = parseManifest(text(ociManifest()), kOciManifest);
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.mediaType, std::string(kOciManifest));
        QVERIFY(!check.manifest.isIndex);
        QCOMPARE(check.manifest.blobs, digests({'c', '1', '2'}));
        QVERIFY(check.manifest.manifests.empty());
        QVERIFY(check.manifest.subject.empty());
        QVERIFY(check.manifest.annotations.empty());
        // Without an explicit artifactType, the config's mediaType stands in.
        QCOMPARE(check.manifest.artifactType,
                 std::string("application/vnd.oci.image.config.v1+json"));
    }

    void ociImageIndex() {
        const auto check = parseManifest(text(ociIndex()), "");
        QVERIFY2(check.ok, check.error.c_str());
        QVERIFY(check.manifest.isIndex);
        QCOMPARE(check.manifest.manifests, digests({'a', 'b'}));
        QVERIFY(check.manifest.blobs.empty());
        QVERIFY(check.manifest.artifactType.empty());
    }

    void dockerManifestAndList() {
        QJsonObject manifest = ociManifest();
        manifest["mediaType"] = QString::fromUtf8(kDockerManifest);
        auto check = parseManifest(text(manifest), kDockerManifest);
        QVERIFY2(check.ok, check.error.c_str());
        QVERIFY(!check.manifest.isIndex);
        QCOMPARE(check.manifest.blobs.size(), size_t(3));

        QJsonObject list = ociIndex();
        list["mediaType"] = QString::fromUtf8(kDockerManifestList);
        check = parseManifest(text(list), kDockerManifestList);
        QVERIFY2(check.ok, check.error.c_str());
        QVERIFY(check.manifest.isIndex);
        QCOMPARE(check.manifest.mediaType, std::string(kDockerManifestList));
    }

    void dockerManifestNeedsLayers() {
        QJsonObject manifest = ociManifest();
        manifest["mediaType"] = QString::fromUtf8(kDockerManifest);
        manifest.remove("layers");
        QVERIFY(!parseManifest(text(manifest), "").ok);
        // An OCI manifest may leave layers out (an artifact with only a config).
        QJsonObject oci = ociManifest();
        oci.remove("layers");
        const auto check = parseManifest(text(oci), "");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.blobs, digests({'c'}));
    }

    void mediaTypeFromHeaderOrShape() {
        QJsonObject manifest = ociManifest();
        manifest.remove("mediaType");
        auto check =
            parseManifest(text(manifest), std::string(kDockerManifest) + "; charset=utf-8");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.mediaType, std::string(kDockerManifest));
        check = parseManifest(text(manifest), "");
        QCOMPARE(check.manifest.mediaType, std::string(kOciManifest));
        QJsonObject index = ociIndex();
        index.remove("mediaType");
        check = parseManifest(text(index), "");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.mediaType, std::string(kOciIndex));
        QVERIFY(check.manifest.isIndex);
    }

    void mediaTypeConflicts() {
        // A known Content-Type that disagrees with the body is refused...
        auto check = parseManifest(text(ociManifest()), kDockerManifest);
        QVERIFY(!check.ok);
        QVERIFY(check.error.find("differs") != std::string::npos);
        check = parseManifest(text(ociManifest()), std::string(kOciIndex) + "; charset=utf-8");
        QVERIFY(!check.ok);
        // ...a generic one is not: the body decides.
        check = parseManifest(text(ociManifest()), "application/json");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.mediaType, std::string(kOciManifest));
        // No mediaType field and a generic Content-Type: the shape decides.
        QJsonObject bare = ociManifest();
        bare.remove("mediaType");
        check = parseManifest(text(bare), "application/json");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.mediaType, std::string(kOciManifest));
        // An unknown media type in the body is refused.
        QJsonObject manifest = ociManifest();
        manifest["mediaType"] = "application/vnd.example+json";
        QVERIFY(!parseManifest(text(manifest), "").ok);
    }

    void refused_data() {
        QTest::addColumn<QByteArray>("body");
        auto row = [](const char* name, const QJsonObject& object) {
            QTest::newRow(name) << QByteArray::fromStdString(text(object));
        };
        QTest::newRow("not JSON") << QByteArray("{not json");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("string") << QByteArray("\"manifest\"");
        QTest::newRow("empty") << QByteArray();
        QJsonObject m = ociManifest();
        m["schemaVersion"] = 1;
        row("schemaVersion 1", m);
        m.remove("schemaVersion");
        row("no schemaVersion", m);
        m = ociManifest();
        m["schemaVersion"] = "2";
        row("schemaVersion as string", m);
        m = ociManifest();
        m.remove("config");
        row("missing config", m);
        m = ociManifest();
        m["config"] = "sha256:x";
        row("config not an object", m);
        m = ociManifest();
        m["config"] = descriptor("sha256:abc");
        row("config short digest", m);
        m = ociManifest();
        m["layers"] =
            QJsonArray{descriptor(digestOf('1')), descriptor("md5:" + std::string(32, '0'))};
        row("layer bad algorithm", m);
        m = ociManifest();
        QJsonObject layer = descriptor(digestOf('1'));
        layer.remove("size");
        m["layers"] = QJsonArray{layer};
        row("layer without size", m);
        layer = descriptor(digestOf('1'), "x", -1);
        m["layers"] = QJsonArray{layer};
        row("layer negative size", m);
        layer = descriptor(digestOf('1'));
        layer["size"] = 1.5;
        m["layers"] = QJsonArray{layer};
        row("layer fractional size", m);
        layer = descriptor(digestOf('1'));
        layer.remove("mediaType");
        m["layers"] = QJsonArray{layer};
        row("layer without mediaType", m);
        m = ociManifest();
        m["layers"] = descriptor(digestOf('1'));
        row("layers not an array", m);
        m = ociIndex();
        m.remove("manifests");
        row("index without manifests", m);
        m = ociIndex();
        m["manifests"] = QJsonArray{descriptor(digestOf('a')), 3};
        row("index entry not an object", m);
        m = ociManifest();
        m["subject"] = descriptor("sha256:nothex");
        row("bad subject", m);
        m = ociManifest();
        m["artifactType"] = 7;
        row("artifactType not a string", m);
        m = ociManifest();
        m["annotations"] = QJsonArray{"a"};
        row("annotations not an object", m);
    }

    void refused() {
        QFETCH(QByteArray, body);
        const auto check = parseManifest(body.toStdString(), "");
        QVERIFY(!check.ok);
        QVERIFY(!check.error.empty());
    }

    void foreignLayersLeftOut() {
        QJsonObject m = ociManifest();
        QJsonObject foreign =
            descriptor(digestOf('f'), "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
        foreign["urls"] = QJsonArray{"https://example.com/layer"};
        m["layers"] = QJsonArray{descriptor(digestOf('1')), foreign, descriptor(digestOf('2'))};
        const auto check = parseManifest(text(m), "");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.blobs, digests({'c', '1', '2'}));
    }

    void subjectAndArtifactType() {
        QJsonObject m = ociManifest();
        m["artifactType"] = "application/vnd.example.sbom";
        m["subject"] = descriptor(digestOf('e'), kOciManifest.data());
        auto check = parseManifest(text(m), "");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.subject, digestOf('e'));
        QCOMPARE(check.manifest.artifactType, std::string("application/vnd.example.sbom"));

        QJsonObject index = ociIndex();
        index["artifactType"] = "application/vnd.example.bundle";
        index["subject"] = descriptor(digestOf('e'), kOciManifest.data());
        check = parseManifest(text(index), "");
        QVERIFY2(check.ok, check.error.c_str());
        QCOMPARE(check.manifest.artifactType, std::string("application/vnd.example.bundle"));
        QCOMPARE(check.manifest.subject, digestOf('e'));
    }

    void annotations() {
        QJsonObject m = ociManifest();
        m["annotations"] = QJsonObject{{"org.opencontainers.image.title", "x"}};
        auto check = parseManifest(text(m), "");
        QVERIFY2(check.ok, check.error.c_str());
        const QJsonDocument parsed =
            QJsonDocument::fromJson(QByteArray::fromStdString(check.manifest.annotations));
        QVERIFY(parsed.isObject());
        QCOMPARE(parsed.object().value("org.opencontainers.image.title").toString(), QString("x"));
        QVERIFY(check.manifest.annotations.find('\n') == std::string::npos); // compact
        m["annotations"] = QJsonValue::Null;
        check = parseManifest(text(m), "");
        QVERIFY2(check.ok, check.error.c_str());
        QVERIFY(check.manifest.annotations.empty());
    }
};

QTEST_GUILESS_MAIN(TestManifestParser)
#include "tst_manifestparser.moc"
