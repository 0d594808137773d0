#pragma once
// Small translations shared by the token and scope-map commands: the
// reference CLI's `--repository REPO ACTION...` shorthand into scope map
// actions, expiry options into an RFC 3339 time, and list bodies into arrays.

#include "arguments.h"
#include "domain/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace ferryctl {

// Each occurrence of `option` is REPO ACTION... (repositories/REPO/ACTION) or
// NAME ACTION... for gateways (gateway/NAME/ACTION). An occurrence without an
// action is a usage error; whether an action exists is the server's call.
ferry::Result<QStringList> actionsFromOption(const ParsedArgs& args, const QString& option,
                                             const QString& prefix);
// Repository and gateway options together, e.g. {"repository", "gateway"}.
ferry::Result<QStringList> actionsFromOptions(const ParsedArgs& args,
                                              const QString& repositoryOption,
                                              const QString& gatewayOption);

// --expiration RFC3339 or --expiration-in-days N (not both); an empty string
// means no expiry.
ferry::Result<QString> expiryFromOptions(const ParsedArgs& args);

// The "items" array of a list response.
QJsonArray itemsOf(const QJsonObject& listResponse);

// The common OptionSpec for `--name/-n`.
OptionSpec nameOption(const QString& help);
OptionSpec yesOption();

} // namespace ferryctl
