#pragma once
// The Audit tab of a registry's details: the service's audit records about
// this registry, its sync token and its sync scope map (the server filters by
// exact target), oldest first and page by page as the list scrolls. For the
// root, every record.

#include <QWidget>

class QLabel;
class QTreeView;

namespace ferry {
class AuditLogModel;
}

namespace ferry::ui {

class ConsoleSession;

class RegistryAuditList : public QWidget {
    Q_OBJECT
public:
    explicit RegistryAuditList(ConsoleSession* session, QWidget* parent = nullptr);

    // Reads the records of `name` (its sync token's scope map is looked up
    // first); the root shows the whole log.
    void showRegistry(const QString& name, bool isRoot, const QString& syncToken);
    AuditLogModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }

private:
    void load(const QStringList& targets);

    ConsoleSession* m_session;
    AuditLogModel* m_model;
    QTreeView* m_view;
    QLabel* m_scope;
    QString m_name;
};

} // namespace ferry::ui
