#include "tokensview.h"

#include "consolesession.h"
#include "dimmedrowdelegate.h"
#include "passwordrotation.h"
#include "tokendialog.h"
#include "tokenlistmodel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace ferry::ui {

namespace {

QByteArray ifMatch(const QJsonObject& resource) {
    return '"' +
           QByteArray::number(qint64(resource.value(QLatin1StringView("revision")).toDouble())) +
           '"';
}

} // namespace

TokensView::TokensView(ConsoleSession* session, QWidget* parent)
    : ListPage(new TokenListModel(session->management()), QStringLiteral("tokenTable"),
               tr("Tokens"), parent)
    , m_session(session)
    , m_model(static_cast<TokenListModel*>(table()->model())) {
    setObjectName(QStringLiteral("tokensView"));
    m_model->setParent(this);
    m_new = makeButton(tr("&New token…"), QStringLiteral("newToken"), tr("Create a token"));
    m_toggle =
        makeButton(tr("&Disable"), QStringLiteral("toggleToken"),
                   tr("Enable or disable the selected token; a disabled token can't sign in"));
    m_scopeMap = makeButton(tr("Scope &map…"), QStringLiteral("tokenScopeMapButton"),
                            tr("Choose the scope map of the selected token"));
    m_password = makeButton(
        tr("&Password…"), QStringLiteral("tokenPassword"),
        tr("Generate password1 or password2 of the selected token, with an optional expiry"));
    m_removePassword = makeButton(
        tr("&Remove password…"), QStringLiteral("removeTokenPassword"),
        tr("Empty password1 or password2 of the selected token; the other keeps working"));
    m_delete =
        makeButton(tr("De&lete…"), QStringLiteral("deleteToken"), tr("Delete the selected token"));
    // Disabled tokens greyed out; their Status column says "disabled" in words.
    table()->setItemDelegate(new DimmedRowDelegate(TokenListModel::DisabledRole, table()));

    table()->setColumnWidth(TokenListModel::NameColumn, 200);
    table()->setColumnWidth(TokenListModel::StatusColumn, 90);
    table()->setColumnWidth(TokenListModel::ScopeMapColumn, 200);
    table()->setColumnWidth(TokenListModel::Password1Column, 380);
    // Delete on the table deletes the token (after asking).
    connect(addDeleteKey(tr("Delete token")), &QAction::triggered, this, &TokensView::deleteToken);

    auto* buttons = new QHBoxLayout;
    for (QPushButton* button :
         {m_new, m_toggle, m_scopeMap, m_password, m_removePassword, m_delete})
        buttons->addWidget(button);
    buttons->addStretch();
    setControls(buttons);

    connect(m_new, &QPushButton::clicked, this, &TokensView::newToken);
    connect(m_toggle, &QPushButton::clicked, this, &TokensView::toggleEnabled);
    connect(m_scopeMap, &QPushButton::clicked, this, &TokensView::changeScopeMap);
    connect(m_password, &QPushButton::clicked, this, &TokensView::generatePassword);
    connect(m_removePassword, &QPushButton::clicked, this, &TokensView::removePassword);
    connect(m_delete, &QPushButton::clicked, this, &TokensView::deleteToken);
    connect(table(), &QTableView::activated, this, &TokensView::changeScopeMap);
    connect(table()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TokensView::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TokensView::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TokensView::updateActions);
    connect(m_model, &TokenListModel::errorOccurred, this, [this](const QString& text) {
        showResult(tr("Can't list the tokens: %1").arg(text), true);
    });
    updateActions();
}

QString TokensView::currentToken() const {
    return currentName(m_model);
}

bool TokensView::selectToken(const QString& name) {
    return selectName(m_model, name);
}

void TokensView::reload() {
    m_model->reload();
}

