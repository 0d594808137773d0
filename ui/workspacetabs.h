#pragma once
// The window's pages: the sync tree (the hierarchy panel and details), then
// access management (Tokens, Scope maps) and the Audit log. Each list reads
// its first page when it is first shown after the hierarchy was (re)loaded
// (a connection, F5, a `reset` on the stream) and follows the event stream
// for single-row changes in between.

#include <QList>
#include <QTabWidget>

class QAction;

namespace ferry::ui {

class AuditView;
class ConsoleSession;
class ScopeMapsView;
class TokensView;

class WorkspaceTabs : public QTabWidget {
    Q_OBJECT
public:
    // hierarchyPage: the existing sync tree widget, shown first.
    WorkspaceTabs(ConsoleSession* session, QWidget* hierarchyPage, QWidget* parent = nullptr);

    TokensView* tokensView() const { return m_tokens; }
    ScopeMapsView* scopeMapsView() const { return m_scopeMaps; }
    AuditView* auditView() const { return m_audit; }
    // "Hierarchy", "Tokens", ... with Ctrl+1..4, for the View menu.
    QList<QAction*> pageActions() const { return m_pageActions; }

    // New on the Tokens or Scope maps page opens its create dialog (true);
    // elsewhere it is the window's New registry (false).
    bool newOnCurrentPage();

public Q_SLOTS:
    // Reads the current access page again (the hierarchy has its own refresh).
    void reloadCurrent();

Q_SIGNALS:
    // A result of a page's action: status bar text, or an error.
    void message(const QString& text, bool error);

private:
    void pageShown(int index);

    TokensView* m_tokens;
    ScopeMapsView* m_scopeMaps;
    AuditView* m_audit;
    QList<QAction*> m_pageActions;
    QList<bool> m_stale; // per page: read again when next shown
};

} // namespace ferry::ui
