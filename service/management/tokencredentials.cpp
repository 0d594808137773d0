#include "management/tokencredentials.h"

#include "crypto/passwordhash.h"
#include "crypto/random.h"
#include "domain/jsoncodec.h"

#include <QJsonObject>
#include <openssl/crypto.h>

namespace ferry::management {

namespace {

std::optional<PasswordSlot>& slotOf(TokenCredentials& credentials, const QString& slot) {
    return slot == QLatin1String("password1") ? credentials.password1 : credentials.password2;
}

QString& hashOf(access::PasswordHashes& hashes, const QString& slot) {
    return slot == QLatin1String("password1") ? hashes.password1 : hashes.password2;
}

} // namespace

GeneratedPassword::~GeneratedPassword() {
    // The value leaves the process in one response; keep no copy in freed memory.
    if (!value.empty())
        OPENSSL_cleanse(value.data(), value.size());
}

QStringList passwordSlotNames() {
    return {QStringLiteral("password1"), QStringLiteral("password2")};
}

bool isPasswordSlotName(const QString& slot) {
    return passwordSlotNames().contains(slot);
}

Result<QList<GeneratedPassword>> generatePasswords(const QStringList& slots,
                                                   const QDateTime& expiry) {
    QList<GeneratedPassword> out;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString& slot : slots) {
        auto value = crypto::generatePassword();
        if (!value)
            return makeError(QLatin1StringView("PASSWORD_GENERATION_FAILED"),
                             QStringLiteral("No password could be generated: %1")
                                 .arg(QString::fromStdString(value.error())));
        auto hash = crypto::hashPassword(value.value());
        if (!hash) {
            OPENSSL_cleanse(value.value().data(), value.value().size());
            return makeError(QLatin1StringView("PASSWORD_GENERATION_FAILED"),
                             QStringLiteral("The password could not be hashed: %1")
                                 .arg(QString::fromStdString(hash.error())));
        }
        GeneratedPassword password;
        password.slot = slot;
        password.value = value.value();
        OPENSSL_cleanse(value.value().data(), value.value().size());
        password.hash = std::move(hash).value();
        password.creationTime = now;
        password.expiry = expiry;
        out.push_back(password);
    }
    return out;
}

void applyPasswords(access::TokenRecord& record, const QList<GeneratedPassword>& passwords) {
    for (const GeneratedPassword& password : passwords) {
        hashOf(record.hashes, password.slot) = QString::fromStdString(password.hash);
        slotOf(record.token.credentials, password.slot) =
            PasswordSlot{password.creationTime, password.expiry};
    }
}

bool clearPasswordSlot(access::TokenRecord& record, const QString& slot) {
    QString& hash = hashOf(record.hashes, slot);
    std::optional<PasswordSlot>& metadata = slotOf(record.token.credentials, slot);
    if (hash.isEmpty() && !metadata)
        return false;
    hash.clear();
    metadata.reset();
    return true;
}

QJsonArray passwordsToJson(const QList<GeneratedPassword>& passwords) {
    QJsonArray out;
    for (const GeneratedPassword& password : passwords) {
        out.append(QJsonObject{
            {QStringLiteral("name"), password.slot},
            {QStringLiteral("value"), QString::fromStdString(password.value)},
            {QStringLiteral("creationTime"), formatRfc3339(password.creationTime)},
            {QStringLiteral("expiry"),
             password.expiry.isValid() ? QJsonValue(formatRfc3339(password.expiry)) : QJsonValue()},
        });
    }
    return out;
}

} // namespace ferry::management
