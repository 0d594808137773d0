#pragma once
// What the access pages (Tokens, Scope maps, Audit log) share: an inline
// message bar for refusals, a row of controls, and a read-only table over a
// paged model that takes the keyboard when the page is shown. Results go out
// as message(); the window shows them in its status bar.

#include <QJsonObject>
#include <QWidget>

class MessageBar;
class QAbstractItemModel;
class QAction;
class QLayout;
class QPushButton;
class QTableView;

namespace ferry {
class PagedListModel;
}

namespace ferry::ui {

class ListPage : public QWidget {
    Q_OBJECT
public:
    QTableView* table() const { return m_table; }
    MessageBar* messageBar() const { return m_messageBar; }

Q_SIGNALS:
    void message(const QString& text, bool error);

protected:
    ListPage(QAbstractItemModel* model, const QString& tableName, const QString& accessibleName,
             QWidget* parent);

    // Lays the page out: the message bar, `controls`, the table.
    void setControls(QLayout* controls);
    // An error stays in the message bar; anything else clears an old error.
    void showResult(const QString& text, bool error);
    // The Delete key on the table only (typing elsewhere keeps its Delete).
    QAction* addDeleteKey(const QString& text);
    // A push button with its name for tests and for screen readers.
    QPushButton* makeButton(const QString& text, const QString& name, const QString& tip);

    // The current row of a name-keyed list: its item, its name, or selecting one.
    QJsonObject currentItem(const PagedListModel* model) const;
    QString currentName(const PagedListModel* model) const;
    bool selectName(const PagedListModel* model, const QString& name);

private:
    QTableView* m_table;
    MessageBar* m_messageBar;
};

} // namespace ferry::ui
