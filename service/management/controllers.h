#pragma once
// Registers every management API area. One line per controller, so areas can
// be added without touching the router or the daemon.

#include "access/accessstore.h"
#include "management/managementapi.h"

#include <functional>
#include <string>

namespace ferry::management {

// What controllers may need from the running service besides the store.
struct ServiceContext {
    access::AccessStore& store;
    // host[:port] clients use to reach this registry (for login servers and
    // connection strings), and whether it serves https.
    std::function<std::string()> loginServer;
    bool tls = false;
};

void addControllers(ManagementApi& api, ServiceContext& context);

} // namespace ferry::management
