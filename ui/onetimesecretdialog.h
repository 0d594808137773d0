#pragma once
// Shows a new password once: in a read-only field with a copy button, with
// the connection string beside it for a sync token, and where it was stored.
// What is copied leaves the clipboard again after a delay (30 s), unless the
// person has copied something else meanwhile.

#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;

namespace ferry::ui {

class OneTimeSecretDialog : public QDialog {
    Q_OBJECT
public:
    OneTimeSecretDialog(const QString& title, const QString& account, const QString& secret,
                        const QString& connectionString, QWidget* parent = nullptr);
    ~OneTimeSecretDialog() override;

    void setStorageNote(const QString& text, bool stored);
    static void setClipboardClearDelay(int ms);
    static int clipboardClearDelay();

private:
    void copy(const QString& text);
    void clearClipboard();

    QLabel* m_storage;
    QTimer m_clear;
    QString m_copied;
};

} // namespace ferry::ui
