#include "createregistrydialog.h"

#include "consolesession.h"
#include "domain/names.h"
#include "domain/validation.h"
#include "registryform.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ferry::ui {

namespace {

void collectNames(const QAbstractItemModel* model, const QModelIndex& parent, QComboBox* into) {
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        const QString name = index.data(HierarchyModel::NameRole).toString();
        into->addItem(
            QStringLiteral("%1 (%2)").arg(name, index.data(HierarchyModel::ModeRole).toString()),
            name);
        collectNames(model, index, into);
    }
}

} // namespace

CreateRegistryDialog::CreateRegistryDialog(ConsoleSession* session, const QString& suggestedParent,
                                           QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_name(new QLineEdit(this))
    , m_mode(new QComboBox(this))
    , m_parent(new QComboBox(this))
    , m_repositories(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("createRegistryDialog"));
    setWindowTitle(tr("New connected registry"));
    m_name->setObjectName(QStringLiteral("registryName"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setPlaceholderText(tr("5-40 letters and digits, starting with a letter"));
    m_mode->setObjectName(QStringLiteral("registryMode"));
    m_mode->setAccessibleName(tr("Mode"));
    m_mode->addItem(tr("ReadWrite: clients push and pull; pushes travel up"),
                    QStringLiteral("ReadWrite"));
    m_mode->addItem(tr("ReadOnly: a pull-only mirror"), QStringLiteral("ReadOnly"));
    m_parent->setObjectName(QStringLiteral("registryParent"));
    m_parent->setAccessibleName(tr("Parent"));
    collectNames(session->hierarchy(), {}, m_parent);
    const int suggested = m_parent->findData(suggestedParent);
    m_parent->setCurrentIndex(suggested >= 0 ? suggested : 0);
    m_repositories->setObjectName(QStringLiteral("registryRepositories"));
    m_repositories->setAccessibleName(tr("Repositories"));
    m_repositories->setPlaceholderText(tr("app, team/*"));
    m_problem->setObjectName(QStringLiteral("registryProblem"));
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Problem"));
    QPushButton* create = m_buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    create->setObjectName(QStringLiteral("createRegistry"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Mode:"), m_mode);
    form->addRow(tr("&Parent:"), m_parent);
    form->addRow(tr("&Repositories:"), m_repositories);
    form->addRow(m_problem);
    form->addRow(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &CreateRegistryDialog::validate);
    connect(m_repositories, &QLineEdit::textChanged, this, &CreateRegistryDialog::validate);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &CreateRegistryDialog::validate);
    connect(m_parent, &QComboBox::currentIndexChanged, this, &CreateRegistryDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateRegistryDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

QString CreateRegistryDialog::problem() const {
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        return tr("Give the registry a name.");
    if (const Status status = names::validateConnectedRegistryName(name); !status)
        return status.error().message;
    if (m_session->hierarchy()->indexOf(name).isValid())
        return tr("A registry called \"%1\" exists already.").arg(name.toLower());
    const QStringList repositories = registryform::listFromText(m_repositories->text());
    if (repositories.isEmpty())
        return tr("Name at least one repository (or a pattern such as team/* or *).");
    if (const QString bad = registryform::repositoriesProblem(repositories); !bad.isEmpty())
        return bad;
    const QModelIndex parent = m_session->hierarchy()->indexOf(m_parent->currentData().toString());
    const auto parentMode =
        enumFromString<ConnectedRegistryMode>(parent.data(HierarchyModel::ModeRole).toString());
    const auto mode = enumFromString<ConnectedRegistryMode>(m_mode->currentData().toString());
    if (parentMode && mode) {
        if (const Status status = validateChildMode(*parentMode, *mode); !status)
            return status.error().message;
    }
    return {};
}

void CreateRegistryDialog::validate() {
    const QString text = problem();
    m_problem->setText(text);
    for (QAbstractButton* button : m_buttons->buttons()) {
        if (m_buttons->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(text.isEmpty());
    }
}

void CreateRegistryDialog::submit() {
    if (!problem().isEmpty())
        return;
    const QString name = m_name->text().trimmed().toLower();
    QJsonObject body{
        {QStringLiteral("mode"), m_mode->currentData().toString()},
        {QStringLiteral("repositories"),
         QJsonArray::fromStringList(registryform::listFromText(m_repositories->text()))}};
    const QString parent = m_parent->currentData().toString();
    if (parent != QLatin1String("root"))
        body.insert(QStringLiteral("parent"), parent);
    m_problem->setText(tr("Creating…"));
    setEnabled(false);
    ManagementCall* call = m_session->management()->put(
        QStringLiteral("connected-registries/%1").arg(ManagementClient::segment(name)), body,
        {{"If-None-Match", "*"}});
    connect(call, &ManagementCall::finished, this, [this, call, name] {
        call->deleteLater();
        setEnabled(true);
        if (!call->response().ok()) {
            // The server's own words: a rule only it can check (limits, tokens).
            m_problem->setText(call->response().error->message);
            return;
        }
        Q_EMIT created(name);
        accept();
    });
}

} // namespace ferry::ui
