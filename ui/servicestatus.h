#pragma once
// The installed ferryd system service, seen from the console's status bar:
// its state in words (not installed, active, inactive, failed, ...) and a
// "System service" menu to start, stop or check it. The menu is also the
// button's drop-down, and the window puts it in the menu bar. Starting and
// stopping go through the platform's service manager (SystemService: systemd
// and polkit, launchctl, or sc.exe with the administrator's consent), which
// may refuse: the refusal comes back as message(), for the window's message
// bar.

#include "systemservice.h"

#include <QToolButton>

class QAction;
class QMenu;
class QTimer;

namespace ferry::ui {

class ServiceStatus : public QToolButton {
    Q_OBJECT
public:
    // Takes service over (parents it) and asks for its state at once.
    explicit ServiceStatus(SystemService* service, QWidget* parent = nullptr);

    SystemService* service() const { return m_service; }
    QMenu* serviceMenu() const { return m_menu; }
    QAction* startAction() const { return m_start; }
    QAction* stopAction() const { return m_stop; }
    QAction* checkAction() const { return m_check; }
    // The state in words, as shown: "System service: active".
    QString stateText() const;

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void showState();
    void requestJob(bool start);
    void serviceFailed(const QString& error);

    SystemService* m_service;
    QMenu* m_menu;
    QAction* m_start;
    QAction* m_stop;
    QAction* m_check;
    QTimer* m_poll;
    enum class Request { None, Start, Stop } m_request = Request::None;
    int m_requestPolls = 0;
    QString m_lastError; // of a state query, shown in the tooltip until the next answer
};

} // namespace ferry::ui