void TokensView::updateActions() {
    const QJsonObject token = currentItem(m_model);
    const bool selected = !token.isEmpty();
    const bool enabled =
        token.value(QLatin1StringView("status")).toString() == QLatin1String("enabled");
    m_toggle->setText(selected && !enabled ? tr("&Enable") : tr("&Disable"));
    m_toggle->setAccessibleName(selected && !enabled ? tr("Enable") : tr("Disable"));
    for (QPushButton* button : {m_toggle, m_scopeMap, m_password, m_delete})
        button->setEnabled(selected);
    const QJsonObject credentials = token.value(QLatin1StringView("credentials")).toObject();
    m_removePassword->setEnabled(
        selected && (!credentials.value(QLatin1StringView("password1")).toObject().isEmpty() ||
                     !credentials.value(QLatin1StringView("password2")).toObject().isEmpty()));
}

void TokensView::applyToken(const QJsonObject& token) {
    const QString name = token.value(QLatin1StringView("name")).toString();
    m_model->applyEvent(QStringLiteral("updated"),
                        {{QStringLiteral("kind"), QStringLiteral("token")},
                         {QStringLiteral("name"), name},
                         {QStringLiteral("resource"), token}});
}

void TokensView::newToken() {
    auto* dialog = new TokenDialog(m_session, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TokenDialog::saved, this, [this](const QJsonObject& token) {
        applyToken(token);
        const QString name = token.value(QLatin1StringView("name")).toString();
        selectToken(name);
        showResult(tr("Created token %1.").arg(name), false);
    });
    dialog->open();
}

void TokensView::changeScopeMap() {
    const QJsonObject token = currentItem(m_model);
    if (token.isEmpty())
        return;
    auto* dialog = new TokenDialog(m_session, token, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TokenDialog::saved, this, [this](const QJsonObject& saved) {
        applyToken(saved);
        showResult(tr("Saved token %1.").arg(saved.value(QLatin1StringView("name")).toString()),
                   false);
    });
    dialog->open();
}

void TokensView::toggleEnabled() {
    const QJsonObject token = currentItem(m_model);
    if (token.isEmpty())
        return;
    if (token.value(QLatin1StringView("status")).toString() != QLatin1String("enabled")) {
        setStatus(token, true);
        return;
    }
    // Disabling breaks whoever signs in with it: say so first, as for a regeneration.
    const QString name = token.value(QLatin1StringView("name")).toString();
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Disable %1?").arg(name),
                        tr("Disable the token \"%1\"?").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDisableToken"));
    box->setInformativeText(
        tr("Both of its passwords stop signing in at once (docker login, CI jobs). If it is a "
           "connected registry's sync token, that registry is deactivated too. Enable it again "
           "to undo."));
    QPushButton* go = box->addButton(tr("D&isable"), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("confirmDisableTokenButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, go, token] {
        if (box->clickedButton() == go)
            setStatus(token, false);
    });
    box->open();
}

void TokensView::setStatus(const QJsonObject& token, bool enable) {
    const QString name = token.value(QLatin1StringView("name")).toString();
    ManagementCall* call = m_session->management()->patch(
        QStringLiteral("tokens/%1").arg(ManagementClient::segment(name)),
        {{QStringLiteral("status"),
          enable ? QStringLiteral("enabled") : QStringLiteral("disabled")}},
        {{"If-Match", ifMatch(token)}});
    m_toggle->setEnabled(false);
    connect(call, &ManagementCall::finished, this, [this, call, name, enable] {
        call->deleteLater();
        updateActions();
        if (!call->response().ok()) {
            showResult(
                tr("Token %1 was not changed: %2").arg(name, call->response().error->message),
                true);
            return;
        }
        applyToken(call->response().body);
        showResult(enable ? tr("Enabled token %1.").arg(name)
                          : tr("Disabled token %1: its passwords no longer sign in.").arg(name),
                   false);
    });
}

void TokensView::generatePassword() {
    const QString name = currentToken();
    if (name.isEmpty())
        return;
    auto* choice = new PasswordChoiceDialog(name, this);
    choice->setAttribute(Qt::WA_DeleteOnClose);
    connect(choice, &QDialog::accepted, this, [this, choice, name] {
        PasswordRotation::Target target;
        target.token = name;
        target.slot = choice->slot();
        target.expiry = choice->expiry();
        m_rotation = new PasswordRotation(m_session, target, this);
        PasswordRotation* rotation = m_rotation;
        connect(rotation, &PasswordRotation::finished, this, [this](bool ok, const QString& text) {
            if (ok || text != PasswordRotation::tr("Cancelled; nothing changed."))
                showResult(text, !ok);
        });
        rotation->start();
    });
    choice->open();
}

