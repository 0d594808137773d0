#include "onetimesecretdialog.h"

#include "icons.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {
int g_clearDelayMs = 30000;
} // namespace

void OneTimeSecretDialog::setClipboardClearDelay(int ms) {
    g_clearDelayMs = ms;
}

int OneTimeSecretDialog::clipboardClearDelay() {
    return g_clearDelayMs;
}

OneTimeSecretDialog::OneTimeSecretDialog(const QString& title, const QString& account,
                                         const QString& secret, const QString& connectionString,
                                         QWidget* parent)
    : QDialog(parent)
    , m_storage(new QLabel(this)) {
    setObjectName(QStringLiteral("newPasswordDialog"));
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    m_clear.setSingleShot(true);
    connect(&m_clear, &QTimer::timeout, this, &OneTimeSecretDialog::clearClipboard);

    auto* intro =
        new QLabel(tr("<b>%1</b> has a new password. It is shown only this once; copy it now.")
                       .arg(account.toHtmlEscaped()),
                   this);
    intro->setWordWrap(true);

    auto* form = new QFormLayout;
    auto addSecretRow = [&](const QString& label, const QString& value, const QString& name,
                            const QString& copyName, const QString& copyTip) {
        auto* field = new QLineEdit(value, this);
        field->setObjectName(name);
        field->setReadOnly(true);
        field->setAccessibleName(label);
        field->setMinimumWidth(420);
        auto* copyButton = new QToolButton(this);
        copyButton->setObjectName(copyName);
        copyButton->setIcon(icon(QStringLiteral("copy")));
        copyButton->setText(tr("Copy"));
        copyButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        copyButton->setToolTip(copyTip);
        copyButton->setAccessibleName(copyTip);
        connect(copyButton, &QToolButton::clicked, this, [this, value] { copy(value); });
        auto* row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(copyButton);
        auto* caption = new QLabel(label, this);
        caption->setBuddy(field);
        form->addRow(caption, row);
    };
    addSecretRow(tr("&Password:"), secret, QStringLiteral("newPassword"),
                 QStringLiteral("copyPassword"), tr("Copy the password"));
    if (!connectionString.isEmpty())
        addSecretRow(tr("C&onnection string:"), connectionString,
                     QStringLiteral("connectionString"), QStringLiteral("copyConnectionString"),
                     tr("Copy the connection string"));

    m_storage->setObjectName(QStringLiteral("keychainStatus"));
    m_storage->setWordWrap(true);
    auto* clipboardNote = new QLabel(tr("Copied text leaves the clipboard after %n seconds.",
                                        nullptr, std::max(1, g_clearDelayMs / 1000)),
                                     this);
    clipboardNote->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_storage);
    layout->addWidget(clipboardNote);
    layout->addWidget(buttons);
}

OneTimeSecretDialog::~OneTimeSecretDialog() {
    // Closing early must not leave the secret behind on the clipboard.
    clearClipboard();
}

void OneTimeSecretDialog::setStorageNote(const QString& text, bool stored) {
    m_storage->setText(text);
    m_storage->setProperty("stored", stored);
}

void OneTimeSecretDialog::copy(const QString& text) {
    QApplication::clipboard()->setText(text);
    m_copied = text;
    m_clear.start(g_clearDelayMs);
}

void OneTimeSecretDialog::clearClipboard() {
    if (m_copied.isEmpty())
        return;
    QClipboard* clipboard = QApplication::clipboard();
    // Only what we put there: something the person copied since is theirs.
    if (clipboard->text() == m_copied)
        clipboard->clear();
    m_copied.fill(QChar(u'\0'));
    m_copied.clear();
}

} // namespace ferry::ui
