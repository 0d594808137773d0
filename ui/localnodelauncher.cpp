#include "localnodelauncher.h"

#include "consolesession.h"
#include "icons.h"
#include "localservice.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFont>
#include <QJsonObject>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {
constexpr int kLogLines = 2000;

QString field(const QString& connectionString, const QString& key) {
    for (const QString& part : connectionString.split(u';')) {
        const qsizetype equals = part.indexOf(u'=');
        if (equals > 0 && part.left(equals) == key)
            return part.mid(equals + 1);
    }
    return {};
}
} // namespace

LocalNodeLauncher::LocalNodeLauncher(ConsoleSession* session, QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_window(window)
    , m_startAction(
          new QAction(icon(QStringLiteral("server")), tr("Run selected registry &locally…"), this))
    , m_program(LocalService::defaultProgram()) {
    m_startAction->setObjectName(QStringLiteral("runLocallyAction"));
    const QString tip =
        tr("Start the selected connected registry on this computer, for a local test hierarchy");
    m_startAction->setToolTip(tip);
    m_startAction->setStatusTip(tip);
    m_startAction->setEnabled(false);
    connect(m_startAction, &QAction::triggered, this, [this] { requestStart(m_selected); });
}

LocalNodeLauncher::~LocalNodeLauncher() {
    // LocalService's destructor stops each ferryd: none outlives the console.
    qDeleteAll(m_services);
}

QString LocalNodeLauncher::dataDirFor(const QString& name) {
    return QDir(LocalService::defaultDataDir() + QStringLiteral("-connected")).filePath(name);
}

void LocalNodeLauncher::setSelectedRegistry(const QString& name, bool isRoot) {
    m_selected = isRoot ? QString() : name;
    const LocalService* running = m_services.value(m_selected);
    m_startAction->setEnabled(!m_selected.isEmpty() && !(running && running->isRunning()));
}

void LocalNodeLauncher::requestStart(const QString& name) {
    if (name.isEmpty() || m_confirmation)
        return;
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Run %1 on this computer?").arg(name),
        tr("Start the connected registry \"%1\" here, as a further local ferryd?").arg(name),
        QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmRunLocally"));
    box->setInformativeText(
        tr("Its sync token gets a new password1, kept in the keychain; a ferryd elsewhere "
           "that uses the old password1 stops syncing. Its data goes to %1.")
            .arg(QDir::toNativeSeparators(dataDirFor(name))));
    QPushButton* run = box->addButton(tr("&Run locally"), QMessageBox::AcceptRole);
    run->setObjectName(QStringLiteral("runButton"));
    run->setAccessibleName(tr("Run locally"));
    box->setDefaultButton(run);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, run, name] {
        m_confirmation = nullptr;
        if (box->clickedButton() == run)
            start(name);
    });
    box->open();
}

void LocalNodeLauncher::start(const QString& name) {
    LocalService* running = m_services.value(name);
    if (running && running->isRunning())
        return;
    m_startAction->setEnabled(false);
    ManagementCall* call = m_session->management()->post(
        QStringLiteral("connected-registries/%1/get-settings").arg(ManagementClient::segment(name)),
        QJsonObject{{QStringLiteral("parentProtocol"), m_session->parentProtocol()},
                    {QStringLiteral("generatePassword"), 1}});
    connect(call, &ManagementCall::finished, this, [this, call, name] {
        call->deleteLater();
        if (!call->response().ok()) {
            Q_EMIT message(tr("Could not get the settings of %1: %2")
                               .arg(name, call->response().error->message),
                           true);
            setSelectedRegistry(m_selected, m_selected.isEmpty());
            return;
        }
        const QString text =
            call->response().body.value(QLatin1StringView("connectionString")).toString();
        // The password is kept where every secret is; the string goes to ferryd only.
        const QString token = field(text, QStringLiteral("SyncTokenName"));
        CredentialJob* job = m_session->credentials()->write(
            m_session->tokenKey(token, 1), field(text, QStringLiteral("SyncTokenPassword")));
        connect(job, &CredentialJob::finished, this, [this, name, text](CredentialJob* done) {
            if (!done->ok())
                Q_EMIT message(
                    tr("The new sync password of %1 could not be stored in the keychain (%2); the "
                       "local ferryd gets it anyway.")
                        .arg(name, done->errorString()),
                    true);
            launch(name, text);
        });
    });
}

