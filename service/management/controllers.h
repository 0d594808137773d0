#pragma once
// Registers every management API area. One line per controller, so areas can
// be added without touching the router or the daemon.

#include "access/accessstore.h"
#include "management/managementapi.h"

#include <functional>
#include <memory>
#include <string>

namespace ferry {
class ScrubStatus;
}

namespace ferry::management {

class EventHub;

// What controllers may need from the running service besides the store.
struct ServiceContext {
    access::AccessStore& store;
    // host[:port] clients use to reach this registry (for login servers and
    // connection strings), and whether it serves https.
    std::function<std::string()> loginServer;
    bool tls = false;
    // Set by addControllers: the live event stream, for whoever publishes to it.
    std::shared_ptr<EventHub> events;
    // The online scrub's last findings (storage/scrubber.h), for metrics and
    // a connected registry's status details; null in tests without one.
    std::shared_ptr<ScrubStatus> scrub;
};

void addControllers(ManagementApi& api, ServiceContext& context);

} // namespace ferry::management
