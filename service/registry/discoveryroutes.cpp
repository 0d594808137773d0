// Content discovery (OCI "Listing tags", "Listing referrers") and the catalog.
#include "registry/registry.h"

#include "registry/manifest.h"
#include "registry/names.h"

#include <charconv>

namespace ferry::oci {

namespace {

constexpr int64_t kDefaultPage = 10000;
constexpr int64_t kMaxPage = 10000;

// n: the page size. Absent means "all" (capped); invalid is an error.
bool pageSize(const Query& query, int64_t* n) {
    *n = kDefaultPage;
    if (!query.has("n"))
        return true;
    const std::string text = query.value("n");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *n);
    if (ec != std::errc() || end != text.data() + text.size() || *n < 0)
        return false;
    *n = std::min(*n, kMaxPage);
    return true;
}

std::string jsonStringArray(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += '"' + jsonEscape(items[i]) + '"';
    }
    return out + "]";
}

} // namespace

http::Response Registry::listTags(const Route& route, const Query& query) {
    int64_t n = 0;
    if (!pageSize(query, &n))
        return error(ErrorCode::Unsupported, "n must be a non-negative integer", 400);
    if (!m_metadata.repositoryExists(route.repository))
        return error(ErrorCode::NameUnknown, "repository '" + route.repository + "' is not known");
    std::vector<std::string> tags =
        n == 0 ? std::vector<std::string>()
               : m_metadata.tags(route.repository, query.value("last"), n + 1);
    http::Response response;
    response.header("Content-Type", "application/json");
    if (int64_t(tags.size()) > n) {
        tags.resize(size_t(n));
        response.header("Link", "</v2/" + route.repository + "/tags/list?n=" + std::to_string(n) +
                                    "&last=" + percentEncode(tags.back()) + ">; rel=\"next\"");
    }
    response.body =
        "{\"name\":\"" + route.repository + "\",\"tags\":" + jsonStringArray(tags) + "}";
    return response;
}

http::Response Registry::catalog(const Query& query, const auth::Grant& grant) {
    int64_t n = 0;
    if (!pageSize(query, &n))
        return error(ErrorCode::Unsupported, "n must be a non-negative integer", 400);
    std::vector<std::string> visible;
    std::string last = query.value("last");
    bool more = false;
    // Page through the store, keeping only what the caller may read.
    while (n > 0) {
        const auto batch = m_metadata.repositories(last, 1000);
        for (const auto& name : batch) {
            if (!grant.allows(name, auth::Action::MetadataRead))
                continue;
            if (int64_t(visible.size()) == n) {
                more = true;
                break;
            }
            visible.push_back(name);
        }
        if (more || batch.size() < 1000)
            break;
        last = batch.back();
    }
    http::Response response;
    response.header("Content-Type", "application/json");
    if (more)
        response.header("Link", "</v2/_catalog?n=" + std::to_string(n) +
                                    "&last=" + percentEncode(visible.back()) + ">; rel=\"next\"");
    response.body = "{\"repositories\":" + jsonStringArray(visible) + "}";
    return response;
}

http::Response Registry::referrers(const Route& route, const Query& query) {
    if (!Digest::parse(route.reference))
        return error(ErrorCode::DigestInvalid, "invalid digest '" + route.reference + "'");
    const std::string artifactType = query.value("artifactType");
    const auto records = m_metadata.referrers(route.repository, route.reference, artifactType);
    std::string manifests;
    for (const auto& record : records) {
        if (!manifests.empty())
            manifests += ',';
        manifests += "{\"mediaType\":\"" + jsonEscape(record.mediaType) + "\",\"digest\":\"" +
                     record.digest + "\",\"size\":" + std::to_string(record.size);
        if (!record.artifactType.empty())
            manifests += ",\"artifactType\":\"" + jsonEscape(record.artifactType) + "\"";
        if (!record.annotations.empty())
            manifests += ",\"annotations\":" + record.annotations;
        manifests += '}';
    }
    http::Response response;
    response.header("Content-Type", std::string(kOciIndex));
    if (!artifactType.empty())
        response.header("OCI-Filters-Applied", "artifactType");
    response.body = "{\"schemaVersion\":2,\"mediaType\":\"" + std::string(kOciIndex) +
                    "\",\"manifests\":[" + manifests + "]}";
    return response;
}

} // namespace ferry::oci