void LocalNodeLauncher::launch(const QString& name, const QString& connectionString) {
    LocalService* service = m_services.value(name);
    if (!service) {
        service = new LocalService;
        m_services.insert(name, service);
        connect(service, &LocalService::outputLine, this,
                [this, name](const QString& line) { logFor(name)->appendPlainText(line); });
        connect(service, &LocalService::ready, this, [this, name](const QUrl& url) {
            Q_EMIT message(tr("%1 runs locally at %2.").arg(name, url.toDisplayString()), false);
            Q_EMIT started(name, url);
        });
        connect(service, &LocalService::errorOccurred, this, [this](const QString& text) {
            Q_EMIT message(text, true);
            setSelectedRegistry(m_selected, m_selected.isEmpty());
        });
        connect(service, &LocalService::stopped, this,
                [this] { setSelectedRegistry(m_selected, m_selected.isEmpty()); });
    }
    service->setProgram(m_program);
    service->setDataDir(dataDirFor(name));
    service->setConnectionString(connectionString);
    logFor(name)->appendPlainText(tr("— starting %1 with data in %2 —")
                                      .arg(name, QDir::toNativeSeparators(dataDirFor(name))));
    showLogWindow();
    service->start();
}

void LocalNodeLauncher::stop(const QString& name) {
    if (LocalService* service = m_services.value(name))
        service->stop();
}

QPlainTextEdit* LocalNodeLauncher::logFor(const QString& name) {
    showLogWindow();
    for (int i = 0; i < m_logs->count(); ++i)
        if (m_logs->tabText(i) == name)
            return static_cast<QPlainTextEdit*>(m_logs->widget(i));
    auto* log = new QPlainTextEdit(m_logs);
    log->setObjectName(QStringLiteral("log-") + name);
    log->setReadOnly(true);
    log->setMaximumBlockCount(kLogLines);
    log->setAccessibleName(tr("Log of %1").arg(name));
    log->setFont(QFont(QStringLiteral("monospace")));
    m_logs->addTab(log, name);
    return log;
}

void LocalNodeLauncher::showLogWindow() {
    if (!m_logWindow) {
        m_logWindow = new QDialog(m_window);
        m_logWindow->setObjectName(QStringLiteral("localRegistriesWindow"));
        m_logWindow->setWindowTitle(tr("Local registries"));
        m_logWindow->setAccessibleName(m_logWindow->windowTitle());
        m_logs = new QTabWidget(m_logWindow);
        m_logs->setAccessibleName(tr("Logs of the local registries"));
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, m_logWindow);
        buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
        QPushButton* stopButton =
            buttons->addButton(tr("&Stop this registry"), QDialogButtonBox::ActionRole);
        stopButton->setObjectName(QStringLiteral("stopLocalRegistry"));
        stopButton->setAccessibleName(tr("Stop the registry whose log is shown"));
        connect(stopButton, &QPushButton::clicked, this, [this] {
            if (m_logs->currentIndex() >= 0)
                stop(m_logs->tabText(m_logs->currentIndex()));
        });
        connect(buttons, &QDialogButtonBox::rejected, m_logWindow, &QDialog::hide);
        auto* layout = new QVBoxLayout(m_logWindow);
        layout->addWidget(m_logs);
        layout->addWidget(buttons);
        m_logWindow->resize(760, 360);
    }
    if (!m_logWindow->isVisible())
        m_logWindow->show();
}

} // namespace ferry::ui
