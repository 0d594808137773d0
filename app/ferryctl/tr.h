#pragma once
// ferryctl's user-visible text goes through Tr::tr (translation context
// "ferryctl"), so lupdate finds it and translations/ferry_<lang>.ts
// translates it. Option names, JSON fields, API values and placeholders
// such as FILE or URL stay as they are: they are what the user types.

#include <QCoreApplication>

namespace ferryctl {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ferryctl)
};

} // namespace ferryctl
