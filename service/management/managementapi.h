#pragma once
// The management API's router: /api/v1/<area>/... goes to the controller
// that claims <area>. Authentication happens before (only the admin gets
// here); each controller lives in its own file, one per area.

#include "management/apirequest.h"

#include <memory>
#include <vector>

namespace ferry::management {

class ManagementApi {
public:
    void addController(std::unique_ptr<Controller> controller);
    // target starts with /api/v1/.
    http::Response handle(http::Exchange& exchange, const access::Identity& caller);

private:
    std::vector<std::unique_ptr<Controller>> m_controllers;
};

} // namespace ferry::management
