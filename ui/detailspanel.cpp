#include "detailspanel.h"

#include "consolesession.h"
#include "dimmedrowdelegate.h"
#include "domain/jsoncodec.h"
#include "icons.h"
#include "passwordrotation.h"
#include "registryauditlist.h"
#include "repositorybrowser.h"
#include "tokenlistmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {
constexpr int kEventLogSize = 500;

QString dataSize(double bytes) {
    return QLocale().formattedDataSize(qint64(bytes));
}

// The logging settings' values (a log level, an audit log status) in the
// user's language; anything else as the server sent it.
QString loggingText(const QString& value) {
    static const char* const known[][2] = {
        {"Debug", QT_TRANSLATE_NOOP("ferry::ui::DetailsPanel", "Debug")},
        {"Information", QT_TRANSLATE_NOOP("ferry::ui::DetailsPanel", "Information")},
        {"Warning", QT_TRANSLATE_NOOP("ferry::ui::DetailsPanel", "Warning")},
        {"Error", QT_TRANSLATE_NOOP("ferry::ui::DetailsPanel", "Error")},
        {"None", QT_TRANSLATE_NOOP("ferry::ui::DetailsPanel", "None")},
        {"Enabled", QT_TRANSLATE_NOOP("ferry::ui::DetailsPanel", "Enabled")},
        {"Disabled", QT_TRANSLATE_NOOP("ferry::ui::DetailsPanel", "Disabled")},
    };
    for (const auto& [api, words] : known)
        if (value == QLatin1String(api))
            return DetailsPanel::tr(words);
    return value;
}
} // namespace

QString DetailsPanel::fieldText(const QJsonObject& object, const char* key) {
    const QJsonValue value = object.value(QLatin1StringView(key));
    return value.isNull() || value.isUndefined() ? QStringLiteral("—")
                                                 : value.toVariant().toString();
}

