#pragma once
// Every scope map of the connected ferryd, page by page (ScopeMapListModel),
// with new, edit (ScopeMapEditor) and delete after a confirmation; the
// server's refusal (a map still in use names its tokens) is shown inline.

#include "listpage.h"
#include "scopemapeditor.h"

#include <QPointer>

class QPushButton;

namespace ferry {
class ScopeMapListModel;
}

namespace ferry::ui {

class ConsoleSession;

class ScopeMapsView : public ListPage {
    Q_OBJECT
public:
    explicit ScopeMapsView(ConsoleSession* session, QWidget* parent = nullptr);

    ScopeMapListModel* model() const { return m_model; }
    QString currentScopeMap() const;
    bool selectScopeMap(const QString& name);
    // The editor opened last, while it is open.
    ScopeMapEditor* editor() const { return m_editor; }

public Q_SLOTS:
    void reload();
    void newScopeMap();
    void editScopeMap();
    void deleteScopeMap();

private:
    void openEditor(const QString& name);
    void updateActions();

    ConsoleSession* m_session;
    ScopeMapListModel* m_model;
    QPushButton* m_new;
    QPushButton* m_edit;
    QPushButton* m_delete;
    QPointer<ScopeMapEditor> m_editor;
};

} // namespace ferry::ui
