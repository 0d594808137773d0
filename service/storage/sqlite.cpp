#include "storage/sqlite.h"

#include <sqlite3.h>

namespace ferry::sql {

bool Error::diskFull() const {
    return (m_code & 0xff) == SQLITE_FULL;
}

static void check(sqlite3* db, int rc) {
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        throw Error(rc, std::string("sqlite: ") + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

Statement::~Statement() {
    if (m_statement)
        sqlite3_reset(m_statement);
}

Statement& Statement::bind(int index, std::string_view text) {
    // An empty view may carry no pointer, which SQLite would bind as NULL.
    check(sqlite3_db_handle(m_statement),
          sqlite3_bind_text(m_statement, index, text.data() ? text.data() : "", int(text.size()),
                            SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, int64_t value) {
    check(sqlite3_db_handle(m_statement), sqlite3_bind_int64(m_statement, index, value));
    return *this;
}

Statement& Statement::bindNull(int index) {
    check(sqlite3_db_handle(m_statement), sqlite3_bind_null(m_statement, index));
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const int code = sqlite3_extended_errcode(sqlite3_db_handle(m_statement));
    const std::string message = sqlite3_errmsg(sqlite3_db_handle(m_statement));
    sqlite3_reset(m_statement);
    throw Error(code, "sqlite: " + message);
}

void Statement::run() {
    while (step()) {
    }
}

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_statement, column));
    return data ? std::string(data, size_t(sqlite3_column_bytes(m_statement, column)))
                : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const {
    if (sqlite3_column_type(m_statement, column) == SQLITE_NULL)
        return std::nullopt;
    return text(column);
}

int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

void Statement::reset() {
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

Connection::Connection(const std::string& path) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        throw Error(rc, "sqlite: cannot open " + path + ": " + message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 10000);
    // WAL lets readers proceed while one writer commits; synchronous=FULL
    // makes each commit durable before we acknowledge the request.
    try {
        // cache_size: 1 MiB of pages per connection instead of SQLite's
        // 2 MiB. A pool keeps up to kIdleConnections of them per database,
        // each cache filling over time, so this is what bounds the page
        // caches at 2 databases x 8 x 1 MiB; the pages it no longer holds
        // are one pread away in the kernel's page cache.
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
             "PRAGMA cache_size=-1024;");
    } catch (...) {
        // A constructor that throws runs no destructor: close here, or a
        // failing disk leaks a connection and its file descriptors on every
        // attempt (found by the ASan run of tst_fault_injection).
        sqlite3_close(m_db);
        throw;
    }
}

Connection::~Connection() {
    for (auto& [sql, statement] : m_cache)
        sqlite3_finalize(statement);
    sqlite3_close(m_db);
}

void Connection::exec(std::string_view sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw Error(sqlite3_extended_errcode(m_db), "sqlite: " + text);
    }
}

Statement Connection::prepare(std::string_view sql) {
    auto it = m_cache.find(std::string(sql));
    if (it == m_cache.end()) {
        sqlite3_stmt* statement = nullptr;
        check(m_db, sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                       &statement, nullptr));
        it = m_cache.emplace(std::string(sql), statement).first;
    }
    Statement statement(it->second);
    statement.reset();
    return statement;
}

int64_t Connection::changes() const {
    return sqlite3_changes64(m_db);
}

Lease::~Lease() {
    if (m_connection)
        m_pool->release(std::move(m_connection));
}

namespace {
constexpr size_t kIdleConnections = 8;
} // namespace

Lease Pool::acquire() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto connection = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(this, std::move(connection));
        }
    }
    return Lease(this, std::make_unique<Connection>(m_path));
}

void Pool::release(std::unique_ptr<Connection> connection) {
    // Keep a handful warm; a burst of connections beyond that is closed.
    // Each idle connection holds its page cache and prepared statements:
    // 16 of them per database let a 64-client soak swing ferryd's RSS by
    // tens of MiB.
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < kIdleConnections)
        m_idle.push_back(std::move(connection));
}

// One writer mutex per database file, for the life of the process.
static std::mutex& writerMutexFor(sqlite3* db) {
    static std::mutex guard;
    static std::unordered_map<std::string, std::unique_ptr<std::mutex>> writers;
    const char* name = sqlite3_db_filename(db, "main");
    std::lock_guard lock(guard);
    auto& slot = writers[name ? name : ""];
    if (!slot)
        slot = std::make_unique<std::mutex>();
    return *slot;
}

Transaction::Transaction(Connection& connection, bool immediate)
    : m_connection(connection) {
    if (immediate)
        m_writer = std::unique_lock(writerMutexFor(connection.handle()));
    m_connection.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_connection.exec("ROLLBACK");
        } catch (const Error&) {
            // Nothing to do: SQLite already rolled back on the failing statement.
        }
    }
}

void Transaction::commit() {
    m_connection.exec("COMMIT");
    m_done = true;
    if (m_writer.owns_lock())
        m_writer.unlock();
}

} // namespace ferry::sql
