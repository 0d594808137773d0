#pragma once
// Dialogs of the Tokens view. TokenDialog creates a token, or changes an
// existing one's scope map and status (PATCH with If-Match on the revision it
// was opened at), checking names with the service's rules as they are typed
// and showing the server's refusal inline. PasswordChoiceDialog picks the
// slot and an optional expiry before the one-click regeneration
// (PasswordRotation) takes over.

#include <QDateTime>
#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace ferry {
class ScopeMapListModel;
}

namespace ferry::ui {

class ConsoleSession;

class TokenDialog : public QDialog {
    Q_OBJECT
public:
    // An empty `existing` creates a token; otherwise it is the token object
    // (with its revision) to change.
    TokenDialog(ConsoleSession* session, const QJsonObject& existing, QWidget* parent = nullptr);

    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* scopeMapBox() const { return m_scopeMap; }
    QCheckBox* enabledBox() const { return m_enabled; }
    QLabel* problemLabel() const { return m_problem; }
    QDialogButtonBox* buttons() const { return m_buttons; }

Q_SIGNALS:
    // The server took it; `token` is the token object it answered.
    void saved(const QJsonObject& token);

private:
    void validate();
    void save();

    ConsoleSession* m_session;
    QJsonObject m_existing;
    ScopeMapListModel* m_scopeMaps;
    QLineEdit* m_name;
    QComboBox* m_scopeMap;
    QCheckBox* m_enabled;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    bool m_saving = false;
};

class PasswordChoiceDialog : public QDialog {
    Q_OBJECT
public:
    explicit PasswordChoiceDialog(const QString& token, QWidget* parent = nullptr);

    int slot() const;
    void setSlot(int slot);
    // Invalid when the password never expires.
    QDateTime expiry() const;
    void setExpiry(const QDateTime& expiry);
    QDateTimeEdit* expiryEdit() const { return m_expiry; }
    QLabel* problemLabel() const { return m_problem; }

private:
    void validate();

    QRadioButton* m_password1;
    QRadioButton* m_password2;
    QCheckBox* m_expires;
    QDateTimeEdit* m_expiry;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace ferry::ui
