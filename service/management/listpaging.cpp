#include "management/listpaging.h"

#include "registry/route.h"

#include <algorithm>

namespace ferry::management {

namespace {
constexpr qsizetype kMaxPageSize = 100000;
} // namespace

Result<PageRequest> pageRequest(const ApiRequest& request) {
    PageRequest page;
    page.last = request.queryValue("last");
    if (!request.query.has("n"))
        return page;
    const QString text = request.queryValue("n");
    // Digits only: toLongLong alone would take " 5" (a decoded "+5") or "-0".
    const bool digits =
        !text.isEmpty() && text.size() <= 6 &&
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
    const qlonglong n = digits ? text.toLongLong() : -1;
    if (n < 0 || n > kMaxPageSize)
        return makeError(
            QLatin1StringView("PARAMETER_INVALID"),
            QStringLiteral("'n' must be a whole number from 0 to %1.").arg(kMaxPageSize),
            QStringLiteral("n"));
    page.size = qsizetype(n);
    return page;
}

void addNextLink(http::Response& response, const ApiRequest& request, const char* path,
                 const PageRequest& page, const PageSlice& slice, const QString& lastName,
                 std::initializer_list<const char*> filters) {
    if (!slice.more || !page.size)
        return;
    std::string target = std::string("/api/v1/") + path + '?';
    for (const char* filter : filters) {
        if (request.query.has(filter))
            target +=
                std::string(filter) + '=' + oci::percentEncode(request.query.value(filter)) + '&';
    }
    target +=
        "n=" + std::to_string(*page.size) + "&last=" + oci::percentEncode(lastName.toStdString());
    response.header("Link", '<' + target + ">; rel=\"next\"");
}

} // namespace ferry::management
