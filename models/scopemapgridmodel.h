#pragma once
// One scope map's actions as a grid for the editor (DOMAIN.md "Scope maps"):
// a row per repository pattern (app, team/*, *) against the five repository
// actions, or, in the gateway grid, a row per connected registry against its
// four gateway actions; a checkbox per cell. The resource column is editable
// and checked with the service's own rules (ScopeAction::parse, names::) as
// it is typed; problemAt() says what is wrong with a row in words. A named
// row with nothing ticked is a problem too: it would otherwise vanish on Save.

#include "domain/actions.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace ferry {

class ScopeMapGridModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Kind { Repositories, Gateway };
    enum Role { ProblemRole = Qt::UserRole + 1 };
    static constexpr int ResourceColumn = 0;

    explicit ScopeMapGridModel(Kind kind, QObject* parent = nullptr);

    Kind kind() const { return m_kind; }
    // A system-defined map: shown, never edited.
    void setReadOnly(bool readOnly);
    // Replaces the grid with the actions of this grid's kind; the others are ignored.
    void setActions(const QList<ScopeAction>& actions);
    // The checked cells of rows without a problem, in row then column order.
    QStringList actions() const;
    // Appends a row (empty resource: the operator types it) and returns it.
    int appendRow(const QString& resource = {});
    // The permission column of an action text such as "content/write"; -1 if none.
    int columnOf(const QString& permission) const;

    // Empty when the row is fine; otherwise a sentence for a person.
    QString problemAt(int row) const;
    // The first row's problem, prefixed by its row; empty when all are fine.
    QString firstProblem() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

Q_SIGNALS:
    // Any cell or row changed: the editor re-checks and enables Save.
    void edited();

private:
    struct Row {
        QString resource;
        QList<bool> allowed; // one per permission column
    };
    int permissionCount() const;
    QString permissionName(int column) const; // "content/read", column >= 1
    ScopeAction actionAt(const Row& row, int column) const;

    Kind m_kind;
    bool m_readOnly = false;
    QList<Row> m_rows;
};

} // namespace ferry
