#include "auditview.h"

#include "auditlogmodel.h"
#include "consolesession.h"
#include "messagebar.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>

namespace ferry::ui {

AuditView::AuditView(ConsoleSession* session, QWidget* parent)
    : ListPage(new AuditLogModel(session->management()), QStringLiteral("auditTable"),
               tr("Audit log"), parent)
    , m_model(static_cast<AuditLogModel*>(table()->model()))
    , m_action(new QComboBox(this))
    , m_fromEnabled(new QCheckBox(tr("&From"), this))
    , m_from(new QDateTimeEdit(this))
    , m_toEnabled(new QCheckBox(tr("&To"), this))
    , m_to(new QDateTimeEdit(this))
    , m_apply(new QPushButton(tr("&Apply"), this))
    , m_count(new QLabel(this)) {
    setObjectName(QStringLiteral("auditView"));
    m_model->setParent(this);

    // The actions docs/api.md lists, by area; any prefix can be typed.
    m_action->setObjectName(QStringLiteral("auditActionFilter"));
    m_action->setAccessibleName(tr("Action filter"));
    m_action->setToolTip(
        tr("Only actions that start with this text, e.g. token. or scopeMap.update"));
    m_action->setEditable(true);
    m_action->setInsertPolicy(QComboBox::NoInsert);
    m_action->setMinimumWidth(220);
    m_action->view()->setAccessibleName(tr("Actions")); // its popup list, read over AT-SPI
    m_action->addItem(tr("All actions"), QString());
    for (const char* prefix :
         {"token.", "token.credentials.", "scopeMap.", "connectedRegistry.", "settings.", "auth."})
        m_action->addItem(QString::fromLatin1(prefix), QString::fromLatin1(prefix));
    m_action->lineEdit()->setPlaceholderText(tr("All actions"));
    m_action->lineEdit()->setAccessibleName(tr("Action filter"));

    const QDateTime now = QDateTime::currentDateTime();
    for (QDateTimeEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setEnabled(false);
    }
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_from->setAccessibleName(tr("From time"));
    m_from->setDateTime(now.addDays(-1));
    m_to->setObjectName(QStringLiteral("auditTo"));
    m_to->setAccessibleName(tr("To time"));
    m_to->setDateTime(now.addSecs(3600));
    for (QDateTimeEdit* edit : {m_from, m_to}) {
        if (auto* field = edit->findChild<QLineEdit*>())
            field->setAccessibleName(edit->accessibleName());
    }
    m_fromEnabled->setObjectName(QStringLiteral("auditFromEnabled"));
    m_fromEnabled->setAccessibleName(tr("Limit the start time"));
    m_toEnabled->setObjectName(QStringLiteral("auditToEnabled"));
    m_toEnabled->setAccessibleName(tr("Limit the end time"));
    m_apply->setObjectName(QStringLiteral("auditApply"));
    m_apply->setAccessibleName(tr("Apply the filter"));
    m_apply->setToolTip(tr("Read the audit log again with this filter (F5)"));
    m_count->setObjectName(QStringLiteral("auditCount"));
    m_count->setAccessibleName(tr("Records shown"));

    table()->setColumnWidth(AuditLogModel::TimeColumn, 160);
    table()->setColumnWidth(AuditLogModel::ActorColumn, 110);
    table()->setColumnWidth(AuditLogModel::ActionColumn, 210);
    table()->setColumnWidth(AuditLogModel::TargetColumn, 230);
    table()->setColumnWidth(AuditLogModel::OutcomeColumn, 80);

    auto* actionLabel = new QLabel(tr("A&ction:"), this);
    actionLabel->setBuddy(m_action);
    auto* filters = new QHBoxLayout;
    filters->addWidget(actionLabel);
    filters->addWidget(m_action);
    filters->addSpacing(12);
    filters->addWidget(m_fromEnabled);
    filters->addWidget(m_from);
    filters->addWidget(m_toEnabled);
    filters->addWidget(m_to);
    filters->addWidget(m_apply);
    filters->addStretch();
    filters->addWidget(m_count);
    setControls(filters);

    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_apply, &QPushButton::clicked, this, &AuditView::reload);
    connect(m_action->lineEdit(), &QLineEdit::returnPressed, this, &AuditView::reload);
    connect(m_action, &QComboBox::activated, this, &AuditView::reload);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AuditView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditView::updateCount);
    connect(m_model, &AuditLogModel::pageLoaded, this, &AuditView::updateCount);
    connect(m_model, &AuditLogModel::errorOccurred, this, [this](const QString& text) {
        showResult(tr("Can't read the audit log: %1").arg(text), true);
    });
    updateCount();
}

void AuditView::reload() {
    // "All actions" is the first item's text; anything typed is a prefix.
    QString prefix = m_action->currentText().trimmed();
    if (prefix == m_action->itemText(0))
        prefix.clear();
    m_model->setActionPrefix(prefix);
    m_model->setTimeRange(m_fromEnabled->isChecked() ? m_from->dateTime() : QDateTime(),
                          m_toEnabled->isChecked() ? m_to->dateTime() : QDateTime());
    if (messageBar()->type() == MessageBar::Type::Error)
        messageBar()->dismiss();
    m_model->reload();
}

void AuditView::updateCount() {
    const int rows = m_model->rowCount();
    m_count->setText(m_model->canFetchMore({}) || m_model->isLoading()
                         ? tr("%n record(s) so far; more as you scroll", nullptr, rows)
                         : tr("%n record(s)", nullptr, rows));
}

} // namespace ferry::ui
