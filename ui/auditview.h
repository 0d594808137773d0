#pragma once
// The service's audit log, oldest first and page by page (AuditLogModel),
// filtered by action (a prefix such as "token." or an exact action) and by
// a time range; Apply (or Enter in the filter) reads it again.

#include "listpage.h"

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;

namespace ferry {
class AuditLogModel;
}

namespace ferry::ui {

class ConsoleSession;

class AuditView : public ListPage {
    Q_OBJECT
public:
    explicit AuditView(ConsoleSession* session, QWidget* parent = nullptr);

    AuditLogModel* model() const { return m_model; }
    QComboBox* actionFilter() const { return m_action; }
    QCheckBox* fromBox() const { return m_fromEnabled; }
    QDateTimeEdit* fromEdit() const { return m_from; }
    QCheckBox* toBox() const { return m_toEnabled; }
    QDateTimeEdit* toEdit() const { return m_to; }

public Q_SLOTS:
    // Reads the log again with the filters as they are set.
    void reload();

private:
    void updateCount();

    AuditLogModel* m_model;
    QComboBox* m_action;
    QCheckBox* m_fromEnabled;
    QDateTimeEdit* m_from;
    QCheckBox* m_toEnabled;
    QDateTimeEdit* m_to;
    QPushButton* m_apply;
    QLabel* m_count;
};

} // namespace ferry::ui
