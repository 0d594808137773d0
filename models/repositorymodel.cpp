#include "repositorymodel.h"

#include "registryclient.h"

#include <algorithm>

namespace {

QStringList sortedUnique(QStringList names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    names.removeAll(QString());
    return names;
}

// Walks the current sorted names against the wanted sorted names and reports
// contiguous runs to remove and to insert, so a view sees the smallest change
// instead of a reset. Callbacks run in row order and must apply the change.
template <typename Count, typename Key, typename Remove, typename Insert>
void mergeSorted(const QStringList& wanted, Count count, Key key, Remove remove, Insert insert) {
    int row = 0;
    qsizetype next = 0;
    while (row < count() || next < wanted.size()) {
        const auto goneBefore = [&](int r) {
            return r < count() && (next == wanted.size() || key(r) < wanted[next]);
        };
        if (goneBefore(row)) {
            int last = row;
            while (goneBefore(last + 1))
                ++last;
            remove(row, last);
            continue;
        }
        const auto newBefore = [&](qsizetype n) {
            return n < wanted.size() && (row == count() || wanted[n] < key(row));
        };
        if (newBefore(next)) {
            qsizetype end = next;
            while (newBefore(end + 1))
                ++end;
            const QStringList added = wanted.mid(next, end - next + 1);
            insert(row, added);
            row += int(added.size());
            next = end + 1;
            continue;
        }
        ++row;
        ++next;
    }
}

} // namespace

struct RepositoryModel::Repository {
    enum class Tags { NotRead, Reading, Read };
    QString name;
    QStringList tags;                // sorted
    QHash<QString, QString> digests; // tag -> manifest digest, as far as read
    Tags tagState = Tags::NotRead;
    int row = 0; // kept current so parent() of a tag is O(1)
};

RepositoryModel::RepositoryModel(QObject* parent)
    : QAbstractItemModel(parent) {}

RepositoryModel::~RepositoryModel() = default;

void RepositoryModel::connectClient(RegistryClient* client) {
    connect(client, &RegistryClient::catalogReceived, this, &RepositoryModel::setRepositories);
    connect(client, &RegistryClient::tagsReceived, this, &RepositoryModel::setTags);
    connect(this, &RepositoryModel::tagsNeeded, client, &RegistryClient::fetchTags);
    connect(client, &RegistryClient::digestReceived, this, &RepositoryModel::setDigest);
    connect(client, &RegistryClient::tagDeleted, this, &RepositoryModel::removeTag);
    connect(client, &RegistryClient::manifestDeleted, this, &RepositoryModel::removeManifest);
}

RepositoryModel::Repository* RepositoryModel::repositoryAt(const QModelIndex& index) const {
    if (!index.isValid() || index.internalPointer())
        return nullptr;
    return m_repositories[size_t(index.row())].get();
}

QModelIndex RepositoryModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, nullptr);
    if (Repository* repository = repositoryAt(parent))
        return createIndex(row, column, repository);
    return {};
}

QModelIndex RepositoryModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || !child.internalPointer())
        return {};
    const auto* repository = static_cast<const Repository*>(child.internalPointer());
    return createIndex(repository->row, 0, nullptr);
}

int RepositoryModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return int(m_repositories.size());
    if (parent.column() != 0)
        return 0;
    const Repository* repository = repositoryAt(parent);
    return repository ? int(repository->tags.size()) : 0;
}

int RepositoryModel::columnCount(const QModelIndex&) const {
    return 1;
}

bool RepositoryModel::hasChildren(const QModelIndex& parent) const {
    if (!parent.isValid())
        return !m_repositories.empty();
    const Repository* repository = parent.column() == 0 ? repositoryAt(parent) : nullptr;
    if (!repository)
        return false;
    // Until the tags are read, offer the expander so opening it can fetch them.
    return repository->tagState != Repository::Tags::Read || !repository->tags.isEmpty();
}

