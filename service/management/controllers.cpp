#include "management/controllers.h"

namespace ferry::management {

void addControllers(ManagementApi& api, ServiceContext& context)
{
    (void)api;
    (void)context;
}

} // namespace ferry::management
