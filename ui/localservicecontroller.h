#pragma once
// The operator decides when the bundled ferryd stops. While it runs, closing
// the console or "Stop the local registry" first asks: podman, skopeo,
// connected registries or another console may be using it, and stopping it
// cuts them off. Cancel keeps both the console and ferryd running (ferryd is
// the console's child, so it cannot outlive the console).

#include <QObject>

class LocalService;
class QAction;
class QMainWindow;
class QMessageBox;

namespace ferry::ui {

class LocalServiceController : public QObject {
    Q_OBJECT
public:
    LocalServiceController(LocalService* service, QMainWindow* window);

    QAction* stopAction() const { return m_stopAction; }
    // The question on screen, if any (tests).
    QMessageBox* confirmation() const { return m_confirmation; }

    // Asks, then stops ferryd (and closes the window when quitting).
    void requestStop(bool quit);

Q_SIGNALS:
    // Just before ferryd is told to stop: a client of it (the console's own
    // event stream) should let go, or ferryd waits for it to finish.
    void aboutToStop();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateAction();

    LocalService* m_service;
    QMainWindow* m_window;
    QAction* m_stopAction;
    QMessageBox* m_confirmation = nullptr;
    bool m_quitting = false; // confirmed: let the close through
};

} // namespace ferry::ui