QVariant RepositoryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto* owner = static_cast<const Repository*>(index.internalPointer());
    const bool isTag = owner != nullptr;
    const Repository* repository = isTag ? owner : m_repositories[size_t(index.row())].get();
    switch (role) {
    case Qt::DisplayRole:
        return isTag ? repository->tags[index.row()] : repository->name;
    case Qt::ToolTipRole: {
        if (!isTag)
            return repository->name;
        const QString tag = repository->tags[index.row()];
        const QString digest = repository->digests.value(tag);
        return digest.isEmpty() ? QStringLiteral("%1:%2").arg(repository->name, tag)
                                : QStringLiteral("%1:%2\n%3").arg(repository->name, tag, digest);
    }
    case KindRole:
        return QVariant::fromValue(isTag ? Kind::Tag : Kind::Repository);
    case RepositoryNameRole:
        return repository->name;
    case TagRole:
        return isTag ? QVariant(repository->tags[index.row()]) : QVariant();
    case DigestRole: {
        const QString digest =
            isTag ? repository->digests.value(repository->tags[index.row()]) : QString();
        return digest.isEmpty() ? QVariant() : QVariant(digest);
    }
    default:
        return {};
    }
}

QVariant RepositoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && section == 0 && role == Qt::DisplayRole)
        return tr("Repository");
    return {};
}

QHash<int, QByteArray> RepositoryModel::roleNames() const {
    auto names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(RepositoryNameRole, "repositoryName");
    names.insert(TagRole, "tag");
    names.insert(DigestRole, "digest");
    return names;
}

bool RepositoryModel::canFetchMore(const QModelIndex& parent) const {
    const Repository* repository = parent.column() == 0 ? repositoryAt(parent) : nullptr;
    return repository && repository->tagState == Repository::Tags::NotRead;
}

void RepositoryModel::fetchMore(const QModelIndex& parent) {
    Repository* repository = parent.column() == 0 ? repositoryAt(parent) : nullptr;
    if (!repository || repository->tagState != Repository::Tags::NotRead)
        return;
    repository->tagState = Repository::Tags::Reading;
    Q_EMIT tagsNeeded(repository->name);
}

QModelIndex RepositoryModel::repositoryIndex(const QString& name) const {
    const auto found = std::lower_bound(m_repositories.begin(), m_repositories.end(), name,
                                        [](const std::unique_ptr<Repository>& repository,
                                           const QString& key) { return repository->name < key; });
    if (found == m_repositories.end() || (*found)->name != name)
        return {};
    return createIndex((*found)->row, 0, nullptr);
}

QStringList RepositoryModel::repositories() const {
    QStringList names;
    names.reserve(qsizetype(m_repositories.size()));
    for (const auto& repository : m_repositories)
        names << repository->name;
    return names;
}

void RepositoryModel::setRepositories(const QStringList& names) {
    const QStringList wanted = sortedUnique(names);
    QStringList refresh;
    for (const auto& repository : m_repositories)
        if (repository->tagState != Repository::Tags::NotRead && wanted.contains(repository->name))
            refresh << repository->name;

    mergeSorted(
        wanted, [this] { return int(m_repositories.size()); },
        [this](int row) { return m_repositories[size_t(row)]->name; },
        [this](int first, int last) {
            beginRemoveRows({}, first, last);
            m_repositories.erase(m_repositories.begin() + first, m_repositories.begin() + last + 1);
            renumber(first);
            endRemoveRows();
        },
        [this](int row, const QStringList& added) {
            beginInsertRows({}, row, row + int(added.size()) - 1);
            std::vector<std::unique_ptr<Repository>> fresh;
            for (const QString& name : added) {
                fresh.push_back(std::make_unique<Repository>());
                fresh.back()->name = name;
            }
            m_repositories.insert(m_repositories.begin() + row,
                                  std::make_move_iterator(fresh.begin()),
                                  std::make_move_iterator(fresh.end()));
            renumber(row);
            endInsertRows();
        });

    for (const QString& name : refresh) {
        m_repositories[size_t(repositoryIndex(name).row())]->tagState = Repository::Tags::Reading;
        Q_EMIT tagsNeeded(name);
    }
}

