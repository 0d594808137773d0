#pragma once
// The sync tree as an item model: the root ferryd at the top, each connected
// registry under its parent, children sorted by name. The one source of truth
// for the console's tree list and diagram; both only listen to it.
//
// Loaded whole from GET /api/v1/hierarchy, then kept current by single
// changes (applyRegistryEvent) taken from the event stream: a change touches
// only its own row (dataChanged), a new registry is one inserted row, a
// deleted one a removed row. Only load() resets the model.

#include "domain/types.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <memory>
#include <vector>

namespace ferry {

class HierarchyModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ModeColumn, StateColumn, LastSyncColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        NameRole = Qt::UserRole + 1, // QString, lower case as the server stores it
        ModeRole,                    // QString "ReadWrite" / "ReadOnly"
        ConnectionStateRole,         // QString "Online" / "Offline" / "Syncing" / "Unhealthy"
        ActivationRole,              // QString "Active" / "Inactive"
        LastSyncTimeRole,            // QDateTime UTC, invalid when never synced
        SyncProgressRole,            // double 0..1 while a sync run moves bytes, else -1
        IsRootRole,                  // bool
        ParentNameRole,              // QString, empty for the root
        StatusDetailsRole,           // QString, one line per detail
        ResourceRole,                // QJsonObject, the registry as the server sent it
        RevisionRole,                // qint64
        SummaryRole,                 // "edge1, ReadOnly, Online": what a screen reader says
    };
    Q_ENUM(Role)

    explicit HierarchyModel(QObject* parent = nullptr);
    ~HierarchyModel() override;

    // A whole GET /api/v1/hierarchy answer. Resets the model: used at
    // connection and after the event stream says `reset`.
    void load(const QJsonObject& hierarchy);
    void clear();
    // One connected-registry event of the stream: type is created, updated or
    // deleted; resource is null for deleted. An event older than what the
    // model holds (by revision) is ignored, so replays are harmless.
    void applyRegistryEvent(const QString& type, const QString& name, qint64 revision,
                            const QJsonObject& resource);

    QModelIndex indexOf(const QString& name, int column = 0) const;
    int registryCount() const { return int(m_byName.size()); } // the root included
    // How many nodes are in each connection state (the root counts as Online).
    QHash<QString, int> stateCounts() const;
    QString rootLoginServer() const { return m_rootLoginServer; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "3 min ago", "just now", "never": how the console shows a time.
    static QString relativeTime(const QDateTime& time, const QDateTime& now);
    // A connectionState (Online, Syncing, Unhealthy, Offline) or an
    // activationStatus (Active, Inactive) in the user's language; an
    // unknown value as it came.
    static QString stateText(const QString& connectionState);
    static QString activationText(const QString& activation);

Q_SIGNALS:
    // A node's connection state changed from one value to another (not on
    // load): what the tray notifies about.
    void connectionStateChanged(const QString& name, const QString& from, const QString& to);

private:
    struct Node;
    Node* nodeAt(const QModelIndex& index) const;
    QModelIndex indexOfNode(const Node* node, int column = 0) const;
    void addSubtree(Node* parent, const QJsonObject& json);
    void insertNode(const QString& parentName, const QString& name, const QJsonObject& resource,
                    qint64 revision);
    void removeNode(Node* node);
    void forget(Node* node);
    static void fill(Node& node, const QJsonObject& resource, qint64 revision);

    std::unique_ptr<Node> m_root;
    QHash<QString, Node*> m_byName; // lower-case name -> node
    QString m_rootLoginServer;
};

} // namespace ferry