DetailsPanel::DetailsPanel(ConsoleSession* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_propertiesPage(new QWidget(this))
    , m_repositories(new RepositoryBrowser(session->registry(), this))
    , m_tokens(new QTreeWidget(this))
    , m_allTokenModel(new TokenListModel(session->management(), this))
    , m_allTokens(new QTreeView(this))
    , m_events(new QListWidget(this))
    , m_audit(new RegistryAuditList(session, this)) {
    setObjectName(QStringLiteral("detailsPanel"));
    setAccessibleName(tr("Registry details"));
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->setAccessibleName(tr("Registry details"));
    buildProperties();
    m_tabs->addTab(m_repositories, tr("&Repositories"));
    connect(m_repositories, &RepositoryBrowser::message, this, &DetailsPanel::message);
    buildTokens();
    buildSync();
    m_events->setObjectName(QStringLiteral("eventList"));
    m_events->setAccessibleName(tr("Recent events"));
    m_tabs->addTab(m_events, tr("&Events"));
    m_tabs->addTab(m_audit, tr("&Audit"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    setMinimumWidth(340);

    // The row is live: a change from the event stream refreshes what is shown.
    connect(m_session->hierarchy(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft) {
                if (m_index.isValid() && topLeft.siblingAtColumn(0) == m_index)
                    refreshProperties();
            });
    showRegistry({});
}

QLabel* DetailsPanel::addField(const QString& label, const QString& objectName) {
    auto* value = new QLabel(m_propertiesPage);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setWordWrap(true);
    value->setAccessibleName(label);
    m_form->addRow(label + u':', value);
    m_fields.insert(objectName, value);
    return value;
}

void DetailsPanel::buildProperties() {
    m_form = new QFormLayout(m_propertiesPage);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    addField(tr("Name"), QStringLiteral("name"));
    addField(tr("Mode"), QStringLiteral("mode"));
    addField(tr("Parent"), QStringLiteral("parent"));
    addField(tr("State"), QStringLiteral("state"));
    addField(tr("Activation"), QStringLiteral("activation"));
    addField(tr("Last sync"), QStringLiteral("lastSync"));
    addField(tr("Last activity"), QStringLiteral("lastActivity"));
    addField(tr("Sync progress"), QStringLiteral("progress"));
    addField(tr("Version"), QStringLiteral("version"));
    addField(tr("Login server"), QStringLiteral("loginServer"));
    addField(tr("Storage"), QStringLiteral("storage"));
    addField(tr("Logging"), QStringLiteral("logging"));
    addField(tr("Notifications"), QStringLiteral("notifications"));
    addField(tr("Status details"), QStringLiteral("statusDetails"));
    m_tabs->addTab(m_propertiesPage, tr("&Properties"));
}

void DetailsPanel::addRegistryActions(const QList<QAction*>& actions) {
    auto* row = new QHBoxLayout;
    for (QAction* action : actions) {
        auto* button = new QToolButton(m_propertiesPage);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        row->addWidget(button);
    }
    row->addStretch();
    m_form->addRow(row);
}

void DetailsPanel::buildSync() {
    auto* page = new QWidget(this);
    m_syncSummary = new QLabel(page);
    m_syncSummary->setObjectName(QStringLiteral("syncSummary"));
    m_syncSummary->setWordWrap(true);
    m_syncSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syncSummary->setAccessibleName(tr("Sync settings"));
    m_connection = new QLineEdit(page);
    m_connection->setObjectName(QStringLiteral("connectionStringField"));
    m_connection->setReadOnly(true);
    m_connection->setAccessibleName(tr("Connection string"));
    m_connection->setPlaceholderText(tr("Get settings to see the connection string"));
    auto* get = new QPushButton(tr("&Get settings"), page);
    get->setObjectName(QStringLiteral("getSettings"));
    get->setToolTip(tr("Show the connection string without changing any password"));
    auto* copy = new QToolButton(page);
    copy->setObjectName(QStringLiteral("copyConnection"));
    copy->setIcon(icon(QStringLiteral("copy")));
    copy->setToolTip(tr("Copy the connection string"));
    copy->setAccessibleName(tr("Copy the connection string"));
    m_syncRegenerate =
        new QPushButton(icon(QStringLiteral("key")), tr("Regenerate sync password&1"), page);
    m_syncRegenerate->setObjectName(QStringLiteral("regenerateSyncPassword"));
    m_syncRegenerate->setToolTip(
        tr("Make a new sync-token password and connection string for this registry"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_connection, 1);
    row->addWidget(copy);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(get);
    buttons->addWidget(m_syncRegenerate);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(m_syncSummary);
    layout->addLayout(row);
    layout->addLayout(buttons);
    layout->addStretch();
    m_tabs->addTab(page, tr("&Sync"));
    connect(get, &QPushButton::clicked, this, &DetailsPanel::fetchConnectionString);
    connect(copy, &QToolButton::clicked, this, [this] {
        if (!m_connection->text().isEmpty())
            QApplication::clipboard()->setText(m_connection->text());
    });
    connect(m_syncRegenerate, &QPushButton::clicked, this, [this] { regenerate({}, 1); });
}

void DetailsPanel::showRegistry(const QModelIndex& index) {
    m_index = QPersistentModelIndex(index.siblingAtColumn(0));
    m_name = m_index.data(HierarchyModel::NameRole).toString();
    m_connection->clear();
    refreshProperties();
    loadRepositories();
    loadClientTokens();
    m_audit->showRegistry(m_name, m_index.data(HierarchyModel::IsRootRole).toBool(),
                          m_index.data(HierarchyModel::ResourceRole)
                              .toJsonObject()
                              .value(QLatin1StringView("sync"))
                              .toObject()
                              .value(QLatin1StringView("token"))
                              .toString());
    m_events->clear();
    for (const auto& [registry, line] : std::as_const(m_eventLog)) {
        if (registry == m_name)
            m_events->addItem(line);
    }
}

void DetailsPanel::refreshProperties() {
    const QJsonObject r = m_index.data(HierarchyModel::ResourceRole).toJsonObject();
    const bool isRoot = m_index.data(HierarchyModel::IsRootRole).toBool();
    const bool valid = m_index.isValid();
    setEnabled(valid);
    auto set = [this](const char* field, const QString& value) {
        m_fields.value(QLatin1String(field))->setText(value);
    };
    set("name", m_name);
    set("mode", m_index.data(HierarchyModel::ModeRole).toString());
    set("parent", isRoot ? tr("— (this is the root)")
                         : m_index.data(HierarchyModel::ParentNameRole).toString());
    const StateLook look = stateLook(m_index.data(HierarchyModel::ConnectionStateRole).toString());
    m_fields.value(QStringLiteral("state"))
        ->setText(valid ? QStringLiteral(
                              "<img src=\"%1\" width=16 height=16> <b style=\"color:%2\">%3</b>")
                              .arg(iconPath(look.iconName), look.colour.name(), look.text)
                        : QString());
    set("activation",
        HierarchyModel::activationText(m_index.data(HierarchyModel::ActivationRole).toString()));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime lastSync = m_index.data(HierarchyModel::LastSyncTimeRole).toDateTime();
    set("lastSync",
        isRoot ? QStringLiteral("—")
               : HierarchyModel::relativeTime(lastSync, now) +
                     (lastSync.isValid() ? QStringLiteral(" (%1)").arg(formatRfc3339(lastSync))
                                         : QString()));
    set("lastActivity", fieldText(r, "lastActivityTime"));
    const QJsonObject progress = r.value(QLatin1StringView("syncProgress")).toObject();
    set("progress",
        progress.value(QLatin1StringView("bytesTotal")).toDouble() > 0
            ? tr("%1 of %2, %3 of %4 blobs")
                  .arg(dataSize(progress.value(QLatin1StringView("bytesDone")).toDouble()),
                       dataSize(progress.value(QLatin1StringView("bytesTotal")).toDouble()))
                  .arg(progress.value(QLatin1StringView("blobsDone")).toInt())
                  .arg(progress.value(QLatin1StringView("blobsTotal")).toInt())
            : tr("idle"));
    set("version", fieldText(r, "version"));
    set("loginServer", isRoot ? m_session->hierarchy()->rootLoginServer()
                              : r.value(QLatin1StringView("loginServer"))
                                    .toObject()
                                    .value(QLatin1StringView("host"))
                                    .toString());
    const QJsonObject storage = r.value(QLatin1StringView("storage")).toObject();
    set("storage",
        storage.isEmpty()
            ? QStringLiteral("—")
            : tr("%1 used, %2 free")
                  .arg(dataSize(storage.value(QLatin1StringView("usedBytes")).toDouble()),
                       dataSize(storage.value(QLatin1StringView("availableBytes")).toDouble())));
    const QJsonObject logging = r.value(QLatin1StringView("logging")).toObject();
    set("logging", logging.isEmpty() ? QStringLiteral("—")
                                     : tr("%1, audit log %2")
                                           .arg(loggingText(fieldText(logging, "level")),
                                                loggingText(fieldText(logging, "auditLog"))));
    QStringList notifications;
    for (const QJsonValue& v : r.value(QLatin1StringView("notifications")).toArray())
        notifications << v.toString();
    set("notifications",
        notifications.isEmpty() ? tr("none") : notifications.join(QStringLiteral(", ")));
    const QString details = m_index.data(HierarchyModel::StatusDetailsRole).toString();
    set("statusDetails", details.isEmpty() ? tr("none") : details);

    const QJsonObject sync = r.value(QLatin1StringView("sync")).toObject();
    const QJsonObject gc = r.value(QLatin1StringView("garbageCollection")).toObject();
    m_syncSummary->setText(
        isRoot || !valid
            ? tr("The root registry does not sync with a parent.")
            : tr("Sync token: %1\nSchedule: %2\nWindow: %3\nMessage TTL: %4")
                      .arg(fieldText(sync, "token"), fieldText(sync, "schedule"),
                           fieldText(sync, "window"), fieldText(sync, "messageTtl")) +
                  QLatin1Char('\n') +
                  (gc.value(QLatin1StringView("enabled")).toBool()
                       ? tr("Garbage collection: on, %1 (UTC)").arg(fieldText(gc, "schedule"))
                       : tr("Garbage collection: off")));
    m_syncRegenerate->setEnabled(valid && !isRoot);
    m_tabs->setTabEnabled(3, valid && !isRoot);
}

void DetailsPanel::loadRepositories() {
    m_repositories->showNames({});
    if (!m_index.isValid())
        return;
    const QString name = m_name;
    if (m_index.data(HierarchyModel::IsRootRole).toBool()) {
        // The root holds the content itself: its catalog.
        m_repositories->showCatalog();
        return;
    }
    ManagementCall* call = m_session->management()->get(
        QStringLiteral("connected-registries/%1/permissions").arg(ManagementClient::segment(name)));
    connect(call, &ManagementCall::finished, this, [this, call, name] {
        call->deleteLater();
        if (name != m_name)
            return; // another registry was selected meanwhile
        if (!call->response().ok()) {
            m_repositories->showProblem(
                tr("Could not read: %1").arg(call->response().error->message));
            return;
        }
        QStringList names;
        for (const QJsonValue& v :
             call->response().body.value(QLatin1StringView("repositories")).toArray())
            names << v.toString();
        m_repositories->showNames(names);
    });
}

void DetailsPanel::whenAnswered(ManagementCall* call, std::function<void(const QJsonObject&)> use) {
    const QString name = m_name;
    connect(call, &ManagementCall::finished, this, [this, call, name, use = std::move(use)] {
        call->deleteLater();
        if (name != m_name)
            return; // another registry was selected meanwhile
        if (!call->response().ok()) {
            Q_EMIT message(call->response().error->message, true);
            return;
        }
        use(call->response().body);
    });
}

void DetailsPanel::fetchConnectionString() {
    whenAnswered(m_session->management()->post(
                     QStringLiteral("connected-registries/%1/get-settings")
                         .arg(ManagementClient::segment(m_name)),
                     QJsonObject{{QStringLiteral("parentProtocol"), m_session->parentProtocol()}}),
                 [this](const QJsonObject& body) {
                     m_connection->setText(
                         body.value(QLatin1StringView("connectionString")).toString());
                 });
}

PasswordRotation* DetailsPanel::regenerate(const QString& token, int slot) {
    PasswordRotation::Target target;
    target.slot = slot;
    if (token.isEmpty()) {
        target.registry = m_name;
        target.token = m_index.data(HierarchyModel::ResourceRole)
                           .toJsonObject()
                           .value(QLatin1StringView("sync"))
                           .toObject()
                           .value(QLatin1StringView("token"))
                           .toString();
    } else {
        target.token = token;
    }
    auto* rotation = new PasswordRotation(m_session, target, window());
    connect(rotation, &PasswordRotation::finished, this,
            [this, rotation](bool ok, const QString& text) {
                rotation->deleteLater();
                Q_EMIT message(text, !ok);
                if (ok)
                    loadClientTokens();
            });
    rotation->start();
    return rotation;
}

void DetailsPanel::recordEvent(const QString& type, const QJsonObject& data) {
    m_allTokenModel->applyEvent(type, data);
    const QString kind = data.value(QLatin1StringView("kind")).toString();
    QString registry;
    QString what;
    if (type == QLatin1String("notification")) {
        registry = data.value(QLatin1StringView("registry")).toString();
        what = tr("%1 %2:%3")
                   .arg(data.value(QLatin1StringView("action")).toString(),
                        data.value(QLatin1StringView("repository")).toString(),
                        data.value(QLatin1StringView("tag")).toString());
    } else if (kind == QLatin1String("connectedRegistry")) {
        registry = data.value(QLatin1StringView("name")).toString();
        const QJsonObject resource = data.value(QLatin1StringView("resource")).toObject();
        what = resource.isEmpty()
                   ? type
                   : tr("%1 · %2").arg(
                         type, resource.value(QLatin1StringView("connectionState")).toString());
    } else {
        return;
    }
    const QString line = QStringLiteral("%1  %2").arg(
        QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), what);
    m_eventLog.append({registry.toLower(), line});
    if (m_eventLog.size() > kEventLogSize)
        m_eventLog.removeFirst();
    if (registry.compare(m_name, Qt::CaseInsensitive) == 0) {
        m_events->addItem(line);
        m_events->scrollToBottom();
    }
}

} // namespace ferry::ui
