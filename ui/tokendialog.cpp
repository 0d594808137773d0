#include "tokendialog.h"

#include "consolesession.h"
#include "domain/names.h"
#include "scopemaplistmodel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {

QLabel* makeProblemLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("problem"));
    label->setAccessibleName(QObject::tr("Problem"));
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::BrightText);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    return label;
}

} // namespace

TokenDialog::TokenDialog(ConsoleSession* session, const QJsonObject& existing, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_existing(existing)
    , m_scopeMaps(new ScopeMapListModel(session->management(), this))
    , m_name(new QLineEdit(this))
    , m_scopeMap(new QComboBox(this))
    , m_enabled(new QCheckBox(tr("&Enabled: its passwords can sign in"), this))
    , m_problem(makeProblemLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    const bool creating = existing.isEmpty();
    setObjectName(QStringLiteral("tokenDialog"));
    setWindowTitle(
        creating ? tr("New token")
                 : tr("Change token %1").arg(existing.value(QLatin1StringView("name")).toString()));

    m_name->setObjectName(QStringLiteral("tokenName"));
    m_name->setAccessibleName(tr("Token name"));
    m_name->setToolTip(tr("5 to 50 letters, digits and hyphens; the docker user name"));
    m_name->setText(existing.value(QLatin1StringView("name")).toString());
    m_name->setReadOnly(!creating);

    // The scope maps page in as the list is scrolled, like the Scope maps view;
    // a name can also be typed.
    m_scopeMap->setObjectName(QStringLiteral("tokenScopeMap"));
    m_scopeMap->setAccessibleName(tr("Scope map"));
    m_scopeMap->setToolTip(tr("What the token may do: pick a scope map or type its name"));
    m_scopeMap->setEditable(true);
    m_scopeMap->setInsertPolicy(QComboBox::NoInsert);
    m_scopeMap->lineEdit()->setAccessibleName(tr("Scope map"));
    // With a placeholder, rows arriving don't replace the text with the first one.
    m_scopeMap->setPlaceholderText(tr("Scope map name"));
    m_scopeMap->setModel(m_scopeMaps);
    m_scopeMap->setModelColumn(ScopeMapListModel::NameColumn);
    m_scopeMaps->reload(); // resets the model, which empties the text: first
    m_scopeMap->setEditText(creating ? QStringLiteral("_repositories_pull")
                                     : existing.value(QLatin1StringView("scopeMap")).toString());

    m_enabled->setObjectName(QStringLiteral("tokenEnabled"));
    m_enabled->setAccessibleName(tr("Enabled"));
    m_enabled->setChecked(creating || existing.value(QLatin1StringView("status")).toString() ==
                                          QLatin1String("enabled"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Scope map:"), m_scopeMap);
    form->addRow(QString(), m_enabled);
    if (creating) {
        auto* note = new QLabel(tr("The token starts without passwords: generate one with "
                                   "\"Password…\" once it exists."),
                                this);
        note->setWordWrap(true);
        form->addRow(note);
    }

    m_buttons->setObjectName(QStringLiteral("tokenButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(creating ? tr("&Create") : tr("&Save"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &TokenDialog::validate);
    connect(m_scopeMap, &QComboBox::editTextChanged, this, &TokenDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TokenDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
    resize(460, sizeHint().height());
}

void TokenDialog::validate() {
    QString problem;
    if (const Status name = names::validateTokenName(m_name->text()); !name)
        problem = name.error().message;
    else if (const Status map = names::validateScopeMapName(m_scopeMap->currentText().trimmed());
             !map)
        problem = map.error().message;
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && !m_saving);
}

void TokenDialog::save() {
    const QString name = m_name->text();
    const QJsonObject body{{QStringLiteral("scopeMap"), m_scopeMap->currentText().trimmed()},
                           {QStringLiteral("status"), m_enabled->isChecked()
                                                          ? QStringLiteral("enabled")
                                                          : QStringLiteral("disabled")}};
    const QString path = QStringLiteral("tokens/%1").arg(ManagementClient::segment(name));
    ManagementCall* call = nullptr;
    if (m_existing.isEmpty()) {
        call = m_session->management()->put(path, body, {{"If-None-Match", "*"}});
    } else {
        // Only if nobody changed it since it was read; otherwise the server says so.
        const QByteArray revision =
            QByteArray::number(qint64(m_existing.value(QLatin1StringView("revision")).toDouble()));
        call = m_session->management()->patch(path, body, {{"If-Match", '"' + revision + '"'}});
    }
    m_saving = true;
    validate();
    m_problem->setText(tr("Saving…"));
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        m_saving = false;
        const ApiResponse& response = call->response();
        if (!response.ok()) {
            validate();
            m_problem->setText(
                response.error->httpStatus == 412
                    ? tr("Someone changed this token meanwhile; close and open it again. (%1)")
                          .arg(response.error->message)
                    : tr("The server refused: %1").arg(response.error->message));
            return;
        }
        Q_EMIT saved(response.body);
        accept();
    });
}

PasswordChoiceDialog::PasswordChoiceDialog(const QString& token, QWidget* parent)
    : QDialog(parent)
    , m_password1(new QRadioButton(tr("password&1"), this))
    , m_password2(new QRadioButton(tr("password&2"), this))
    , m_expires(new QCheckBox(tr("E&xpires on"), this))
    , m_expiry(new QDateTimeEdit(this))
    , m_problem(makeProblemLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("passwordChoiceDialog"));
    setWindowTitle(tr("New password for %1").arg(token));
    auto* slotGroup = new QButtonGroup(this);
    slotGroup->addButton(m_password1, 1);
    slotGroup->addButton(m_password2, 2);
    m_password1->setChecked(true);
    m_password1->setAccessibleName(tr("password1"));
    m_password2->setAccessibleName(tr("password2"));
    m_expires->setObjectName(QStringLiteral("passwordExpires"));
    m_expires->setAccessibleName(tr("Password expires"));
    m_expiry->setObjectName(QStringLiteral("passwordExpiry"));
    m_expiry->setAccessibleName(tr("Expiry date and time"));
    m_expiry->setCalendarPopup(true);
    m_expiry->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_expiry->setDateTime(QDateTime::currentDateTime().addDays(90));
    m_expiry->setEnabled(false);
    if (auto* field = m_expiry->findChild<QLineEdit*>())
        field->setAccessibleName(m_expiry->accessibleName());

    auto* slotRow = new QHBoxLayout;
    slotRow->addWidget(m_password1);
    slotRow->addWidget(m_password2);
    slotRow->addStretch();
    auto* expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_expiry, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Slot:"), slotRow);
    form->addRow(tr("Expiry:"), expiryRow);
    auto* note =
        new QLabel(tr("Without an expiry the password works until it is regenerated or removed. "
                      "Next you confirm, then the new password is shown once and stored in "
                      "the keychain."),
                   this);
    note->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Continue…"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_expires, &QCheckBox::toggled, m_expiry, &QWidget::setEnabled);
    connect(m_expires, &QCheckBox::toggled, this, &PasswordChoiceDialog::validate);
    connect(m_expiry, &QDateTimeEdit::dateTimeChanged, this, &PasswordChoiceDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

int PasswordChoiceDialog::slot() const {
    return m_password2->isChecked() ? 2 : 1;
}

void PasswordChoiceDialog::setSlot(int slot) {
    (slot == 2 ? m_password2 : m_password1)->setChecked(true);
}

QDateTime PasswordChoiceDialog::expiry() const {
    return m_expires->isChecked() ? m_expiry->dateTime() : QDateTime();
}

void PasswordChoiceDialog::setExpiry(const QDateTime& expiry) {
    m_expires->setChecked(expiry.isValid());
    if (expiry.isValid())
        m_expiry->setDateTime(expiry.toLocalTime());
}

void PasswordChoiceDialog::validate() {
    // The service's rule (EXPIRY_INVALID): in the future.
    const bool past =
        m_expires->isChecked() && m_expiry->dateTime() <= QDateTime::currentDateTime();
    m_problem->setText(past ? tr("The expiry must be in the future.") : QString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!past);
}

} // namespace ferry::ui
