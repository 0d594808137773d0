// The connection string a connected registry starts with
// (`ferryd --connection-string`): parsing, and format -> parse round trips.
#include "management/connectionstring.h"

#include <QString>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    auto parsed = ferry::management::parseConnectionString(text);
    if (!parsed)
        return 0;
    const ferry::management::ConnectionSettings& settings = parsed.value();
    auto again = ferry::management::parseConnectionString(
        ferry::management::formatConnectionString(settings));
    if (!again || again.value().registry != settings.registry ||
        again.value().syncToken != settings.syncToken ||
        again.value().parentEndpoint != settings.parentEndpoint ||
        again.value().parentProtocol != settings.parentProtocol)
        std::abort();
    return 0;
}
