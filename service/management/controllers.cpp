#include "management/controllers.h"

#include "management/admincontroller.h"
#include "management/auditcontroller.h"
#include "management/connectedregistrycontroller.h"
#include "management/eventstream.h"
#include "management/hierarchycontroller.h"
#include "management/scopemapcontroller.h"
#include "management/tokencontroller.h"

namespace ferry::management {

void addControllers(ManagementApi& api, ServiceContext& context) {
    api.addController(std::make_unique<AdminController>(context.store));
    api.addController(std::make_unique<ScopeMapController>(context.store));
    api.addController(std::make_unique<TokenController>(context.store));
    api.addController(std::make_unique<AuditController>(context.store));
    api.addController(std::make_unique<SettingsController>(context.store));
    api.addController(
        std::make_unique<ConnectedRegistryController>(context.store, context.loginServer));
    api.addController(std::make_unique<HierarchyController>(context.store, context.loginServer));
    // The event hub takes the store's one change listener slot.
    context.events = EventHub::attach(context.store);
    api.addController(std::make_unique<EventStreamController>(context.events));
}

} // namespace ferry::management
