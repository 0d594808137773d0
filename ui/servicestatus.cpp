#include "servicestatus.h"

#include "icons.h"

#include <QMenu>
#include <QTimer>

namespace ferry::ui {
namespace {

// The service manager sends no news here (no backend subscribes to systemd's
// unit signals, launchd and Windows offer none to an unprivileged reader), so
// the state is read again: often while a start or stop is under way, less
// often otherwise, to notice a service installed, crashed or started
// elsewhere. A query is one small D-Bus round trip, one `launchctl print`, or
// one QueryServiceStatusEx.
constexpr int kIdlePollMs = 10000;
constexpr int kNotInstalledPollMs = 60000; // installing a package takes a while anyway
constexpr int kBusyPollMs = 1000;
constexpr int kRequestPolls = 30;

bool isBusy(SystemService::State state) {
    return state == SystemService::State::Starting || state == SystemService::State::Stopping;
}

} // namespace

ServiceStatus::ServiceStatus(SystemService* service, QWidget* parent)
    : QToolButton(parent)
    , m_service(service)
    , m_menu(new QMenu(tr("S&ystem service"), this))
    , m_start(m_menu->addAction(ferry::ui::icon(QStringLiteral("state-online")),
                                tr("&Start the ferryd service")))
    , m_stop(m_menu->addAction(ferry::ui::icon(QStringLiteral("state-offline")),
                               tr("S&top the ferryd service")))
    , m_check(m_menu->addAction(ferry::ui::icon(QStringLiteral("refresh")), tr("&Check its state")))
    , m_poll(new QTimer(this)) {
    service->setParent(this);
    setObjectName(QStringLiteral("systemServiceStatus"));
    m_menu->setObjectName(QStringLiteral("systemServiceMenu"));
    m_start->setObjectName(QStringLiteral("startSystemServiceAction"));
    m_stop->setObjectName(QStringLiteral("stopSystemServiceAction"));
    m_check->setObjectName(QStringLiteral("checkSystemServiceAction"));
    // What starting and stopping involve depends on who runs the service.
    switch (service->manager()) {
    case SystemService::Manager::Systemd:
        m_start->setStatusTip(
            tr("Start ferryd as the machine's system service (systemd may ask for a password)"));
        m_stop->setStatusTip(
            tr("Stop the machine's ferryd system service (systemd may ask for a password)"));
        break;
    case SystemService::Manager::Launchd:
        m_start->setStatusTip(tr("Start ferryd as your launchd agent, through launchctl"));
        m_stop->setStatusTip(tr("Stop your ferryd launchd agent, through launchctl; your "
                                "next login starts it again"));
        break;
    case SystemService::Manager::WindowsServiceManager:
        m_start->setStatusTip(tr("Start the Windows service Ferry (Windows asks for an "
                                 "administrator's consent)"));
        m_stop->setStatusTip(tr("Stop the Windows service Ferry (Windows asks for an "
                                "administrator's consent)"));
        break;
    case SystemService::Manager::None:
        break; // nothing to start or stop: both stay disabled
    }
    setAccessibleName(tr("System service"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setPopupMode(QToolButton::InstantPopup);
    setMenu(m_menu);

    connect(m_start, &QAction::triggered, this, [this] { requestJob(true); });
    connect(m_stop, &QAction::triggered, this, [this] { requestJob(false); });
    connect(m_check, &QAction::triggered, m_service, &SystemService::refresh);
    connect(m_service, &SystemService::stateChanged, this, [this] {
        m_lastError.clear();
        showState();
    });
    connect(m_service, &SystemService::errorOccurred, this, &ServiceStatus::serviceFailed);
    connect(m_poll, &QTimer::timeout, this, [this] {
        // A job the service manager accepted but that changes nothing
        // visible (a start whose condition fails) stops counting as under
        // way after a while. One it has not answered yet (a consent prompt
        // left open) is still under way: its refusal is this request's.
        if (m_request != Request::None && !m_service->isControlPending() &&
            ++m_requestPolls > kRequestPolls)
            m_request = Request::None;
        m_service->refresh();
    });
    showState();
    m_service->refresh();
}

QString ServiceStatus::stateText() const {
    switch (m_service->state()) {
    case SystemService::State::Unknown:
        return tr("System service: checking…");
    case SystemService::State::NotInstalled:
        return tr("System service: not installed");
    case SystemService::State::Stopped:
        return tr("System service: inactive");
    case SystemService::State::Starting:
        return tr("System service: starting");
    case SystemService::State::Running:
        return tr("System service: active");
    case SystemService::State::Stopping:
        return tr("System service: stopping");
    case SystemService::State::Failed:
        return tr("System service: failed");
    }
    return {};
}

void ServiceStatus::showState() {
    const SystemService::State state = m_service->state();
    const bool installed =
        state != SystemService::State::NotInstalled && state != SystemService::State::Unknown;
    // The icon repeats the words' meaning; the words say it on their own.
    const QString iconName = state == SystemService::State::Running ? QStringLiteral("state-online")
                             : state == SystemService::State::Failed
                                 ? QStringLiteral("state-unhealthy")
                             : isBusy(state) ? QStringLiteral("state-syncing")
                                             : QStringLiteral("state-offline");
    setIcon(ferry::ui::icon(iconName));
    setText(stateText());
    QString tip = m_service->reason();
    if (!m_lastError.isEmpty())
        tip = tr("The state could not be read: %1").arg(m_lastError);
    setToolTip(tip);
    m_start->setEnabled(installed && (state == SystemService::State::Stopped ||
                                      state == SystemService::State::Failed));
    m_stop->setEnabled(installed && (state == SystemService::State::Running ||
                                     state == SystemService::State::Starting));
    if (m_request != Request::None && !isBusy(state))
        m_request = Request::None; // the job has run its course
    m_poll->start(isBusy(state) || m_request != Request::None   ? kBusyPollMs
                  : state == SystemService::State::NotInstalled ? kNotInstalledPollMs
                                                                : kIdlePollMs);
}

void ServiceStatus::requestJob(bool start) {
    m_request = start ? Request::Start : Request::Stop;
    m_requestPolls = 0;
    m_poll->start(kBusyPollMs);
    if (start)
        m_service->start();
    else
        m_service->stop();
}

void ServiceStatus::serviceFailed(const QString& error) {
    if (m_request == Request::None) {
        // A state query failed: say so where the state is shown, not in a
        // message that would come back every poll.
        m_lastError = error;
        showState();
        return;
    }
    const bool starting = m_request == Request::Start;
    m_request = Request::None;
    Q_EMIT message(starting ? tr("The ferryd system service could not be started: %1").arg(error)
                            : tr("The ferryd system service could not be stopped: %1").arg(error),
                   true);
    showState();
}

} // namespace ferry::ui
