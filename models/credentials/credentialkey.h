#pragma once
// Which secret an entry of the credential store holds: scoped by the server
// it belongs to and the account on that server, so two servers (or two
// tokens of one server) never share an entry. The server is normalised, so
// "host:5000", "https://host:5000/" and "HTTPS://HOST:5000" name one entry.

#include <QString>

namespace ferry {

struct CredentialKey {
    QString server;  // normalizeServer() form: scheme://host[:port], no trailing slash
    QString account; // "admin", or tokenAccount(...) for a token's password slot

    bool isValid() const { return !server.isEmpty() && !account.isEmpty(); }
    // The keychain entry's name: "ferry:<server>:<account>". Servers carry no
    // user info and accounts no whitespace, so the text is unambiguous.
    QString entryName() const;

    // "token:<name>:password1": a client or sync token's password slot.
    static QString tokenAccount(const QString& token, int slot);

    friend bool operator==(const CredentialKey&, const CredentialKey&) = default;
};

// "host:port" becomes "https://host:port"; scheme and host are lower-cased,
// user info, query, fragment and a trailing slash are dropped. Empty when the
// text is not an http:// or https:// server.
QString normalizeServer(const QString& text);

} // namespace ferry
