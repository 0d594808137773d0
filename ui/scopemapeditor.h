#pragma once
// The scope map editor: a grid of repositories (app, team/*, *) against the
// five repository actions, and a grid of connected registries against their
// gateway actions, with rows to add and remove. Every cell is checked with
// the service's rules as it is typed (ScopeMapGridModel); Save is a PUT of
// the whole map, with If-Match on the revision it was opened at (or
// If-None-Match: * for a new one), and a refusal shows the server's message
// in the dialog. System-defined maps open read-only.

#include <QDialog>
#include <QJsonObject>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace ferry {
class ScopeMapGridModel;
}

namespace ferry::ui {

class ConsoleSession;

class ScopeMapEditor : public QDialog {
    Q_OBJECT
public:
    // An empty name creates a new scope map; otherwise it is read first.
    ScopeMapEditor(ConsoleSession* session, const QString& name, QWidget* parent = nullptr);

    ScopeMapGridModel* repositoryGrid() const { return m_repositories; }
    ScopeMapGridModel* gatewayGrid() const { return m_gateway; }
    QTableView* repositoryTable() const { return m_repositoryTable; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* descriptionEdit() const { return m_description; }
    QLabel* problemLabel() const { return m_problem; }
    QPushButton* saveButton() const;
    bool isLoaded() const { return m_loaded; }
    // Adds a row to the repository grid and starts typing its name.
    void addRepositoryRow();

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void loaded();
    void saved(const QJsonObject& scopeMap);

private:
    void load(const QString& name);
    void validate();
    QWidget* makeGrid(ScopeMapGridModel* model, QTableView* table, const QString& title,
                      const QString& addText, const QString& removeText,
                      const QString& objectPrefix);

    ConsoleSession* m_session;
    ScopeMapGridModel* m_repositories;
    ScopeMapGridModel* m_gateway;
    QTableView* m_repositoryTable;
    QTableView* m_gatewayTable;
    QLineEdit* m_name;
    QLineEdit* m_description;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    qint64 m_revision = -1; // -1: a new scope map
    bool m_readOnly = false;
    bool m_loaded = false;
    bool m_saving = false;
};

} // namespace ferry::ui
