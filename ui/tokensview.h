#pragma once
// Every token of the connected ferryd, page by page (TokenListModel), with
// what an operator does to one: create, enable or disable, change its scope
// map, generate a password with an optional expiry (one-click regeneration:
// PasswordRotation), and delete after a confirmation. Changes go out with
// If-Match on the revision shown, and the server's refusal is shown inline.

#include "listpage.h"

#include <QJsonObject>

class QPushButton;

namespace ferry {
class TokenListModel;
}

namespace ferry::ui {

class ConsoleSession;
class PasswordRotation;

class TokensView : public ListPage {
    Q_OBJECT
public:
    explicit TokensView(ConsoleSession* session, QWidget* parent = nullptr);

    TokenListModel* model() const { return m_model; }
    // The name of the selected token; empty when none.
    QString currentToken() const;
    bool selectToken(const QString& name);
    // The last regeneration started here (for tests and screenshots).
    PasswordRotation* lastRotation() const { return m_rotation; }

public Q_SLOTS:
    void reload();
    void newToken();
    void toggleEnabled();
    void changeScopeMap();
    void generatePassword();
    // Empties password1 or password2 after a confirmation naming what stops working.
    void removePassword();
    void deleteToken();

private:
    void updateActions();
    // PATCH status, only if the token is still at the revision shown.
    void setStatus(const QJsonObject& token, bool enable);
    // Shows the server's answer at once; the event stream says the same later.
    void applyToken(const QJsonObject& token);

    ConsoleSession* m_session;
    TokenListModel* m_model;
    QPushButton* m_new;
    QPushButton* m_toggle;
    QPushButton* m_scopeMap;
    QPushButton* m_password;
    QPushButton* m_removePassword;
    QPushButton* m_delete;
    PasswordRotation* m_rotation = nullptr;
};

} // namespace ferry::ui
