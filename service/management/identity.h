#pragma once
// Who is calling, once authenticated. Management requests always carry the
// admin identity (the router refuses everyone else before any controller runs).

#include <QString>

namespace ferry::access {

struct Identity {
    enum class Kind { Anonymous, Admin, Token };
    Kind kind = Kind::Anonymous;
    QString name;    // "admin", the token name, or empty for anonymous
    QString address; // the client's address, for audit records
};

} // namespace ferry::access
