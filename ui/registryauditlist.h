#pragma once
// The Audit tab of a registry's details: the service's audit records about
// this registry, its sync token and its sync scope map (the server filters by
// exact target), oldest first, read to the end with the newest in view. For
// the root, every record, page by page as the list scrolls.

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
    bool m_wholeLog = false; // the root: every record, read as the list scrolls
};

} // namespace ferry::ui
