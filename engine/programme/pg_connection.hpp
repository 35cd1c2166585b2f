// A connection to a PostgreSQL server through libpq, for the programme store. DB is whatever libpq
// takes: a connection string or URI, `service=NAME` (pg_service.conf) and the PG* environment
// variables. Passwords come from ~/.pgpass or the caller's prompt, never from a command line.
// Every failure is an Error whose subject names the server (without password) and whose cause is
// the server's own words, shortened to one line.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/error.hpp"

struct pg_conn;
struct pg_result;

namespace samenkaart::pg {

// An Error from the server that also carries its SQLSTATE ("40001", "28P01", ...; empty when the
// failure was the connection's own).
class ServerError : public Error {
public:
    ServerError(std::string subject, std::string cause, ErrorKind kind, std::string sqlstate)
        : Error(std::move(subject), std::move(cause), kind), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }
    // A serialisation failure or deadlock: the transaction may simply be run again.
    bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

private:
    std::string sqlstate_;
};

class Result {
public:
    Result() = default;
    explicit Result(pg_result* r) : r_(r) {}
    ~Result();
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result& operator=(Result&& o) noexcept;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const;
    bool isNull(int row, int column) const;
    std::string text(int row, int column) const;
    std::optional<std::string> optionalText(int row, int column) const;
    int64_t integer(int row, int column) const;

private:
    pg_result* r_ = nullptr;
};

using Params = std::vector<std::optional<std::string>>;

struct ConnectOptions {
    // Asked once when the server wants a password that ~/.pgpass did not give; returns nullopt when
    // there is no one to ask (no terminal). Never called when not set.
    std::function<std::optional<std::string>(const std::string& serverLabel)> askPassword;
    // Seconds to wait for an unreachable server; PGCONNECT_TIMEOUT or the string's own
    // connect_timeout win over this.
    int connectTimeoutSeconds = 5;
};

class Connection {
public:
    // Connects; throws Error (kind NotFound for a missing database, Denied for authentication,
    // Unreachable for a server that cannot be reached) naming the server.
    static Connection open(const std::string& db, const ConnectOptions& options = {});

    Connection(Connection&& o) noexcept : conn_(o.conn_), label_(std::move(o.label_)) { o.conn_ = nullptr; }
    Connection& operator=(Connection&& o) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    // "user@host:port/dbname": what messages name; never a password.
    const std::string& label() const { return label_; }
    std::string user() const;
    int serverVersion() const;  // 150004 for 15.4

    // Runs SQL (one or more statements without parameters, or one with $1.. parameters given as
    // text; nullopt is NULL). Throws ServerError naming the server.
    Result exec(std::string_view sql);
    Result exec(const std::string& sql, const Params& params);

    // COPY ... FROM STDIN (text format): `fill` appends rows to the buffer it is given, using
    // CopyRow; they are sent in pieces as the buffer fills.
    class CopyBuffer {
    public:
        explicit CopyBuffer(Connection& c) : c_(c) {}
        // One field; call endRow() after the last one of a row.
        CopyBuffer& field(std::string_view text);
        CopyBuffer& field(const std::string& text) { return field(std::string_view(text)); }
        CopyBuffer& field(const char* text) { return field(std::string_view(text)); }
        CopyBuffer& field(const std::optional<std::string>& text);
        CopyBuffer& field(int64_t value);
        CopyBuffer& null();
        void endRow();

    private:
        friend class Connection;
        void flush(bool last);
        Connection& c_;
        std::string buffer_;
        bool rowStarted_ = false;
    };
    void copyIn(const std::string& copySql, const std::function<void(CopyBuffer&)>& fill);

private:
    Connection(pg_conn* conn, std::string label) : conn_(conn), label_(std::move(label)) {}
    [[noreturn]] void fail(pg_result* r);
    [[noreturn]] void failConnection(const std::string& what);

    pg_conn* conn_ = nullptr;
    std::string label_;
};

// A transaction: BEGIN on construction, ROLLBACK unless commit() was called.
class Transaction {
public:
    explicit Transaction(Connection& c);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& c_;
    bool open_ = false;
};

// Runs `work` in a transaction (it gets the Connection; the transaction is committed after it
// returns), again up to `attempts` times when the server reports a serialisation failure or a
// deadlock, waiting a little longer each time.
void withRetries(Connection& c, const std::function<void(Connection&)>& work, int attempts = 8);

// The bytes of a bytea or encode(..., 'hex') text ("0102ff"); an odd or bad digit ends it.
std::vector<uint8_t> fromHex(const std::string& hex);

// Whether a connection string or URI carries a password (then it is not to be stored anywhere).
bool mentionsPassword(const std::string& db);

// The server's one-line words from libpq's message: "connection to server at ... failed: FATAL:  x" -> "x".
std::string oneLine(std::string_view message);

}  // namespace samenkaart::pg
