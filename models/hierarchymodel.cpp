#include "hierarchymodel.h"

#include "domain/jsoncodec.h"

#include <QJsonArray>
#include <algorithm>

namespace ferry {

namespace {

const QString kRootName = QStringLiteral("root");

QString key(const QString& name) {
    return name.toLower();
}

} // namespace

struct HierarchyModel::Node {
    QString name;
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children; // sorted by name
    QJsonObject resource;                        // without "children"
    qint64 revision = 0;
    bool isRoot = false;
    // Parsed once per change, since views ask for them on every paint.
    QString mode;
    QString state;
    QString activation;
    QDateTime lastSync;
    double progress = -1;
    QString statusDetails;
};

HierarchyModel::HierarchyModel(QObject* parent)
    : QAbstractItemModel(parent) {}

HierarchyModel::~HierarchyModel() = default;

void HierarchyModel::fill(Node& node, const QJsonObject& resource, qint64 revision) {
    node.resource = resource;
    node.resource.remove(QLatin1StringView("children"));
    node.revision = revision;
    if (node.isRoot) {
        // The root is the ferryd the console talks to: it answered, so it is up.
        node.mode = toString(ConnectedRegistryMode::ReadWrite);
        node.state = toString(ConnectionState::Online);
        node.activation = toString(Activation::Active);
        return;
    }
    node.mode = resource.value(QLatin1StringView("mode")).toString();
    node.state = resource.value(QLatin1StringView("connectionState")).toString();
    node.activation = resource.value(QLatin1StringView("activation")).toString();
    const auto lastSync =
        parseRfc3339(resource.value(QLatin1StringView("lastSyncTime")).toString());
    node.lastSync = lastSync ? lastSync.value() : QDateTime();
    const QJsonObject progress = resource.value(QLatin1StringView("syncProgress")).toObject();
    const double total = progress.value(QLatin1StringView("bytesTotal")).toDouble();
    node.progress =
        total > 0 ? std::clamp(progress.value(QLatin1StringView("bytesDone")).toDouble() / total,
                               0.0, 1.0)
                  : -1;
    QStringList details;
    for (const QJsonValue& value : resource.value(QLatin1StringView("statusDetails")).toArray()) {
        const QJsonObject detail = value.toObject();
        details << QStringLiteral("%1: %2").arg(
            detail.value(QLatin1StringView("code")).toString(),
            detail.value(QLatin1StringView("description")).toString());
    }
    node.statusDetails = details.join(u'\n');
}

void HierarchyModel::clear() {
    beginResetModel();
    m_root.reset();
    m_byName.clear();
    m_rootLoginServer.clear();
    endResetModel();
}

void HierarchyModel::load(const QJsonObject& hierarchy) {
    beginResetModel();
    m_byName.clear();
    m_root = std::make_unique<Node>();
    m_root->name = kRootName;
    m_root->isRoot = true;
    m_rootLoginServer = hierarchy.value(QLatin1StringView("loginServer")).toString();
    fill(*m_root, hierarchy, 0);
    m_byName.insert(kRootName, m_root.get());
    addSubtree(m_root.get(), hierarchy);
    endResetModel();
}

void HierarchyModel::addSubtree(Node* parent, const QJsonObject& json) {
    const QJsonArray children = json.value(QLatin1StringView("children")).toArray();
    parent->children.reserve(size_t(children.size()));
    for (const QJsonValue& value : children) {
        const QJsonObject child = value.toObject();
        auto node = std::make_unique<Node>();
        node->name = key(child.value(QLatin1StringView("name")).toString());
        if (node->name.isEmpty() || m_byName.contains(node->name))
            continue; // nameless or twice: nothing sensible to draw
        node->parent = parent;
        fill(*node, child, qint64(child.value(QLatin1StringView("revision")).toDouble()));
        Node* raw = node.get();
        m_byName.insert(raw->name, raw);
        parent->children.push_back(std::move(node));
        addSubtree(raw, child);
    }
    // The server sorts by name already; sorting again costs little and makes
    // insertNode's binary search safe whatever arrived.
    std::sort(parent->children.begin(), parent->children.end(),
              [](const auto& a, const auto& b) { return a->name < b->name; });
    for (size_t i = 0; i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
}

void HierarchyModel::applyRegistryEvent(const QString& type, const QString& name, qint64 revision,
                                        const QJsonObject& resource) {
    if (!m_root)
        return; // not loaded yet; the load that follows will carry it
    const QString k = key(name);
    Node* node = m_byName.value(k);
    if (type == QLatin1String("deleted")) {
        if (node && !node->isRoot)
            removeNode(node);
        return;
    }
    if (type != QLatin1String("created") && type != QLatin1String("updated"))
        return;
    if (k.isEmpty() || k == kRootName)
        return;
    const QString parentName = resource.value(QLatin1StringView("parent")).toString();
    const QString parentKey = parentName.isEmpty() ? kRootName : key(parentName);
    if (!node) {
        insertNode(parentKey, k, resource, revision);
        return;
    }
    if (revision < node->revision)
        return; // a replay of something the model already holds
    if (node->parent && node->parent->name != parentKey) {
        // Parents never change by the rules; if one does, follow the server.
        removeNode(node);
        insertNode(parentKey, k, resource, revision);
        return;
    }
    const QString before = node->state;
    fill(*node, resource, revision);
    Q_EMIT dataChanged(indexOfNode(node, 0), indexOfNode(node, ColumnCount - 1));
    if (before != node->state)
        Q_EMIT connectionStateChanged(node->name, before, node->state);
}

void HierarchyModel::insertNode(const QString& parentKey, const QString& name,
                                const QJsonObject& resource, qint64 revision) {
    Node* parent = m_byName.value(parentKey);
    if (!parent)
        return; // its parent is unknown yet; a reload will place it
    auto node = std::make_unique<Node>();
    node->name = name;
    node->parent = parent;
    fill(*node, resource, revision);
    auto& siblings = parent->children;
    const auto at = std::lower_bound(siblings.begin(), siblings.end(), name,
                                     [](const auto& n, const QString& v) { return n->name < v; });
    const int row = int(at - siblings.begin());
    beginInsertRows(indexOfNode(parent), row, row);
    m_byName.insert(name, node.get());
    siblings.insert(at, std::move(node));
    for (size_t i = size_t(row); i < siblings.size(); ++i)
        siblings[i]->row = int(i);
    endInsertRows();
}

void HierarchyModel::removeNode(Node* node) {
    Node* parent = node->parent;
    const int row = node->row;
    beginRemoveRows(indexOfNode(parent), row, row);
    forget(node);
    auto& siblings = parent->children;
    siblings.erase(siblings.begin() + row);
    for (size_t i = size_t(row); i < siblings.size(); ++i)
        siblings[i]->row = int(i);
    endRemoveRows();
}

void HierarchyModel::forget(Node* node) {
    m_byName.remove(node->name);
    for (const auto& child : node->children)
        forget(child.get());
}

QHash<QString, int> HierarchyModel::stateCounts() const {
    QHash<QString, int> counts;
    for (const Node* node : m_byName)
        ++counts[node->state];
    return counts;
}

HierarchyModel::Node* HierarchyModel::nodeAt(const QModelIndex& index) const {
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex HierarchyModel::indexOfNode(const Node* node, int column) const {
    if (!node)
        return {};
    return createIndex(node->row, column, const_cast<Node*>(node));
}

QModelIndex HierarchyModel::indexOf(const QString& name, int column) const {
    return indexOfNode(m_byName.value(key(name)), column);
}

QModelIndex HierarchyModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row == 0 && m_root ? createIndex(0, column, m_root.get()) : QModelIndex();
    if (parent.column() != 0)
        return {};
    const Node* node = nodeAt(parent);
    if (size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex HierarchyModel::parent(const QModelIndex& child) const {
    const Node* node = nodeAt(child);
    return node ? indexOfNode(node->parent) : QModelIndex();
}

int HierarchyModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return m_root ? 1 : 0;
    if (parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int HierarchyModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QString HierarchyModel::relativeTime(const QDateTime& time, const QDateTime& now) {
    if (!time.isValid())
        return tr("never");
    const qint64 seconds = time.secsTo(now);
    if (seconds < 10)
        return tr("just now");
    if (seconds < 60)
        return tr("%n s ago", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    return tr("%n days ago", nullptr, int(seconds / 86400));
}

QString HierarchyModel::stateText(const QString& connectionState) {
    if (connectionState == QLatin1String("Online"))
        return tr("Online");
    if (connectionState == QLatin1String("Syncing"))
        return tr("Syncing");
    if (connectionState == QLatin1String("Unhealthy"))
        return tr("Unhealthy");
    if (connectionState == QLatin1String("Offline"))
        return tr("Offline");
    return connectionState;
}

QString HierarchyModel::activationText(const QString& activation) {
    if (activation == QLatin1String("Active"))
        return tr("Active");
    if (activation == QLatin1String("Inactive"))
        return tr("Inactive");
    return activation;
}

QVariant HierarchyModel::data(const QModelIndex& index, int role) const {
    const Node* node = nodeAt(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return node->name;
        case ModeColumn:
            return node->mode;
        case StateColumn:
            return node->activation == QLatin1String("Inactive")
                       ? tr("%1 (inactive)").arg(stateText(node->state))
                       : stateText(node->state);
        case LastSyncColumn:
            return node->isRoot ? QString()
                                : relativeTime(node->lastSync, QDateTime::currentDateTimeUtc());
        }
        return {};
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
    case SummaryRole:
        // The root's empty "last sync" cell still says something when read out.
        if (role == Qt::AccessibleTextRole && index.column() == LastSyncColumn && node->isRoot)
            return tr("does not sync");
        if (index.column() == NameColumn || role == SummaryRole) {
            QString text = tr("%1, %2, %3").arg(node->name, node->mode, stateText(node->state));
            if (node->activation == QLatin1String("Inactive"))
                text += tr(", inactive");
            return text;
        }
        return data(index, Qt::DisplayRole);
    case NameRole:
        return node->name;
    case ModeRole:
        return node->mode;
    case ConnectionStateRole:
        return node->state;
    case ActivationRole:
        return node->activation;
    case LastSyncTimeRole:
        return node->lastSync;
    case SyncProgressRole:
        return node->progress;
    case IsRootRole:
        return node->isRoot;
    case ParentNameRole:
        return node->parent ? node->parent->name : QString();
    case StatusDetailsRole:
        return node->statusDetails;
    case ResourceRole:
        return node->resource;
    case RevisionRole:
        return node->revision;
    }
    return {};
}

QVariant HierarchyModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ModeColumn:
        return tr("Mode");
    case StateColumn:
        return tr("State");
    case LastSyncColumn:
        return tr("Last sync");
    }
    return {};
}

QHash<int, QByteArray> HierarchyModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(ModeRole, "mode");
    names.insert(ConnectionStateRole, "connectionState");
    names.insert(ActivationRole, "activation");
    names.insert(LastSyncTimeRole, "lastSyncTime");
    names.insert(SyncProgressRole, "syncProgress");
    return names;
}

} // namespace ferry
