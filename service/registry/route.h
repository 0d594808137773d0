#pragma once
// Splits a /v2/ request target into the route it names and its query.
// Repository names contain slashes, so routes are recognised from the end
// of the path (".../manifests/<ref>", ".../blobs/uploads/<id>", ...).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ferry::oci {

enum class RouteKind {
    Base,
    Catalog,
    Tags,
    Manifest,
    Blob,
    UploadStart,
    Upload,
    Referrers,
    NotFound
};

struct Route {
    RouteKind kind = RouteKind::NotFound;
    std::string repository;
    std::string reference; // tag or digest, upload id, subject digest
};

class Query {
public:
    explicit Query(std::string_view query);
    // The first value of a parameter, percent-decoded; empty when absent.
    std::string value(std::string_view name) const;
    // Every value of a repeated parameter, in order, percent-decoded.
    std::vector<std::string> values(std::string_view name) const;
    bool has(std::string_view name) const;

private:
    std::vector<std::pair<std::string, std::string>> m_items;
};

std::string percentDecode(std::string_view text);
std::string percentEncode(std::string_view text);

// target = path[?query]; fills route and returns the query text.
std::string_view parseTarget(std::string_view target, Route& route);

} // namespace ferry::oci
