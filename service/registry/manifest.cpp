#include "registry/manifest.h"

#include "core/digest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ferry::oci {

namespace {

bool isKnownType(std::string_view type) {
    return type == kOciManifest || type == kOciIndex || type == kDockerManifest ||
           type == kDockerManifestList;
}

// A descriptor (image-spec "descriptor.md"): mediaType, digest and size.
bool readDescriptor(const QJsonValue& value, const char* where, std::string* digest,
                    std::string* error) {
    if (!value.isObject()) {
        *error = std::string(where) + " is not a descriptor object";
        return false;
    }
    const QJsonObject object = value.toObject();
    const std::string text = object.value(QLatin1String("digest")).toString().toStdString();
    if (!Digest::parse(text)) {
        *error = std::string(where) + " has an invalid digest '" + text + "'";
        return false;
    }
    const QJsonValue size = object.value(QLatin1String("size"));
    if (!size.isDouble() || size.toDouble() < 0 ||
        size.toDouble() != double(qint64(size.toDouble()))) {
        *error = std::string(where) + " has no valid size";
        return false;
    }
    if (!object.value(QLatin1String("mediaType")).isString()) {
        *error = std::string(where) + " has no mediaType";
        return false;
    }
    *digest = text;
    return true;
}

} // namespace

ManifestCheck parseManifest(std::string_view body, std::string_view contentType) {
    ManifestCheck check;
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray::fromRawData(body.data(), qsizetype(body.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        check.error = "the manifest is not a JSON object";
        return check;
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("schemaVersion")).toInt(-1) != 2) {
        check.error = "schemaVersion must be 2";
        return check;
    }
    ParsedManifest& m = check.manifest;
    const std::string declared = root.value(QLatin1String("mediaType")).toString().toStdString();
    // Content-Type may carry parameters ("; charset=utf-8").
    std::string header(contentType.substr(0, contentType.find(';')));
    while (!header.empty() && header.back() == ' ')
        header.pop_back();
    if (!declared.empty() && !header.empty() && declared != header && isKnownType(header)) {
        check.error =
            "the mediaType field '" + declared + "' differs from Content-Type '" + header + "'";
        return check;
    }
    m.mediaType = !declared.empty() ? declared : header;
    // Neither says a known type (no mediaType field, Content-Type absent or
    // generic such as application/json): the OCI shape decides.
    if (declared.empty() && !isKnownType(m.mediaType))
        m.mediaType = root.contains(QLatin1String("manifests")) ? std::string(kOciIndex)
                                                                : std::string(kOciManifest);
    if (!isKnownType(m.mediaType)) {
        check.error = "unsupported manifest media type '" + m.mediaType + "'";
        return check;
    }
    m.isIndex = m.mediaType == kOciIndex || m.mediaType == kDockerManifestList;
    std::string digest;
    if (m.isIndex) {
        const QJsonValue manifests = root.value(QLatin1String("manifests"));
        if (!manifests.isArray()) {
            check.error = "an index needs a manifests array";
            return check;
        }
        for (const QJsonValue& entry : manifests.toArray()) {
            if (!readDescriptor(entry, "a manifests entry", &digest, &check.error))
                return check;
            m.manifests.push_back(digest);
        }
    } else {
        if (!readDescriptor(root.value(QLatin1String("config")), "config", &digest, &check.error))
            return check;
        m.blobs.push_back(digest);
        const QJsonValue layers = root.value(QLatin1String("layers"));
        if (!layers.isArray() && !(layers.isUndefined() && m.mediaType == kOciManifest)) {
            check.error = "layers must be an array";
            return check;
        }
        for (const QJsonValue& layer : layers.toArray()) {
            if (!readDescriptor(layer, "a layer", &digest, &check.error))
                return check;
            // Foreign layers live elsewhere (their urls); we need not hold them.
            if (!layer.toObject().contains(QLatin1String("urls")))
                m.blobs.push_back(digest);
        }
        m.artifactType = root.value(QLatin1String("config"))
                             .toObject()
                             .value(QLatin1String("mediaType"))
                             .toString()
                             .toStdString();
    }
    if (root.contains(QLatin1String("artifactType"))) {
        if (!root.value(QLatin1String("artifactType")).isString()) {
            check.error = "artifactType must be a string";
            return check;
        }
        m.artifactType = root.value(QLatin1String("artifactType")).toString().toStdString();
    } else if (m.isIndex) {
        m.artifactType.clear();
    }
    if (root.contains(QLatin1String("subject"))) {
        if (!readDescriptor(root.value(QLatin1String("subject")), "subject", &digest, &check.error))
            return check;
        m.subject = digest;
    }
    const QJsonValue annotations = root.value(QLatin1String("annotations"));
    if (annotations.isObject())
        m.annotations =
            QJsonDocument(annotations.toObject()).toJson(QJsonDocument::Compact).toStdString();
    else if (!annotations.isUndefined() && !annotations.isNull()) {
        check.error = "annotations must be an object";
        return check;
    }
    check.ok = true;
    return check;
}

} // namespace ferry::oci
