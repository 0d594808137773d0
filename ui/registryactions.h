#pragma once
// What can be done to the selected connected registry: Edit, Deactivate and
// Delete. One QAction each, shared by the Edit menu, the tool bar, the
// details panel and the context menu of the tree list and the diagram, so
// they are enabled alike. Each asks first where something stops working, and
// reports through message() the way the panels do.

#include <QModelIndex>
#include <QObject>
#include <QPointer>

class QAction;
class QMessageBox;
class QWidget;

namespace ferry::ui {

class ConsoleSession;
class EditRegistryDialog;
class HierarchyPanel;

class RegistryActions : public QObject {
    Q_OBJECT
public:
    RegistryActions(ConsoleSession* session, HierarchyPanel* hierarchy, QWidget* window);

    QAction* editAction() const { return m_edit; }
    QAction* deactivateAction() const { return m_deactivate; }
    QAction* deleteAction() const { return m_delete; }

    // The dialog or question open now (for tests and the accessibility walk).
    EditRegistryDialog* editDialog() const;
    QMessageBox* confirmation() const;

    void editSelected();
    void deactivateSelected();
    // Asks the service what cleanup would remove first, so the question names it.
    void deleteSelected();

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void selectionChanged(const QModelIndex& current);
    void confirmDelete(const QString& name, qint64 revision, const QJsonObject& preview);
    void sendDelete(const QString& name, qint64 revision, bool cleanup);
    QString selectedRegistry() const; // empty for none or the root

    ConsoleSession* m_session;
    HierarchyPanel* m_hierarchy;
    QWidget* m_window;
    QAction* m_edit;
    QAction* m_deactivate;
    QAction* m_delete;
    QPointer<EditRegistryDialog> m_editDialog;
    QPointer<QMessageBox> m_confirmation;
};

} // namespace ferry::ui
