#include "scopemapeditor.h"

#include "consolesession.h"
#include "domain/actions.h"
#include "domain/names.h"
#include "scopemapgridmodel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {

// A resource the rules refuse is drawn in red, its reason in the tooltip.
class ProblemDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!index.data(ScopeMapGridModel::ProblemRole).toString().isEmpty()) {
            option->palette.setColor(QPalette::Text, QColor(0xc6, 0x28, 0x28));
            option->palette.setColor(QPalette::HighlightedText, QColor(0xff, 0xcd, 0xd2));
            option->font.setItalic(true);
        }
    }
};

} // namespace

ScopeMapEditor::ScopeMapEditor(ConsoleSession* session, const QString& name, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_repositories(new ScopeMapGridModel(ScopeMapGridModel::Kind::Repositories, this))
    , m_gateway(new ScopeMapGridModel(ScopeMapGridModel::Kind::Gateway, this))
    , m_repositoryTable(new QTableView(this))
    , m_gatewayTable(new QTableView(this))
    , m_name(new QLineEdit(name, this))
    , m_description(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("scopeMapEditor"));
    setWindowTitle(name.isEmpty() ? tr("New scope map") : tr("Scope map %1").arg(name));
    m_name->setObjectName(QStringLiteral("scopeMapName"));
    m_name->setAccessibleName(tr("Scope map name"));
    m_name->setToolTip(tr("5 to 50 letters, digits, hyphens and underscores"));
    m_name->setReadOnly(!name.isEmpty());
    m_description->setObjectName(QStringLiteral("scopeMapDescription"));
    m_description->setAccessibleName(tr("Description"));
    m_description->setMaxLength(names::kScopeMapDescriptionMax +
                                1); // one more, so the rule can speak
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setAccessibleName(tr("Problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828;"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(makeGrid(m_repositories, m_repositoryTable, tr("Repositories"),
                               tr("&Add repository"), tr("&Remove repository"),
                               QStringLiteral("repository")),
                      3);
    layout->addWidget(makeGrid(m_gateway, m_gatewayTable,
                               tr("Gateway actions of connected registries"), tr("Add re&gistry"),
                               tr("Remo&ve registry"), QStringLiteral("gateway")),
                      1);
    auto* hint =
        new QLabel(tr("A repository may be a name (app), a prefix ending in /* (team/* covers "
                      "team/a and team/a/b) or * for all. Space ticks the current cell."),
                   this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    m_buttons->setObjectName(QStringLiteral("scopeMapButtons"));

    connect(m_name, &QLineEdit::textChanged, this, &ScopeMapEditor::validate);
    connect(m_description, &QLineEdit::textChanged, this, &ScopeMapEditor::validate);
    connect(m_repositories, &ScopeMapGridModel::edited, this, &ScopeMapEditor::validate);
    connect(m_gateway, &ScopeMapGridModel::edited, this, &ScopeMapEditor::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ScopeMapEditor::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 620);

    if (name.isEmpty()) {
        m_loaded = true;
        validate();
    } else {
        saveButton()->setEnabled(false);
        m_problem->setText(tr("Reading %1…").arg(name));
        load(name);
    }
}

QWidget* ScopeMapEditor::makeGrid(ScopeMapGridModel* model, QTableView* table, const QString& title,
                                  const QString& addText, const QString& removeText,
                                  const QString& objectPrefix) {
    auto* box = new QGroupBox(title, this);
    table->setObjectName(objectPrefix + QStringLiteral("Grid"));
    table->setAccessibleName(title);
    table->setModel(model);
    table->setItemDelegate(new ProblemDelegate(table));
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed);
    table->setTabKeyNavigation(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(ScopeMapGridModel::ResourceColumn,
                                                    QHeaderView::Stretch);
    auto* add = new QPushButton(addText, box);
    add->setObjectName(objectPrefix + QStringLiteral("Add"));
    add->setAccessibleName(QString(addText).remove(u'&'));
    auto* remove = new QPushButton(removeText, box);
    remove->setObjectName(objectPrefix + QStringLiteral("Remove"));
    remove->setAccessibleName(QString(removeText).remove(u'&'));
    connect(add, &QPushButton::clicked, this, [this, model, table] {
        const int row = model->appendRow();
        const QModelIndex cell = model->index(row, ScopeMapGridModel::ResourceColumn);
        table->setCurrentIndex(cell);
        table->setFocus();
        table->edit(cell);
    });
    connect(remove, &QPushButton::clicked, this, [model, table] {
        const QModelIndex current = table->currentIndex();
        if (current.isValid())
            model->removeRows(current.row(), 1);
    });
    // Read-only maps (and a map not read yet) can't take rows.
    connect(this, &ScopeMapEditor::loaded, box, [this, add, remove] {
        add->setEnabled(!m_readOnly);
        remove->setEnabled(!m_readOnly);
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);
    return box;
}

QPushButton* ScopeMapEditor::saveButton() const {
    return m_buttons->button(QDialogButtonBox::Save);
}

void ScopeMapEditor::addRepositoryRow() {
    findChild<QPushButton*>(QStringLiteral("repositoryAdd"))->click();
}

void ScopeMapEditor::load(const QString& name) {
    ManagementCall* call = m_session->management()->get(
        QStringLiteral("scope-maps/%1").arg(ManagementClient::segment(name)));
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        const ApiResponse& response = call->response();
        if (!response.ok()) {
            m_problem->setText(tr("Can't read the scope map: %1").arg(response.error->message));
            return;
        }
        const QJsonObject map = response.body;
        m_revision = qint64(map.value(QLatin1StringView("revision")).toDouble());
        m_readOnly =
            map.value(QLatin1StringView("type")).toString() == QLatin1String("SystemDefined");
        m_description->setText(map.value(QLatin1StringView("description")).toString());
        m_description->setReadOnly(m_readOnly);
        QStringList texts;
        for (const QJsonValue& action : map.value(QLatin1StringView("actions")).toArray())
            texts.append(action.toString());
        const auto actions = parseActions(texts);
        if (actions) {
            m_repositories->setActions(*actions);
            m_gateway->setActions(*actions);
        }
        m_repositories->setReadOnly(m_readOnly);
        m_gateway->setReadOnly(m_readOnly);
        m_loaded = true;
        Q_EMIT loaded();
        validate();
        if (m_readOnly)
            m_problem->setText(
                tr("This scope map is system-defined: it can be read, not changed."));
    });
}

void ScopeMapEditor::validate() {
    QString problem;
    if (m_revision < 0) {
        if (const Status name = names::validateUserScopeMapName(m_name->text()); !name)
            problem = name.error().message;
    }
    if (problem.isEmpty()) {
        if (const Status description = names::validateScopeMapDescription(m_description->text());
            !description)
            problem = description.error().message;
    }
    if (problem.isEmpty())
        problem = m_repositories->firstProblem();
    if (problem.isEmpty())
        problem = m_gateway->firstProblem();
    if (problem.isEmpty()) {
        // The whole list, as the service will check it (the 500-action limit).
        const auto all = parseActions(m_repositories->actions() + m_gateway->actions());
        if (!all)
            problem = all.error().message;
    }
    m_problem->setText(problem);
    saveButton()->setEnabled(m_loaded && !m_readOnly && !m_saving && problem.isEmpty());
}

void ScopeMapEditor::save() {
    validate();
    if (!saveButton()->isEnabled())
        return;
    const QString name = m_name->text();
    const QJsonObject body{
        {QStringLiteral("description"), m_description->text()},
        {QStringLiteral("actions"),
         QJsonArray::fromStringList(m_repositories->actions() + m_gateway->actions())}};
    // A new map only if none has the name; an old one only as it was read.
    const ManagementClient::Headers precondition =
        m_revision < 0
            ? ManagementClient::Headers{{"If-None-Match", "*"}}
            : ManagementClient::Headers{{"If-Match", '"' + QByteArray::number(m_revision) + '"'}};
    ManagementCall* call = m_session->management()->put(
        QStringLiteral("scope-maps/%1").arg(ManagementClient::segment(name)), body, precondition);
    m_saving = true;
    saveButton()->setEnabled(false);
    m_problem->setText(tr("Saving…"));
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        m_saving = false;
        const ApiResponse& response = call->response();
        if (!response.ok()) {
            validate();
            m_problem->setText(response.error->httpStatus == 412
                                   ? tr("Someone changed this scope map since it was opened; close "
                                        "and open it again. (%1)")
                                         .arg(response.error->message)
                                   : tr("The server refused: %1").arg(response.error->message));
            return;
        }
        Q_EMIT saved(response.body);
        accept();
    });
}

} // namespace ferry::ui
