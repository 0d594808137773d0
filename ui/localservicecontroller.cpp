#include "localservicecontroller.h"

#include "icons.h"
#include "localservice.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>

namespace ferry::ui {

LocalServiceController::LocalServiceController(LocalService* service, QMainWindow* window)
    : QObject(window)
    , m_service(service)
    , m_window(window)
    , m_stopAction(
          new QAction(icon(QStringLiteral("delete")), tr("S&top the local registry…"), this)) {
    m_stopAction->setObjectName(QStringLiteral("stopLocalAction"));
    const QString tip = tr("Stop the bundled ferryd this console started");
    m_stopAction->setToolTip(tip);
    m_stopAction->setStatusTip(tip);
    connect(m_stopAction, &QAction::triggered, this, [this] { requestStop(false); });
    connect(service, &LocalService::ready, this, &LocalServiceController::updateAction);
    connect(service, &LocalService::errorOccurred, this, &LocalServiceController::updateAction);
    window->installEventFilter(this);
    updateAction();
}

void LocalServiceController::updateAction() {
    m_stopAction->setEnabled(m_service->isRunning());
}

bool LocalServiceController::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && event->type() == QEvent::Close && !m_quitting &&
        m_service->isRunning()) {
        event->ignore();
        requestStop(true);
        return true;
    }
    return QObject::eventFilter(watched, event);
}

void LocalServiceController::requestStop(bool quit) {
    if (m_confirmation || !m_service->isRunning())
        return;
    const QString where =
        m_service->url().isEmpty() ? tr("this computer") : m_service->url().toDisplayString();
    auto* box = new QMessageBox(
        QMessageBox::Question,
        quit ? tr("Quit and stop the local registry?") : tr("Stop the local registry?"),
        tr("The local registry at %1 is running.").arg(where), QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmStopLocal"));
    box->setInformativeText(tr("It stops %1. Anything using it loses it until it is started again: "
                               "podman or skopeo pulling "
                               "and pushing, connected registries syncing from it, another "
                               "console. Its data stays in %2.")
                                .arg(quit ? tr("with the console") : tr("now"),
                                     QDir::toNativeSeparators(m_service->dataDir())));
    QPushButton* stop =
        box->addButton(quit ? tr("&Stop and quit") : tr("&Stop"), QMessageBox::DestructiveRole);
    stop->setObjectName(QStringLiteral("stopButton"));
    stop->setAccessibleName(stop->text().remove(u'&'));
    QAbstractButton* cancel = box->button(QMessageBox::Cancel);
    cancel->setText(tr("&Keep running"));
    cancel->setAccessibleName(tr("Keep the console and the local registry running"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, stop, quit] {
        m_confirmation = nullptr;
        if (box->clickedButton() != stop)
            return;
        Q_EMIT aboutToStop();
        m_service->stop();
        updateAction();
        if (quit) {
            m_quitting = true;
            m_window->close();
        }
    });
    box->open();
}

} // namespace ferry::ui
