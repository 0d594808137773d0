#pragma once
// The single authorization point every /v2/ route passes through. A route
// states what it needs (pull on a repository, push, delete, metadata read,
// the catalog); the controller answers with a Grant or the error response
// (401 with a challenge, 403). Until access control is configured, the
// anonymous controller grants everything.

#include "http/exchange.h"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ferry::auth {

enum class Action { Pull, Push, Delete, MetadataRead, MetadataWrite };

// The scope map action a route needs: content/read, content/write, ...
std::string_view actionName(Action action);

struct Requirement {
    std::string repository; // empty with Action::MetadataRead means the catalog
    Action action;
};

// What the caller may do, for decisions a route makes itself (which
// repositories the catalog shows, whether a cross-repository mount may read
// its source).
class Grant {
public:
    virtual ~Grant() = default;
    virtual bool allows(std::string_view repository, Action action) const = 0;
    virtual std::string subject() const = 0; // who, for logs and audit; never a secret
};

struct Decision {
    std::shared_ptr<const Grant> grant;   // set when allowed
    std::optional<http::Response> denial; // set when refused
    bool allowed() const { return grant != nullptr; }
};

class AccessController {
public:
    virtual ~AccessController() = default;
    virtual Decision authorize(const http::Exchange& exchange,
                               std::span<const Requirement> requirements) = 0;
};

// Serves everyone everything: the registry before access control is enabled.
class AnonymousAccess final : public AccessController {
public:
    Decision authorize(const http::Exchange&, std::span<const Requirement>) override;
};

} // namespace ferry::auth
