#pragma once
// View ▸ Language: System, English or 日本語, kept as the "language" setting
// that ferry::chooseLanguage reads when the console starts. The running
// window keeps its language: the choice applies at the next start, and the
// menu says so (languageChosen) rather than half-translating open windows.

#include <QMenu>

class QActionGroup;

namespace ferry::ui {

class LanguageMenu : public QMenu {
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget* parent = nullptr);

    // The saved choice: "system", "en" or "ja".
    QString choice() const;

Q_SIGNALS:
    // After a new choice is saved; notice is what to tell the user.
    void languageChosen(const QString& language, const QString& notice);

private:
    void choose(const QString& language);

    QActionGroup* m_group;
};

} // namespace ferry::ui
