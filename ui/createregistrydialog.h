#pragma once
// "New connected registry": name, mode, parent and repositories, checked as
// the person types with the service's own rules (models/domain), so the
// Create button is enabled only for something the server will accept; the
// server's answer (a rule only it can check) is shown inline, not in a popup.

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ferry::ui {

class ConsoleSession;

class CreateRegistryDialog : public QDialog {
    Q_OBJECT
public:
    CreateRegistryDialog(ConsoleSession* session, const QString& suggestedParent,
                         QWidget* parent = nullptr);

    // The first problem with what is typed, or empty when it is acceptable.
    QString problem() const;

Q_SIGNALS:
    void created(const QString& name);

private:
    void validate();
    void submit();

    ConsoleSession* m_session;
    QLineEdit* m_name;
    QComboBox* m_mode;
    QComboBox* m_parent;
    QLineEdit* m_repositories;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

} // namespace ferry::ui
