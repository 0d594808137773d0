#pragma once
// A token's passwords (DOMAIN.md "Tokens"): the server generates them, keeps
// only an scrypt hash, and shows the value exactly once, in the response to
// the request that generated it. Generation and hashing happen here, before
// AccessStore::mutate runs, because scrypt takes tens of milliseconds and the
// store serialises writers; applying the result inside the mutation is cheap.

#include "access/accessstate.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QStringList>
#include <string>

namespace ferry::management {

// One freshly generated password. The value is wiped when this is destroyed.
struct GeneratedPassword {
    QString slot; // "password1" or "password2"
    std::string value;
    std::string hash;       // PHC scrypt string
    QDateTime creationTime; // UTC
    QDateTime expiry;       // UTC; invalid means it never expires

    GeneratedPassword() = default;
    GeneratedPassword(const GeneratedPassword&) = default;
    GeneratedPassword& operator=(const GeneratedPassword&) = default;
    ~GeneratedPassword();
};

// "password1" and "password2".
QStringList passwordSlotNames();
bool isPasswordSlotName(const QString& slot);

// Generates and hashes one password per slot. STORAGE_ERROR-like failures of
// the random source or the KDF come back as PASSWORD_GENERATION_FAILED.
Result<QList<GeneratedPassword>> generatePasswords(const QStringList& slots,
                                                   const QDateTime& expiry);

// Stores the hashes and the slot metadata (never the value) in the record.
void applyPasswords(access::TokenRecord& record, const QList<GeneratedPassword>& passwords);

// Empties one slot: hash and metadata. False when it was already empty.
bool clearPasswordSlot(access::TokenRecord& record, const QString& slot);

// [{"name", "value", "creationTime", "expiry"}], for the one response that shows them.
QJsonArray passwordsToJson(const QList<GeneratedPassword>& passwords);

} // namespace ferry::management
