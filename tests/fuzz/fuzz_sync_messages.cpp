// The sync protocol's JSON messages as the receiving side applies them
// (docs/sync-protocol.md): the configuration a child gets from its parent
// (sync/configapplier) and the status report a parent gets from a child
// (gateway/statusreports), each against a real access store in a temp folder.
#include "access/accessstore.h"
#include "gateway/gatewayapi.h"
#include "sync/configapplier.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

ferry::access::AccessStore& store() {
    static ferry::access::AccessStore* instance = [] {
        char folder[] = "/tmp/ferry-fuzz-sync-XXXXXX";
        if (!::mkdtemp(folder))
            std::abort();
        auto* created = new ferry::access::AccessStore(std::string(folder) + "/access.db");
        if (!created->open())
            std::abort();
        return created;
    }();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1)), &error);
    if (!document.isObject())
        return 0;
    if (data[0] & 1)
        (void)ferry::sync::applyConfig(store(), document.object());
    else
        (void)ferry::gateway::applyStatusReport(store(), QStringLiteral("edge"), document.object());
    return 0;
}
