#include "editregistrydialog.h"

#include "consolesession.h"
#include "domain/jsoncodec.h"
#include "domain/validation.h"
#include "registryform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>

namespace ferry::ui {

namespace {

using L = QLatin1StringView;

using registryform::stringsOf;

QStringList lowered(QStringList list) {
    for (QString& item : list)
        item = item.toLower();
    return list;
}

// Order does not matter to the service; a reordering is not a change.
bool sameItems(QStringList a, QStringList b) {
    a.sort(Qt::CaseInsensitive);
    b.sort(Qt::CaseInsensitive);
    return lowered(a) == lowered(b);
}

constexpr int kMaxClientTokens = 20; // docs/api.md "Rules and their errors"

// Two fields take a cron schedule and two a duration, so a rule's message
// alone ("hour 25 is out of range") does not say which field is wrong: name
// the field as its label does.
QString fieldLabel(const QString& field) {
    if (field == QLatin1String("sync.schedule"))
        return EditRegistryDialog::tr("Sync schedule");
    if (field == QLatin1String("sync.window"))
        return EditRegistryDialog::tr("Sync window");
    if (field == QLatin1String("sync.messageTtl"))
        return EditRegistryDialog::tr("Message TTL");
    if (field == QLatin1String("garbageCollection.schedule"))
        return EditRegistryDialog::tr("Garbage collection schedule");
    if (field.startsWith(QLatin1String("notifications")))
        return EditRegistryDialog::tr("Notifications");
    return {};
}

} // namespace

EditRegistryDialog::EditRegistryDialog(ConsoleSession* session, const QString& name,
                                       QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_name(name)
    , m_summary(new QLabel(this))
    , m_repositories(new QLineEdit(this))
    , m_clientTokens(new QLineEdit(this))
    , m_schedule(new QLineEdit(this))
    , m_window(new QLineEdit(this))
    , m_messageTtl(new QLineEdit(this))
    , m_logLevel(new QComboBox(this))
    , m_auditLog(new QCheckBox(tr("Keep an &audit log on the registry"), this))
    , m_notifications(new QLineEdit(this))
    , m_gcEnabled(new QCheckBox(tr("Collect &garbage on the registry"), this))
    , m_gcSchedule(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_reload(new QPushButton(tr("Re&load"), this))
    , m_save(nullptr)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("editRegistryDialog"));
    setWindowTitle(tr("Edit %1").arg(name));
    m_summary->setObjectName(QStringLiteral("editSummary"));
    m_summary->setWordWrap(true);
    m_repositories->setObjectName(QStringLiteral("editRepositories"));
    m_repositories->setAccessibleName(tr("Repositories"));
    m_repositories->setPlaceholderText(tr("app, team/*"));
    m_repositories->setToolTip(tr("What the registry syncs: names, prefixes ending in /*, or *"));
    m_clientTokens->setObjectName(QStringLiteral("editClientTokens"));
    m_clientTokens->setAccessibleName(tr("Client tokens"));
    m_clientTokens->setPlaceholderText(tr("none; at most 20 token names"));
    m_clientTokens->setToolTip(tr("The tokens the registry's own clients sign in with"));
    m_schedule->setObjectName(QStringLiteral("editSchedule"));
    m_schedule->setAccessibleName(tr("Sync schedule"));
    m_schedule->setToolTip(tr("Five-field cron; * * * * * syncs continuously"));
    m_window->setObjectName(QStringLiteral("editWindow"));
    m_window->setAccessibleName(tr("Sync window"));
    m_window->setPlaceholderText(tr("PT1H to P7D; empty when continuous"));
    m_messageTtl->setObjectName(QStringLiteral("editMessageTtl"));
    m_messageTtl->setAccessibleName(tr("Message TTL"));
    m_messageTtl->setPlaceholderText(tr("P1D to P90D"));
    m_logLevel->setObjectName(QStringLiteral("editLogLevel"));
    m_logLevel->setAccessibleName(tr("Log level"));
    m_logLevel->view()->setAccessibleName(tr("Log levels")); // its popup list, read over AT-SPI
    // Shown in the user's language (the words the details panel uses), sent as the API spells them.
    for (const QString& level : enumSpellings<LogLevel>())
        m_logLevel->addItem(
            QCoreApplication::translate("ferry::ui::DetailsPanel", level.toUtf8().constData()),
            level);
    m_auditLog->setObjectName(QStringLiteral("editAuditLog"));
    m_auditLog->setAccessibleName(tr("Audit log"));
    m_notifications->setObjectName(QStringLiteral("editNotifications"));
    m_notifications->setAccessibleName(tr("Notifications"));
    m_notifications->setPlaceholderText(tr("none; e.g. app:push, *:delete"));
    m_gcEnabled->setObjectName(QStringLiteral("editGcEnabled"));
    m_gcEnabled->setAccessibleName(tr("Garbage collection"));
    m_gcEnabled->setToolTip(
        tr("Remove blobs no manifest uses, abandoned uploads and stray files on the schedule"));
    m_gcSchedule->setObjectName(QStringLiteral("editGcSchedule"));
    m_gcSchedule->setAccessibleName(tr("Garbage collection schedule"));
    m_gcSchedule->setToolTip(tr("Five-field cron, in UTC; 0 3 * * * is every night at 03:00"));
    m_problem->setObjectName(QStringLiteral("editProblem"));
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reload->setObjectName(QStringLiteral("editReload"));
    m_reload->setToolTip(tr("Read the registry again, dropping what was typed here"));
    m_save = m_buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveRegistry"));
    m_buttons->addButton(m_reload, QDialogButtonBox::ResetRole);
    m_reload->hide(); // offered after a refused save only (after addButton, which shows it)

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_summary);
    form->addRow(tr("&Repositories:"), m_repositories);
    form->addRow(tr("Client &tokens:"), m_clientTokens);
    form->addRow(tr("Sync s&chedule:"), m_schedule);
    form->addRow(tr("Sync &window:"), m_window);
    form->addRow(tr("&Message TTL:"), m_messageTtl);
    form->addRow(tr("&Log level:"), m_logLevel);
    form->addRow(QString(), m_auditLog);
    form->addRow(tr("&Notifications:"), m_notifications);
    form->addRow(QString(), m_gcEnabled);
    form->addRow(tr("Garbage collection sc&hedule:"), m_gcSchedule);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    setMinimumWidth(520);

