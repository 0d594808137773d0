#include "management/managementapi.h"

#include "core/log.h"

namespace ferry::management {

void ManagementApi::addController(std::unique_ptr<Controller> controller) {
    m_controllers.push_back(std::move(controller));
}

http::Response ManagementApi::handle(http::Exchange& exchange, const access::Identity& caller) {
    const std::string_view target = exchange.target();
    const size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    constexpr std::string_view kPrefix = "/api/v1/";
    if (!path.starts_with(kPrefix))
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
    path.remove_prefix(kPrefix.size());
    QStringList segments;
    while (!path.empty()) {
        const size_t slash = path.find('/');
        segments.push_back(QString::fromStdString(oci::percentDecode(path.substr(0, slash))));
        if (slash == std::string_view::npos)
            break;
        path.remove_prefix(slash + 1);
    }
    if (segments.isEmpty())
        return errorResponse(404, "NOT_FOUND", QStringLiteral("No such API route."));
    ApiRequest request{exchange, exchange.method(), segments, oci::Query(query), caller};
    for (const auto& controller : m_controllers) {
        if (controller->area() == segments.first())
            return controller->handle(request);
    }
    return errorResponse(404, "NOT_FOUND",
                         QStringLiteral("No such API route: %1.").arg(segments.first()));
}

} // namespace ferry::management
