#pragma once
// The domain's messages for people (validation errors, the names of what
// they are about) go through QCoreApplication::translate with the context
// "domain", spelled out at each call so lupdate finds every one. The console
// and ferryctl install a translator, so an operator typing into a dialog
// reads them in the console's language; ferryd installs none, so its API
// answers and logs stay in English, the source language. Field paths,
// patterns and API values are not translated.

#include <QCoreApplication>
