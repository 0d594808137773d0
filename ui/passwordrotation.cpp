#include "passwordrotation.h"

#include "consolesession.h"
#include "onetimesecretdialog.h"

#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>

namespace ferry::ui {

PasswordRotation::PasswordRotation(ConsoleSession* session, Target target, QWidget* parentWindow)
    : QObject(parentWindow)
    , m_session(session)
    , m_target(std::move(target))
    , m_window(parentWindow) {}

void PasswordRotation::start() {
    const QString slot = QStringLiteral("password%1").arg(m_target.slot);
    const QString consequence =
        m_target.registry.isEmpty()
            ? tr("The current %1 of token \"%2\" stops working at once: every client that "
                 "signs in with it (docker login, CI jobs, registries that use the token) is "
                 "refused until it is given the new password.")
                  .arg(slot, m_target.token)
            : tr("The current %1 of sync token \"%2\" stops working at once: the connected "
                 "registry \"%3\" can't sync with its parent until it is restarted with the new "
                 "connection string.")
                  .arg(slot, m_target.token, m_target.registry);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Regenerate %1?").arg(slot),
                                tr("Regenerate %1 of \"%2\"?").arg(slot, m_target.token),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmRegeneration"));
    box->setInformativeText(consequence);
    QPushButton* go = box->addButton(tr("&Regenerate"), QMessageBox::DestructiveRole);
    go->setObjectName(QStringLiteral("confirmRegenerate"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = box;
    connect(box, &QMessageBox::finished, this, [this, box, go] {
        if (box->clickedButton() == go)
            regenerate();
        else
            Q_EMIT finished(false, tr("Cancelled; nothing changed."));
    });
    box->open(); // window-modal and asynchronous: the event loop keeps running
}

void PasswordRotation::regenerate() {
    ManagementClient* api = m_session->management();
    ManagementCall* call = nullptr;
    if (m_target.registry.isEmpty()) {
        QJsonObject body{{QStringLiteral("name"), QStringLiteral("password%1").arg(m_target.slot)}};
        if (m_target.expiry.isValid())
            body.insert(QStringLiteral("expiry"), m_target.expiry.toUTC().toString(Qt::ISODate));
        call = api->post(QStringLiteral("tokens/%1/generate-credentials")
                             .arg(ManagementClient::segment(m_target.token)),
                         body);
    } else {
        call =
            api->post(QStringLiteral("connected-registries/%1/get-settings")
                          .arg(ManagementClient::segment(m_target.registry)),
                      QJsonObject{{QStringLiteral("parentProtocol"), m_session->parentProtocol()},
                                  {QStringLiteral("generatePassword"), m_target.slot}});
    }
    connect(call, &ManagementCall::finished, this, [this, call] {
        call->deleteLater();
        const ApiResponse& response = call->response();
        if (!response.ok()) {
            fail(tr("The server refused: %1").arg(response.error->message));
            return;
        }
        if (m_target.registry.isEmpty()) {
            const QJsonArray passwords =
                response.body.value(QLatin1StringView("passwords")).toArray();
            const QString value =
                passwords.isEmpty()
                    ? QString()
                    : passwords.first().toObject().value(QLatin1StringView("value")).toString();
            if (value.isEmpty()) {
                fail(tr("The server answered without a password."));
                return;
            }
            generated(value, {});
        } else {
            const QString connection =
                response.body.value(QLatin1StringView("connectionString")).toString();
            // The password is the string's SyncTokenPassword field.
            QString value;
            for (const QString& part : connection.split(u';')) {
                if (part.startsWith(QLatin1StringView("SyncTokenPassword=")))
                    value = part.mid(int(qstrlen("SyncTokenPassword=")));
            }
            if (value.isEmpty()) {
                fail(tr("The server answered without a password."));
                return;
            }
            generated(value, connection);
        }
    });
}

void PasswordRotation::generated(const QString& password, const QString& connectionString) {
    const QString account =
        m_target.registry.isEmpty()
            ? tr("Token \"%1\" (password%2)").arg(m_target.token).arg(m_target.slot)
            : tr("Sync token \"%1\" of %2 (password%3)")
                  .arg(m_target.token, m_target.registry)
                  .arg(m_target.slot);
    auto* dialog =
        new OneTimeSecretDialog(tr("New password"), account, password, connectionString, m_window);
    m_result = dialog;
    dialog->setStorageNote(tr("Storing it in the keychain…"), false);
    dialog->open();

    CredentialJob* job = m_session->credentials()->write(
        m_session->tokenKey(m_target.token, m_target.slot), password);
    connect(job, &CredentialJob::finished, this, [this](CredentialJob* done) {
        QString note;
        if (done->ok()) {
            note = m_session->credentials()->backend() == CredentialStore::Backend::Keychain
                       ? tr("Stored in the keychain.")
                       : tr("Kept in memory for this session only (no keychain).");
        } else {
            note = tr("Not stored: %1").arg(done->errorString());
        }
        if (m_result)
            m_result->setStorageNote(note, done->ok());
        Q_EMIT finished(true, note);
    });
}

void PasswordRotation::fail(const QString& message) {
    Q_EMIT finished(false, message);
}

} // namespace ferry::ui