    for (QLineEdit* edit : {m_repositories, m_clientTokens, m_schedule, m_window, m_messageTtl,
                            m_notifications, m_gcSchedule})
        connect(edit, &QLineEdit::textChanged, this, &EditRegistryDialog::validate);
    connect(m_logLevel, &QComboBox::currentIndexChanged, this, &EditRegistryDialog::validate);
    for (QCheckBox* box : {m_auditLog, m_gcEnabled})
        connect(box, &QCheckBox::toggled, this, &EditRegistryDialog::validate);
    // The schedule is kept while collection is off, but only edited while it is on.
    connect(m_gcEnabled, &QCheckBox::toggled, m_gcSchedule, &QWidget::setEnabled);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EditRegistryDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reload, &QPushButton::clicked, this, &EditRegistryDialog::reloadFromServer);
    // The row the event stream keeps live: what the operator saw, and its revision.
    const QModelIndex index = m_session->hierarchy()->indexOf(m_name);
    fill(index.data(HierarchyModel::ResourceRole).toJsonObject(),
         '"' + QByteArray::number(index.data(HierarchyModel::RevisionRole).toLongLong()) + '"');
    loadRepositories();
}

void EditRegistryDialog::reloadFromServer() {
    // Straight from the service, not the live row: the event stream may not
    // have brought the change that made the save fail yet.
    m_reload->hide();
    m_problem->setText(tr("Reading the registry…"));
    setEnabled(false);
    ManagementCall* call = m_session->management()->get(
        QStringLiteral("connected-registries/%1").arg(ManagementClient::segment(m_name)));
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        setEnabled(true);
        if (!call->response().ok()) {
            m_reload->show();
            finishWith(tr("Could not read the registry: %1").arg(call->response().error->message));
            return;
        }
        fill(call->response().body, call->response().etag);
        loadRepositories();
    });
}