void RepositoryModel::setTags(const QString& repositoryName, const QStringList& tags) {
    const QModelIndex parent = repositoryIndex(repositoryName);
    if (!parent.isValid())
        return; // answered for a repository that has since gone from the catalog
    Repository* repository = m_repositories[size_t(parent.row())].get();
    const bool hadChildren = hasChildren(parent);
    repository->tagState = Repository::Tags::Read;
    mergeSorted(
        sortedUnique(tags), [repository] { return int(repository->tags.size()); },
        [repository](int row) { return repository->tags[row]; },
        [this, parent, repository](int first, int last) {
            beginRemoveRows(parent, first, last);
            for (int row = first; row <= last; ++row)
                repository->digests.remove(repository->tags[row]);
            repository->tags.remove(first, last - first + 1);
            endRemoveRows();
        },
        [this, parent, repository](int row, const QStringList& added) {
            beginInsertRows(parent, row, row + int(added.size()) - 1);
            for (qsizetype i = 0; i < added.size(); ++i)
                repository->tags.insert(row + i, added[i]);
            endInsertRows();
        });
    // The expander disappears when a repository turns out to have no tags.
    if (hadChildren != hasChildren(parent))
        Q_EMIT dataChanged(parent, parent);
}

void RepositoryModel::clear() {
    if (m_repositories.empty())
        return;
    beginResetModel();
    m_repositories.clear();
    endResetModel();
}

void RepositoryModel::renumber(int fromRow) {
    for (size_t row = size_t(fromRow); row < m_repositories.size(); ++row)
        m_repositories[row]->row = int(row);
}

QModelIndex RepositoryModel::tagIndex(const QString& repositoryName, const QString& tag) const {
    const QModelIndex parent = repositoryIndex(repositoryName);
    if (!parent.isValid())
        return {};
    const Repository* repository = m_repositories[size_t(parent.row())].get();
    const auto found = std::lower_bound(repository->tags.begin(), repository->tags.end(), tag);
    if (found == repository->tags.end() || *found != tag)
        return {};
    return index(int(found - repository->tags.begin()), 0, parent);
}

QStringList RepositoryModel::tagsWithDigest(const QString& repositoryName,
                                            const QString& digest) const {
    const QModelIndex parent = repositoryIndex(repositoryName);
    if (!parent.isValid())
        return {};
    const Repository* repository = m_repositories[size_t(parent.row())].get();
    QStringList tags;
    for (const QString& tag : repository->tags)
        if (repository->digests.value(tag) == digest)
            tags << tag;
    return tags;
}

void RepositoryModel::setDigest(const QString& repositoryName, const QString& tag,
                                const QString& digest) {
    const QModelIndex index = tagIndex(repositoryName, tag);
    if (!index.isValid())
        return;
    Repository* repository = m_repositories[size_t(index.parent().row())].get();
    if (repository->digests.value(tag) == digest)
        return;
    repository->digests.insert(tag, digest);
    Q_EMIT dataChanged(index, index, {Qt::ToolTipRole, DigestRole});
}

void RepositoryModel::removeTag(const QString& repositoryName, const QString& tag) {
    const QModelIndex index = tagIndex(repositoryName, tag);
    if (!index.isValid())
        return;
    const QModelIndex parent = index.parent();
    Repository* repository = m_repositories[size_t(parent.row())].get();
    const bool hadChildren = hasChildren(parent);
    beginRemoveRows(parent, index.row(), index.row());
    repository->digests.remove(tag);
    repository->tags.removeAt(index.row());
    endRemoveRows();
    if (hadChildren != hasChildren(parent))
        Q_EMIT dataChanged(parent, parent);
}

void RepositoryModel::removeManifest(const QString& repositoryName, const QString& digest) {
    // The registry removed every tag that pointed at the manifest; so does the model.
    for (const QString& tag : tagsWithDigest(repositoryName, digest))
        removeTag(repositoryName, tag);
    // A tag whose digest was never read may have pointed at it too: read
    // this one repository's tags again (merged in place, not reset).
    const QModelIndex parent = repositoryIndex(repositoryName);
    if (!parent.isValid())
        return;
    Repository* repository = m_repositories[size_t(parent.row())].get();
    const bool unknown = std::any_of(
        repository->tags.cbegin(), repository->tags.cend(),
        [repository](const QString& tag) { return !repository->digests.contains(tag); });
    if (unknown && repository->tagState == Repository::Tags::Read) {
        repository->tagState = Repository::Tags::Reading;
        Q_EMIT tagsNeeded(repositoryName);
    }
}
