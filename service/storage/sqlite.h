#pragma once
// A thin RAII layer over SQLite's C API: connections with a statement cache,
// statements with typed binds, a pool so each request thread leases its own
// connection (SQLite connections are not to be shared between threads), and
// a transaction guard that rolls back unless committed.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ferry::sql {

// Thrown on SQLite failures that callers cannot handle locally (disk I/O,
// corruption). The request layer turns it into a 500 and keeps serving.
class Error : public std::runtime_error {
public:
    Error(int code, const std::string& message)
        : std::runtime_error(message)
        , m_code(code) {}
    int code() const { return m_code; }
    bool diskFull() const;

private:
    int m_code;
};

// A leased prepared statement. It resets itself when it goes out of scope:
// an unfinished statement would otherwise keep its read snapshot open and
// later statements on the same connection would see stale data.
class Statement {
public:
    explicit Statement(sqlite3_stmt* statement)
        : m_statement(statement) {}
    Statement(Statement&& other) noexcept
        : m_statement(std::exchange(other.m_statement, nullptr)) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, int64_t value);
    Statement& bindNull(int index);
    // Steps once: true while a row is available.
    bool step();
    void run(); // steps to completion, for statements without rows
    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    int64_t integer(int column) const;
    void reset();

private:
    sqlite3_stmt* m_statement;
};

class Connection {
public:
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(std::string_view sql);
    // A cached prepared statement, reset and with cleared bindings.
    Statement prepare(std::string_view sql);
    int64_t changes() const;
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> m_cache;
};

class Pool;

// A connection leased from the pool for the duration of one operation.
class Lease {
public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection)
        : m_pool(pool)
        , m_connection(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Connection* operator->() const { return m_connection.get(); }
    Connection& operator*() const { return *m_connection; }

private:
    Pool* m_pool;
    std::unique_ptr<Connection> m_connection;
};

class Pool {
public:
    explicit Pool(std::string path)
        : m_path(std::move(path)) {}
    Lease acquire();
    void release(std::unique_ptr<Connection> connection);
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Connection>> m_idle;
};

// BEGIN IMMEDIATE takes the write lock up front, so checks made inside the
// transaction still hold when it commits (e.g. "every referenced blob exists").
//
// Writers of one database in this process also queue on a mutex before BEGIN
// IMMEDIATE: SQLite's busy handler polls with growing sleeps, so under many
// concurrent writers (64 in the soak) some lost every race and hit the busy
// timeout ("database is locked", a 500). A mutex hands the lock on in turn.
class Transaction {
public:
    explicit Transaction(Connection& connection, bool immediate = true);
    ~Transaction();
    void commit();

private:
    Connection& m_connection;
    std::unique_lock<std::mutex> m_writer;
    bool m_done = false;
};

} // namespace ferry::sql
