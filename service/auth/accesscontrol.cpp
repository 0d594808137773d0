#include "auth/accesscontrol.h"

namespace ferry::auth {

std::string_view actionName(Action action) {
    switch (action) {
    case Action::Pull:
        return "content/read";
    case Action::Push:
        return "content/write";
    case Action::Delete:
        return "content/delete";
    case Action::MetadataRead:
        return "metadata/read";
    case Action::MetadataWrite:
        return "metadata/write";
    }
    return "pull";
}

namespace {
class EverythingGrant final : public Grant {
public:
    bool allows(std::string_view, Action) const override { return true; }
    std::string subject() const override { return "anonymous"; }
};
} // namespace

Decision AnonymousAccess::authorize(const http::Exchange&, std::span<const Requirement>) {
    static const auto grant = std::make_shared<EverythingGrant>();
    return Decision{grant, std::nullopt};
}

} // namespace ferry::auth
