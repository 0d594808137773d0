#include "registry/route.h"

namespace ferry::oci {

static int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() + 0 && hexValue(text[i + 1]) >= 0 &&
            hexValue(text[i + 2]) >= 0) {
            out += char(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
            i += 2;
        } else if (text[i] == '+') {
            out += ' ';
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string percentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == ':') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

Query::Query(std::string_view query) {
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        const size_t eq = item.find('=');
        m_items.emplace_back(percentDecode(item.substr(0, eq)),
                             eq == std::string_view::npos ? std::string()
                                                          : percentDecode(item.substr(eq + 1)));
        if (amp == std::string_view::npos)
            break;
        query.remove_prefix(amp + 1);
    }
}

std::string Query::value(std::string_view name) const {
    for (const auto& [key, value] : m_items)
        if (key == name)
            return value;
    return {};
}

std::vector<std::string> Query::values(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : m_items)
        if (key == name)
            out.push_back(value);
    return out;
}

bool Query::has(std::string_view name) const {
    for (const auto& item : m_items)
        if (item.first == name)
            return true;
    return false;
}

std::string_view parseTarget(std::string_view target, Route& route) {
    const size_t question = target.find('?');
    const std::string_view query =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    std::string_view path = target.substr(0, question);
    route = Route();
    if (path == "/v2" || path == "/v2/") {
        route.kind = RouteKind::Base;
        return query;
    }
    if (!path.starts_with("/v2/"))
        return query;
    path.remove_prefix(4);
    if (path == "_catalog") {
        route.kind = RouteKind::Catalog;
        return query;
    }
    auto endsWith = [&](std::string_view suffix, RouteKind kind) {
        if (path.size() > suffix.size() && path.ends_with(suffix)) {
            route.kind = kind;
            route.repository = std::string(path.substr(0, path.size() - suffix.size()));
            return true;
        }
        return false;
    };
    if (endsWith("/tags/list", RouteKind::Tags) ||
        endsWith("/blobs/uploads/", RouteKind::UploadStart) ||
        endsWith("/blobs/uploads", RouteKind::UploadStart))
        return query;
    // <name>/<keyword>/<last>: the last segment has no slash.
    const size_t lastSlash = path.rfind('/');
    if (lastSlash == std::string_view::npos || lastSlash == 0)
        return query;
    const std::string_view last = path.substr(lastSlash + 1);
    const std::string_view head = path.substr(0, lastSlash);
    const size_t keywordSlash = head.rfind('/');
    if (keywordSlash == std::string_view::npos)
        return query;
    const std::string_view keyword = head.substr(keywordSlash + 1);
    std::string_view repository = head.substr(0, keywordSlash);
    if (keyword == "manifests")
        route.kind = RouteKind::Manifest;
    else if (keyword == "blobs")
        route.kind = RouteKind::Blob;
    else if (keyword == "referrers")
        route.kind = RouteKind::Referrers;
    else if (keyword == "uploads" && repository.ends_with("/blobs")) {
        route.kind = RouteKind::Upload;
        repository.remove_suffix(6);
    } else
        return query;
    route.repository = std::string(repository);
    route.reference = std::string(last);
    return query;
}

} // namespace ferry::oci