void EditRegistryDialog::fill(const QJsonObject& registry, const QByteArray& revision) {
    m_original = registry;
    m_revision = revision;
    const QModelIndex index = m_session->hierarchy()->indexOf(m_name);
    m_summary->setText(tr("%1 · %2 · parent %3 (the name, mode and parent cannot change)")
                           .arg(m_name, index.data(HierarchyModel::ModeRole).toString(),
                                index.data(HierarchyModel::ParentNameRole).toString()));
    const QJsonObject sync = m_original.value(L("sync")).toObject();
    const QJsonObject logging = m_original.value(L("logging")).toObject();
    const QJsonObject gc = m_original.value(L("garbageCollection")).toObject();
    m_clientTokens->setText(
        stringsOf(m_original.value(L("clientTokens"))).join(QStringLiteral(", ")));
    m_schedule->setText(sync.value(L("schedule")).toString());
    m_window->setText(sync.value(L("window")).toString());
    m_messageTtl->setText(sync.value(L("messageTtl")).toString());
    const int level = m_logLevel->findData(logging.value(L("level")).toString());
    m_logLevel->setCurrentIndex(level >= 0 ? level : 0);
    m_auditLog->setChecked(logging.value(L("auditLog")).toString() == QLatin1String("Enabled"));
    m_notifications->setText(
        stringsOf(m_original.value(L("notifications"))).join(QStringLiteral(", ")));
    m_gcEnabled->setChecked(gc.value(L("enabled")).toBool());
    m_gcSchedule->setText(gc.value(L("schedule")).toString());
    m_gcSchedule->setEnabled(m_gcEnabled->isChecked());
    validate();
}

void EditRegistryDialog::loadRepositories() {
    m_repositoriesLoaded = false;
    m_repositories->setEnabled(false);
    validate();
    ManagementCall* call =
        m_session->management()->get(QStringLiteral("connected-registries/%1/permissions")
                                         .arg(ManagementClient::segment(m_name)));
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        if (!call->response().ok()) {
            m_problem->setText(
                tr("Could not read the repositories: %1").arg(call->response().error->message));
            return;
        }
        m_originalRepositories = stringsOf(call->response().body.value(L("repositories")));
        m_repositories->setText(m_originalRepositories.join(QStringLiteral(", ")));
        m_repositories->setEnabled(true);
        m_repositoriesLoaded = true;
        validate();
    });
}

QString EditRegistryDialog::problem() const {
    if (!m_repositoriesLoaded)
        return tr("Reading the registry's repositories…");
    const QStringList repositories = registryform::listFromText(m_repositories->text());
    if (repositories.isEmpty())
        return tr("Name at least one repository (or a pattern such as team/* or *).");
    if (const QString bad = registryform::repositoriesProblem(repositories); !bad.isEmpty())
        return bad;
    // The service's own rules over the whole registry as it would be.
    auto decoded = connectedRegistryFromJson(m_original);
    if (!decoded)
        return decoded.error().message;
    ConnectedRegistry candidate = decoded.value();
    ConnectedRegistry* registry = &candidate;
    registry->clientTokens = registryform::listFromText(m_clientTokens->text());
    if (registry->clientTokens.size() > kMaxClientTokens)
        return tr("A connected registry accepts at most %1 client tokens; these are %2.")
            .arg(kMaxClientTokens)
            .arg(registry->clientTokens.size());
    registry->sync.schedule = m_schedule->text().simplified();
    registry->sync.window = m_window->text().trimmed();
    registry->sync.messageTtl = m_messageTtl->text().trimmed();
    registry->notifications = registryform::listFromText(m_notifications->text());
    registry->garbageCollection.enabled = m_gcEnabled->isChecked();
    registry->garbageCollection.schedule = m_gcSchedule->text().simplified();
    if (const Status status = validateConnectedRegistry(*registry); !status) {
        const QString label = fieldLabel(status.error().field);
        return label.isEmpty() ? status.error().message
                               : tr("%1: %2").arg(label, status.error().message);
    }
    return {};
}

