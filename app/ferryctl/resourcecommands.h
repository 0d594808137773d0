#pragma once
// The shapes every resource command shares: connect and send one call, print
// the answer (the API's JSON unchanged, or a table for people), and the
// list/show/delete verbs built from them. A command file then only says which
// path it talks to and how its table looks.

#include "cli.h"

#include <QUrlQuery>
#include <functional>
#include <optional>

namespace ferryctl {

// Prints a resource in table mode; JSON mode never needs one.
using ResourcePrinter = std::function<void(Output&, const QJsonObject&)>;
// One of Output's per-resource tables (Output::printTokens, ...).
using TablePrinter = void (Output::*)(const QJsonArray&);
// Where the resource called `name` lives, below /api/v1/.
using PathOf = std::function<QString(const QString& name)>;

// Where each kind of resource lives below /api/v1/, the name encoded as one
// path segment so it can never escape its place.
QString scopeMapPath(const QString& name);
QString tokenPath(const QString& name);
QString connectedRegistryPath(const QString& name);

// The resource as a one-row table of its list.
ResourcePrinter asTableRow(TablePrinter table);

// Connects (once) and sends the call `send` makes; nullopt after printing
// why, and ctx.exitCode() is then the status to return.
std::optional<ferry::ApiResponse>
request(Context& ctx, const std::function<ferry::ManagementCall*(ferry::ManagementClient&)>& send);

// A call's answer printed, or the failure's status.
int printAnswer(Context& ctx, const std::optional<ferry::ApiResponse>& response,
                const ResourcePrinter& print);
// A list's items: the JSON array, or the table.
void printItems(Context& ctx, const QJsonArray& items, TablePrinter table);

// GET path and print its items.
int listResources(Context& ctx, const QString& path, TablePrinter table,
                  const QUrlQuery& query = {});
// GET the resource --name names and print it.
int showResource(Context& ctx, const PathOf& pathOf, const ResourcePrinter& print);
// --name, once the person (or --yes) agreed to "<verbing> <what> '<name>'";
// nullopt after printing why.
std::optional<QString> confirmedName(Context& ctx, const QString& question, const QString& what);
// Confirms, DELETEs the resource --name names and says "Deleted <what> '<name>'."
// in table mode. With `details`, the server's answer is printed too: unchanged
// in JSON, through `details` below that line in a table.
int deleteResource(Context& ctx, const QString& what, const PathOf& pathOf,
                   const QUrlQuery& query = {}, const ResourcePrinter& details = {});

} // namespace ferryctl
