#pragma once
// A strip inside the window that tells the user what went wrong (or right)
// without a modal dialog, with an optional action such as "Retry".

#include <QFrame>

class QLabel;
class QToolButton;

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Type { Error, Warning, Information };
    Q_ENUM(Type)

    explicit MessageBar(QWidget* parent = nullptr);

    // An empty actionText shows no action button.
    void showMessage(const QString& text, Type type, const QString& actionText = {});
    QString text() const;
    Type type() const { return m_type; }

public Q_SLOTS:
    void dismiss();

Q_SIGNALS:
    void actionTriggered();
    void dismissed();

private:
    void applyStyle();

    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_action;
    QToolButton* m_close;
    Type m_type = Type::Information;
};