QJsonObject EditRegistryDialog::changes() const {
    QJsonObject patch;
    const QStringList tokens = registryform::listFromText(m_clientTokens->text());
    if (!sameItems(tokens, stringsOf(m_original.value(L("clientTokens")))))
        patch.insert(QStringLiteral("clientTokens"), QJsonArray::fromStringList(tokens));
    const QStringList notifications = registryform::listFromText(m_notifications->text());
    if (!sameItems(notifications, stringsOf(m_original.value(L("notifications")))))
        patch.insert(QStringLiteral("notifications"), QJsonArray::fromStringList(notifications));

    const QJsonObject sync = m_original.value(L("sync")).toObject();
    QJsonObject syncPatch;
    if (const QString schedule = m_schedule->text().simplified();
        schedule != sync.value(L("schedule")).toString())
        syncPatch.insert(QStringLiteral("schedule"), schedule);
    if (const QString window = m_window->text().trimmed();
        window != sync.value(L("window")).toString())
        syncPatch.insert(QStringLiteral("window"),
                         window.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(window));
    if (const QString ttl = m_messageTtl->text().trimmed();
        ttl != sync.value(L("messageTtl")).toString())
        syncPatch.insert(QStringLiteral("messageTtl"), ttl);
    if (!syncPatch.isEmpty())
        patch.insert(QStringLiteral("sync"), syncPatch);

    const QJsonObject logging = m_original.value(L("logging")).toObject();
    QJsonObject loggingPatch;
    if (const QString level = m_logLevel->currentData().toString();
        level != logging.value(L("level")).toString())
        loggingPatch.insert(QStringLiteral("level"), level);
    const QString audit =
        m_auditLog->isChecked() ? QStringLiteral("Enabled") : QStringLiteral("Disabled");
    if (audit != logging.value(L("auditLog")).toString())
        loggingPatch.insert(QStringLiteral("auditLog"), audit);
    if (!loggingPatch.isEmpty())
        patch.insert(QStringLiteral("logging"), loggingPatch);

    const QJsonObject gc = m_original.value(L("garbageCollection")).toObject();
    QJsonObject gcPatch;
    if (m_gcEnabled->isChecked() != gc.value(L("enabled")).toBool())
        gcPatch.insert(QStringLiteral("enabled"), m_gcEnabled->isChecked());
    if (const QString schedule = m_gcSchedule->text().simplified();
        schedule != gc.value(L("schedule")).toString())
        gcPatch.insert(QStringLiteral("schedule"), schedule);
    if (!gcPatch.isEmpty())
        patch.insert(QStringLiteral("garbageCollection"), gcPatch);
    return patch;
}

QStringList EditRegistryDialog::addedRepositories() const {
    QStringList out;
    const QStringList before = lowered(m_originalRepositories);
    for (const QString& repository : registryform::listFromText(m_repositories->text()))
        if (!before.contains(repository.toLower()) && !out.contains(repository.toLower()))
            out << repository.toLower();
    return out;
}

QStringList EditRegistryDialog::removedRepositories() const {
    QStringList out;
    const QStringList after = lowered(registryform::listFromText(m_repositories->text()));
    for (const QString& repository : m_originalRepositories)
        if (!after.contains(repository.toLower()))
            out << repository;
    return out;
}

void EditRegistryDialog::validate() {
    QString text = problem();
    const bool acceptable = text.isEmpty();
    if (acceptable && changes().isEmpty() && addedRepositories().isEmpty() &&
        removedRepositories().isEmpty())
        text = tr("Nothing changed yet.");
    m_problem->setText(text);
    m_save->setEnabled(acceptable && text.isEmpty());
}

void EditRegistryDialog::submit() {
    if (!problem().isEmpty())
        return;
    const QJsonObject patch = changes();
    if (patch.isEmpty()) {
        submitRepositories();
        return;
    }
    m_problem->setText(tr("Saving…"));
    setEnabled(false);
    ManagementCall* call = m_session->management()->patch(
        QStringLiteral("connected-registries/%1").arg(ManagementClient::segment(m_name)), patch,
        {{"If-Match", m_revision}});
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        const ApiResponse& response = call->response();
        if (!response.ok()) {
            if (response.httpStatus == 412) {
                // Someone else changed it since the console showed it: nothing was written.
                m_reload->show();
                finishWith(tr("Not saved: the registry was changed meanwhile (%1). Reload to "
                              "see the change, then edit again.")
                               .arg(response.error->message));
            } else {
                finishWith(response.error->field.isEmpty()
                               ? response.error->message
                               : tr("%1 (%2)").arg(response.error->message, response.error->field));
            }
            return;
        }
        m_original = response.body;
        m_revision = response.etag;
        submitRepositories();
    });
}

void EditRegistryDialog::submitRepositories() {
    const QStringList add = addedRepositories();
    const QStringList remove = removedRepositories();
    if (add.isEmpty() && remove.isEmpty()) {
        Q_EMIT saved(m_name);
        accept();
        return;
    }
    m_problem->setText(tr("Saving the repositories…"));
    setEnabled(false);
    ManagementCall* call = m_session->management()->patch(
        QStringLiteral("connected-registries/%1/permissions")
            .arg(ManagementClient::segment(m_name)),
        QJsonObject{{QStringLiteral("add"), QJsonArray::fromStringList(add)},
                    {QStringLiteral("remove"), QJsonArray::fromStringList(remove)}});
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        if (!call->response().ok()) {
            finishWith(
                tr("The repositories were not changed: %1").arg(call->response().error->message));
            return;
        }
        Q_EMIT saved(m_name);
        accept();
    });
}

void EditRegistryDialog::finishWith(const QString& error) {
    setEnabled(true);
    m_save->setEnabled(false); // until something is typed again, or reloaded
    m_problem->setText(error);
}

} // namespace ferry::ui
