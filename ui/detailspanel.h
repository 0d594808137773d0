#pragma once
// What the console knows about the selected registry, in tabs: its
// properties and status details, its repositories, its client tokens (with
// one-click password regeneration), its sync settings and connection string,
// and its recent events (the Client tokens tab is in detailspaneltokens.cpp).
// Reads come from the HierarchyModel row (kept live by the event stream) or,
// for lists, from one asynchronous API call each.

#include <QJsonObject>
#include <QPersistentModelIndex>
#include <QWidget>
#include <functional>

class QAction;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTreeView;
class QTreeWidget;

namespace ferry {
class ManagementCall;
class TokenListModel;
} // namespace ferry

namespace ferry::ui {

class ConsoleSession;
class PasswordRotation;
class RegistryAuditList;
class RepositoryBrowser;

class DetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit DetailsPanel(ConsoleSession* session, QWidget* parent = nullptr);

    void showRegistry(const QModelIndex& index);
    // Buttons for the selected registry's commands (Edit, Deactivate) under its properties.
    void addRegistryActions(const QList<QAction*>& actions);
    QString registryName() const { return m_name; }
    QTabWidget* tabs() const { return m_tabs; }
    RepositoryBrowser* repositories() const { return m_repositories; }
    RegistryAuditList* audit() const { return m_audit; }
    // Regenerates a client token's slot (1 or 2) or, with token empty, the sync token's.
    PasswordRotation* regenerate(const QString& token, int slot);
    // Every event of the stream passes here; the panel keeps the selected node's.
    void recordEvent(const QString& type, const QJsonObject& data);

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void buildProperties();
    void buildTokens();
    void buildSync();
    void refreshProperties();
    void loadRepositories();
    void loadClientTokens();
    void fetchConnectionString();
    QLabel* addField(const QString& label, const QString& objectName);
    // Runs `use` with the answer's body if it is still for the selected
    // registry; a refusal goes to the message bar with the server's words.
    void whenAnswered(ManagementCall* call, std::function<void(const QJsonObject&)> use);
    // A property as text; "—" when the service sent none.
    static QString fieldText(const QJsonObject& object, const char* key);

    ConsoleSession* m_session;
    QPersistentModelIndex m_index;
    QString m_name;
    QTabWidget* m_tabs;
    QWidget* m_propertiesPage;
    QFormLayout* m_form = nullptr;
    QHash<QString, QLabel*> m_fields;
    RepositoryBrowser* m_repositories;
    QTreeWidget* m_tokens;           // a registry's client tokens (at most 20)
    TokenListModel* m_allTokenModel; // the root's: every token, page by page
    QTreeView* m_allTokens;
    QString currentTokenName() const;
    QPushButton* m_regenerate1 = nullptr;
    QPushButton* m_regenerate2 = nullptr;
    QLabel* m_syncSummary = nullptr;
    QLineEdit* m_connection = nullptr;
    QPushButton* m_syncRegenerate = nullptr;
    QListWidget* m_events;
    RegistryAuditList* m_audit;
    QList<QPair<QString, QString>> m_eventLog; // registry -> line, newest last, bounded
};

} // namespace ferry::ui
