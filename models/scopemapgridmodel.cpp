#include "scopemapgridmodel.h"

#include "domain/names.h"

#include <QSet>

namespace ferry {

namespace {

constexpr RepositoryPermission kRepositoryColumns[] = {
    RepositoryPermission::ContentRead, RepositoryPermission::ContentWrite,
    RepositoryPermission::ContentDelete, RepositoryPermission::MetadataRead,
    RepositoryPermission::MetadataWrite};
constexpr GatewayPermission kGatewayColumns[] = {
    GatewayPermission::ConfigRead, GatewayPermission::ConfigWrite, GatewayPermission::MessageRead,
    GatewayPermission::MessageWrite};

} // namespace

ScopeMapGridModel::ScopeMapGridModel(Kind kind, QObject* parent)
    : QAbstractTableModel(parent)
    , m_kind(kind) {}

void ScopeMapGridModel::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
}

int ScopeMapGridModel::permissionCount() const {
    return m_kind == Kind::Repositories ? int(std::size(kRepositoryColumns))
                                        : int(std::size(kGatewayColumns));
}

QString ScopeMapGridModel::permissionName(int column) const {
    return m_kind == Kind::Repositories ? toString(kRepositoryColumns[column - 1])
                                        : toString(kGatewayColumns[column - 1]);
}

int ScopeMapGridModel::columnOf(const QString& permission) const {
    for (int column = 1; column <= permissionCount(); ++column) {
        if (permissionName(column) == permission)
            return column;
    }
    return -1;
}

ScopeAction ScopeMapGridModel::actionAt(const Row& row, int column) const {
    const QString resource = names::canonicalName(row.resource);
    return m_kind == Kind::Repositories
               ? ScopeAction::repository(resource, kRepositoryColumns[column - 1])
               : ScopeAction::gateway(resource, kGatewayColumns[column - 1]);
}

void ScopeMapGridModel::setActions(const QList<ScopeAction>& actions) {
    beginResetModel();
    m_rows.clear();
    const ScopeAction::Kind wanted =
        m_kind == Kind::Repositories ? ScopeAction::Kind::Repository : ScopeAction::Kind::Gateway;
    for (const ScopeAction& action : actions) {
        if (action.kind() != wanted)
            continue;
        auto row = std::find_if(m_rows.begin(), m_rows.end(),
                                [&](const Row& r) { return r.resource == action.resource(); });
        if (row == m_rows.end()) {
            m_rows.append(Row{action.resource(), QList<bool>(permissionCount(), false)});
            row = m_rows.end() - 1;
        }
        const QString permission = m_kind == Kind::Repositories
                                       ? toString(action.repositoryPermission())
                                       : toString(action.gatewayPermission());
        row->allowed[columnOf(permission) - 1] = true;
    }
    endResetModel();
}

QStringList ScopeMapGridModel::actions() const {
    QStringList out;
    for (int r = 0; r < m_rows.size(); ++r) {
        if (!problemAt(r).isEmpty())
            continue;
        for (int column = 1; column <= permissionCount(); ++column) {
            if (m_rows.at(r).allowed.at(column - 1))
                out.append(actionAt(m_rows.at(r), column).toString());
        }
    }
    return out;
}

int ScopeMapGridModel::appendRow(const QString& resource) {
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{resource, QList<bool>(permissionCount(), false)});
    endInsertRows();
    Q_EMIT edited();
    return row;
}

bool ScopeMapGridModel::removeRows(int row, int count, const QModelIndex& parent) {
    if (parent.isValid() || row < 0 || count < 1 || row + count > m_rows.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    // A duplicate's problem may have gone with the removed row.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, 0));
    Q_EMIT edited();
    return true;
}

QString ScopeMapGridModel::problemAt(int row) const {
    if (row < 0 || row >= m_rows.size())
        return {};
    const QString resource = m_rows.at(row).resource.trimmed();
    if (resource.isEmpty())
        return m_kind == Kind::Repositories
                   ? tr("Type a repository name, a name ending in /*, or *.")
                   : tr("Type the name of a connected registry.");
    // The service's own rules: the whole action must parse.
    if (m_kind == Kind::Repositories) {
        const auto parsed =
            ScopeAction::parse(QStringLiteral("repositories/%1/content/read").arg(resource));
        if (!parsed)
            return tr("\"%1\" is not a repository name or pattern (lower-case OCI names, "
                      "\"team/*\" or \"*\").")
                .arg(resource);
    } else if (const Status valid = names::validateConnectedRegistryName(resource); !valid) {
        return valid.error().message;
    }
    const QString canonical = names::canonicalName(resource);
    for (int other = 0; other < row; ++other) {
        if (names::canonicalName(m_rows.at(other).resource.trimmed()) == canonical)
            return tr("\"%1\" is already in row %2.").arg(resource).arg(other + 1);
    }
    // A named row with nothing ticked would grant nothing: saving would drop
    // it without a word, though the operator typed it meaning to grant
    // something. Say so and let them tick, or remove the row on purpose.
    if (!m_rows.at(row).allowed.contains(true))
        return tr("Tick at least one action for \"%1\", or remove the row.").arg(resource);
    return {};
}

QString ScopeMapGridModel::firstProblem() const {
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString problem = problemAt(row);
        if (!problem.isEmpty())
            return tr("Row %1: %2").arg(row + 1).arg(problem);
    }
    return {};
}

int ScopeMapGridModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ScopeMapGridModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 1 + permissionCount();
}

QVariant ScopeMapGridModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= columnCount())
        return {};
    const Row& row = m_rows.at(index.row());
    if (role == ProblemRole || (role == Qt::ToolTipRole && index.column() == ResourceColumn))
        return problemAt(index.row());
    if (index.column() == ResourceColumn) {
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return row.resource;
        if (role == Qt::AccessibleTextRole)
            return row.resource.isEmpty() ? tr("empty row") : row.resource;
        return {};
    }
    const bool allowed = row.allowed.at(index.column() - 1);
    if (role == Qt::CheckStateRole)
        return allowed ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::AccessibleTextRole)
        return (allowed ? tr("%1 on %2: allowed") : tr("%1 on %2: not allowed"))
            .arg(permissionName(index.column()), row.resource);
    return {};
}

bool ScopeMapGridModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= columnCount())
        return false;
    if (m_readOnly)
        return false;
    Row& row = m_rows[index.row()];
    if (index.column() == ResourceColumn) {
        if (role != Qt::EditRole)
            return false;
        row.resource = value.toString().trimmed();
        // Every row below may now be, or no longer be, a duplicate.
        Q_EMIT dataChanged(index, this->index(int(m_rows.size()) - 1, ResourceColumn));
        Q_EMIT edited();
        return true;
    }
    if (role != Qt::CheckStateRole)
        return false;
    row.allowed[index.column() - 1] = value.toInt() == Qt::Checked;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole, Qt::AccessibleTextRole});
    // The first tick, or the last untick, changes the row's problem.
    const QModelIndex resource = this->index(index.row(), ResourceColumn);
    Q_EMIT dataChanged(resource, resource);
    Q_EMIT edited();
    return true;
}

Qt::ItemFlags ScopeMapGridModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Qt::ItemFlags base = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_readOnly)
        return base;
    return index.column() == ResourceColumn ? base | Qt::ItemIsEditable
                                            : base | Qt::ItemIsUserCheckable;
}

QVariant ScopeMapGridModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (section == ResourceColumn)
        return m_kind == Kind::Repositories ? tr("Repository") : tr("Connected registry");
    return section < columnCount() ? permissionName(section) : QVariant();
}

} // namespace ferry
