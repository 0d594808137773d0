#pragma once
// ferryd's system service under systemd, over the system D-Bus
// (org.freedesktop.systemd1). Starting and stopping go through polkit, which
// may ask for a password. Linux only: the only backend that links Qt D-Bus.

#include "systemservice.h"

#include <QDBusConnection>
#include <functional>

class QDBusMessage;

namespace ferry {

class SystemdService : public SystemService {
    Q_OBJECT
public:
    // The unit on the machine's system bus.
    explicit SystemdService(QObject* parent = nullptr);
    // The unit on a given bus (tests use a private one).
    SystemdService(const QDBusConnection& bus, const QString& unit, QObject* parent = nullptr);

    static constexpr const char* kDefaultUnit = "ferryd.service";

    Manager manager() const override { return Manager::Systemd; }
    void refresh() override;
    void start() override;
    void stop() override;

private:
    void callManager(const QString& method, const QVariantList& arguments, bool interactive,
                     const std::function<void(const QDBusMessage&)>& onReply);
    void readUnit(const QString& path);
    void queueJob(const QString& method);

    QDBusConnection m_bus;
    QString m_unit;
};

} // namespace ferry
