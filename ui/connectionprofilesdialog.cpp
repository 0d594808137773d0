#include "connectionprofilesdialog.h"

#include "consolesession.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {
QPushButton* button(const QString& text, const QString& name, const QString& tip, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setAccessibleName(tip);
    return b;
}
} // namespace

ConnectionProfilesDialog::ConnectionProfilesDialog(ConsoleSession* session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_certificate(new QLabel(this))
    , m_forget(button(tr("&Forget certificate"), QStringLiteral("forgetCertificate"),
                      tr("Stop trusting the pinned certificate; the next connection asks again"),
                      this))
    , m_problem(new QLabel(this)) {
    setObjectName(QStringLiteral("connectionProfilesDialog"));
    setWindowTitle(tr("Connection profiles"));
    setAccessibleName(windowTitle());

    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setAccessibleName(tr("Connection profiles"));
    m_list->setMinimumWidth(200);
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setAccessibleName(tr("Profile name"));
    m_url->setObjectName(QStringLiteral("profileUrl"));
    m_url->setAccessibleName(tr("Server address"));
    m_url->setPlaceholderText(tr("https://host:5000"));
    m_user->setObjectName(QStringLiteral("profileUser"));
    m_user->setAccessibleName(tr("User"));
    m_password->setObjectName(QStringLiteral("profilePassword"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("unchanged (kept in the keychain)"));
    m_password->setToolTip(tr("Typed passwords go to the keychain, never to a file"));
    m_certificate->setObjectName(QStringLiteral("pinnedCertificate"));
    m_certificate->setAccessibleName(tr("Trusted certificate"));
    m_certificate->setWordWrap(true);
    m_certificate->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                           Qt::TextSelectableByKeyboard);
    m_problem->setObjectName(QStringLiteral("profileProblem"));
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(link);"));

    auto* form = new QFormLayout;
    auto addRow = [form, this](const QString& label, QWidget* field) {
        auto* caption = new QLabel(label, this);
        caption->setBuddy(field);
        form->addRow(caption, field);
    };
    addRow(tr("&Name:"), m_name);
    addRow(tr("&Server:"), m_url);
    addRow(tr("&User:"), m_user);
    addRow(tr("&Password:"), m_password);
    auto* certificateRow = new QVBoxLayout;
    certificateRow->addWidget(m_certificate);
    certificateRow->addWidget(m_forget, 0, Qt::AlignLeft);
    form->addRow(tr("Trusted certificate:"), certificateRow);
    form->addRow(m_problem);

    QPushButton* add =
        button(tr("&New"), QStringLiteral("newProfile"), tr("Start a new profile"), this);
    QPushButton* remove = button(tr("&Remove"), QStringLiteral("removeProfile"),
                                 tr("Remove the selected profile"), this);
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* saveButton =
        button(tr("S&ave"), QStringLiteral("saveProfile"), tr("Save the profile"), this);
    QPushButton* connectButton = button(tr("&Connect"), QStringLiteral("connectProfile"),
                                        tr("Save the profile and connect with it"), this);
    connectButton->setDefault(true);
    buttons->addButton(saveButton, QDialogButtonBox::ApplyRole);
    buttons->addButton(connectButton, QDialogButtonBox::AcceptRole);
    QPushButton* close = buttons->addButton(QDialogButtonBox::Close);
    close->setAccessibleName(tr("Close"));

    auto* columns = new QHBoxLayout;
    columns->addLayout(left);
    columns->addLayout(form, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);
    resize(720, 380);

    connect(m_list, &QListWidget::currentTextChanged, this, &ConnectionProfilesDialog::showProfile);
    connect(add, &QPushButton::clicked, this, &ConnectionProfilesDialog::newProfile);
    connect(remove, &QPushButton::clicked, this, &ConnectionProfilesDialog::removeProfile);
    connect(m_forget, &QPushButton::clicked, this, &ConnectionProfilesDialog::forgetCertificate);
    connect(saveButton, &QPushButton::clicked, this, [this] { save(); });
    connect(connectButton, &QPushButton::clicked, this, [this] {
        save([this](const ConnectionProfile& profile) {
            Q_EMIT connectRequested(profile);
            accept();
        });
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    reload(m_profiles.lastUsed());
    if (m_list->count() == 0)
        newProfile();
}

void ConnectionProfilesDialog::reload(const QString& select) {
    m_list->clear();
    for (const ConnectionProfile& profile : m_profiles.all())
        m_list->addItem(profile.name);
    const auto found = m_list->findItems(select, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
    else if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void ConnectionProfilesDialog::showProfile(const QString& name) {
    const ConnectionProfile profile = m_profiles.find(name);
    if (profile.name.isEmpty())
        return;
    m_name->setText(profile.name);
    m_url->setText(profile.url.toString());
    m_user->setText(profile.user);
    m_password->clear();
    m_problem->clear();
    m_pinned = profile.pinnedSha256;
    m_pinnedSubject = profile.pinnedSubject;
    m_certificate->setText(
        m_pinned.isEmpty()
            ? tr("None: the server's certificate is checked against the system's "
                 "certificate authorities, or you are asked on first use.")
            : tr("%1\nSHA-256 %2\n%3")
                  .arg(m_pinnedSubject, QString::fromLatin1(m_pinned.left(16).toHex(':').toUpper()),
                       QString::fromLatin1(m_pinned.mid(16).toHex(':').toUpper())));
    // The fingerprint keeps its two lines of 16 bytes; prose wraps.
    m_certificate->setWordWrap(m_pinned.isEmpty());
    m_forget->setEnabled(!m_pinned.isEmpty());
}

void ConnectionProfilesDialog::newProfile() {
    m_list->clearSelection();
    m_name->setText(tr("New profile"));
    m_url->clear();
    m_user->setText(QStringLiteral("admin"));
    m_password->clear();
    m_pinned.clear();
    m_pinnedSubject.clear();
    m_certificate->setText(tr("None yet."));
    m_forget->setEnabled(false);
    m_problem->clear();
    m_name->setFocus();
    m_name->selectAll();
}

ConnectionProfile ConnectionProfilesDialog::formProfile() const {
    ConnectionProfile profile;
    profile.name = m_name->text().trimmed();
    profile.url = QUrl::fromUserInput(m_url->text().trimmed());
    profile.user = m_user->text().trimmed();
    // A pin belongs to the server it was made for: a changed address drops it.
    const ConnectionProfile stored = m_profiles.find(profile.name);
    if (!m_pinned.isEmpty() &&
        (stored.name.isEmpty() || ConnectionProfiles::sameServer(stored.url, profile.url))) {
        profile.pinnedSha256 = m_pinned;
        profile.pinnedSubject = m_pinnedSubject;
    }
    return profile;
}

void ConnectionProfilesDialog::save(std::function<void(const ConnectionProfile&)> then) {
    const ConnectionProfile profile = formProfile();
    const QString problem = profile.problem();
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        return;
    }
    // Renaming the shown profile replaces it rather than copying it.
    const QListWidgetItem* current = m_list->currentItem();
    if (current && current->text() != profile.name)
        m_profiles.remove(current->text());
    // Taken before reload(), which shows the saved profile with an empty field.
    const QString password = m_password->text();
    m_password->clear();
    m_profiles.save(profile);
    reload(profile.name);
    if (password.isEmpty()) {
        if (then)
            then(profile);
        return;
    }
    const CredentialKey key{normalizeServer(profile.url.toString()), profile.user};
    CredentialJob* job = m_session->credentials()->write(key, password);
    connect(job, &CredentialJob::finished, this, [this, profile, then](CredentialJob* done) {
        if (!done->ok()) {
            m_problem->setText(tr("The password could not be stored: %1").arg(done->errorString()));
            return;
        }
        m_problem->setText(tr("Saved; the password is in the keychain."));
        if (then)
            then(profile);
    });
}

void ConnectionProfilesDialog::removeProfile() {
    const QListWidgetItem* current = m_list->currentItem();
    if (!current)
        return;
    m_profiles.remove(current->text());
    reload({});
    if (m_list->count() == 0)
        newProfile();
}

void ConnectionProfilesDialog::forgetCertificate() {
    m_pinned.clear();
    m_pinnedSubject.clear();
    ConnectionProfile profile = m_profiles.find(m_name->text().trimmed());
    if (!profile.name.isEmpty()) {
        profile.pinnedSha256.clear();
        profile.pinnedSubject.clear();
        m_profiles.save(profile);
    }
    m_certificate->setWordWrap(true);
    m_certificate->setText(
        tr("None: the next connection asks whether to trust the server's certificate."));
    m_forget->setEnabled(false);
}

} // namespace ferry::ui
