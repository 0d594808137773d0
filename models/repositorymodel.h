#pragma once
// The registry's content as a tree: repositories at the top, their tags as
// children. Fed by RegistryClient's signals and updated in place (rows are
// inserted and removed, never reset) so views keep their expansion and selection.

#include <QAbstractItemModel>
#include <QStringList>
#include <memory>
#include <vector>

class RegistryClient;

class RepositoryModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole, // RepositoryModel::Kind
        RepositoryNameRole,      // the repository of the row (itself or its parent)
        TagRole,                 // the tag, on tag rows only
        DigestRole,              // a tag's manifest digest, once read (RegistryClient::fetchDigest)
    };
    Q_ENUM(Role)
    enum class Kind { Repository, Tag };
    Q_ENUM(Kind)

    explicit RepositoryModel(QObject* parent = nullptr);
    ~RepositoryModel() override;

    // Feeds the model from the client and lets it ask for tags when a repository opens.
    void connectClient(RegistryClient* client);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // Tags are read lazily, the first time a view opens a repository.
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    QModelIndex repositoryIndex(const QString& name) const;
    QModelIndex tagIndex(const QString& repository, const QString& tag) const;
    QStringList repositories() const;
    // The tags of a repository whose digest is known to be `digest`.
    QStringList tagsWithDigest(const QString& repository, const QString& digest) const;

public Q_SLOTS:
    // The whole catalog. Repositories missing from it are removed; those whose
    // tags were already read are asked for again, so a refresh refreshes them.
    void setRepositories(const QStringList& names);
    void setTags(const QString& repository, const QStringList& tags);
    void clear();
    void setDigest(const QString& repository, const QString& tag, const QString& digest);
    // A deleted tag or manifest goes from the model in place: the rows of
    // what went are removed, nothing is read again.
    void removeTag(const QString& repository, const QString& tag);
    void removeManifest(const QString& repository, const QString& digest);

Q_SIGNALS:
    void tagsNeeded(const QString& repository);

private:
    struct Repository;
    Repository* repositoryAt(const QModelIndex& index) const;
    void renumber(int fromRow);

    std::vector<std::unique_ptr<Repository>> m_repositories; // sorted by name
};