void TokensView::removePassword() {
    const QJsonObject token = currentItem(m_model);
    if (token.isEmpty())
        return;
    const QString name = token.value(QLatin1StringView("name")).toString();
    const QJsonObject credentials = token.value(QLatin1StringView("credentials")).toObject();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Remove a password of %1?").arg(name),
                                tr("Remove a password of the token \"%1\"?").arg(name),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemovePassword"));
    box->setInformativeText(
        tr("Whoever signs in as %1 with the removed password is refused at once (docker login, "
           "CI jobs); the other password keeps working. The console's keychain copy of it goes "
           "too. This can't be undone: generate a new password instead to replace it.")
            .arg(name));
    // Only the slots that hold a password can be emptied.
    QHash<QAbstractButton*, int> slotOf;
    for (int slot : {1, 2}) {
        if (credentials.value(QStringLiteral("password%1").arg(slot)).toObject().isEmpty())
            continue;
        QPushButton* button =
            box->addButton(tr("Remove password&%1").arg(slot), QMessageBox::DestructiveRole);
        button->setObjectName(QStringLiteral("removePassword%1").arg(slot));
        slotOf.insert(button, slot);
    }
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, slotOf, token, name] {
        const int slot = slotOf.value(box->clickedButton(), 0);
        if (slot == 0)
            return;
        const QString slotName = QStringLiteral("password%1").arg(slot);
        // Only the token as shown: if it changed meanwhile the server refuses (412).
        ManagementCall* call =
            m_session->management()->send("DELETE",
                                          QStringLiteral("tokens/%1/credentials/%2")
                                              .arg(ManagementClient::segment(name), slotName),
                                          {}, nullptr, {{"If-Match", ifMatch(token)}});
        connect(call, &ManagementCall::finished, this, [this, call, name, slot, slotName] {
            call->deleteLater();
            if (!call->response().ok()) {
                showResult(tr("The %1 of %2 was not removed: %3")
                               .arg(slotName, name, call->response().error->message),
                           true);
                return;
            }
            // A dead password is no secret worth keeping.
            m_session->credentials()->remove(m_session->tokenKey(name, slot)); // deletes itself
            showResult(tr("Removed the %1 of token %2.").arg(slotName, name), false);
            // 204 has no body: read the token again for its new revision.
            ManagementCall* reread = m_session->management()->get(
                QStringLiteral("tokens/%1").arg(ManagementClient::segment(name)));
            connect(reread, &ManagementCall::finished, this, [this, reread] {
                reread->deleteLater();
                if (reread->response().ok())
                    applyToken(reread->response().body);
            });
        });
    });
    box->open();
}

void TokensView::deleteToken() {
    const QJsonObject token = currentItem(m_model);
    if (token.isEmpty())
        return;
    const QString name = token.value(QLatin1StringView("name")).toString();
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Delete %1?").arg(name),
                        tr("Delete the token \"%1\"?").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteToken"));
    box->setInformativeText(
        tr("Both of its passwords stop working at once: every client that signs in "
           "as %1 is refused. This can't be undone.")
            .arg(name));
    QPushButton* go = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("confirmDeleteTokenButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, go, token, name] {
        if (box->clickedButton() != go)
            return;
        // Only the token as shown: if it changed meanwhile the server refuses (412).
        ManagementCall* call = m_session->management()->send(
            "DELETE", QStringLiteral("tokens/%1").arg(ManagementClient::segment(name)), {}, nullptr,
            {{"If-Match", ifMatch(token)}});
        connect(call, &ManagementCall::finished, this, [this, call, name] {
            call->deleteLater();
            if (!call->response().ok()) {
                showResult(
                    tr("Token %1 was not deleted: %2").arg(name, call->response().error->message),
                    true);
                return;
            }
            m_model->applyEvent(QStringLiteral("deleted"),
                                {{QStringLiteral("kind"), QStringLiteral("token")},
                                 {QStringLiteral("name"), name}});
            showResult(tr("Deleted token %1.").arg(name), false);
        });
    });
    box->open();
}

} // namespace ferry::ui
