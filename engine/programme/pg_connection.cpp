#include "engine/programme/pg_connection.hpp"

#include <sodium.h>

#include <libpq-fe.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace samenkaart::pg {
namespace {

constexpr size_t kCopyChunkBytes = size_t{1} << 20;

// What an SQLSTATE class means for the caller.
ErrorKind kindOfState(const std::string& state) {
    if (state == "28P01" || state == "28000" || state == "42501") return ErrorKind::Denied;
    if (state == "3D000" || state == "3F000" || state == "42P01") return ErrorKind::NotFound;
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03")
        return ErrorKind::Unreachable;
    if (state == "53100") return ErrorKind::DiskFull;
    if (state == "25006") return ErrorKind::ReadOnly;
    if (state.starts_with("22") || state.starts_with("23")) return ErrorKind::BadInput;
    return ErrorKind::Other;
}

std::string connectionLabel(PGconn* c) {
    std::string label;
    if (const char* user = PQuser(c); user && *user) label += std::string(user) + "@";
    const char* host = PQhost(c);
    label += host && *host ? host : "localhost";
    if (const char* port = PQport(c); port && *port) label += std::string(":") + port;
    if (const char* db = PQdb(c); db && *db) label += std::string("/") + db;
    return label;
}

// The label before a connection exists: what the string and environment ask for.
std::string wantedLabel(const std::string& db) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(db.c_str(), &err);
    if (err) PQfreemem(err);
    auto get = [opts](const char* key, const char* env) -> std::string {
        if (opts)
            for (PQconninfoOption* o = opts; o->keyword; ++o)
                if (std::string_view(o->keyword) == key && o->val && *o->val) return o->val;
        const char* e = std::getenv(env);
        return e && *e ? e : "";
    };
    std::string service = get("service", "PGSERVICE");
    std::string user = get("user", "PGUSER"), host = get("host", "PGHOST"), port = get("port", "PGPORT"),
                dbname = get("dbname", "PGDATABASE");
    if (opts) PQconninfoFree(opts);
    if (!service.empty() && host.empty()) return "service " + service;
    std::string label;
    if (!user.empty()) label += user + "@";
    label += host.empty() ? "localhost" : host;
    if (!port.empty()) label += ":" + port;
    if (!dbname.empty()) label += "/" + dbname;
    return label;
}

// libpq's connection message, without its "connection to server at ... failed:" prefix (the
// subject names the server already) and the level word.
ErrorKind kindOfConnectMessage(const std::string& words) {
    if (words.find("password") != std::string::npos || words.find("authentication") != std::string::npos ||
        words.find("no pg_hba.conf entry") != std::string::npos || words.find("permission denied") != std::string::npos)
        return ErrorKind::Denied;
    if (words.find("does not exist") != std::string::npos) return ErrorKind::NotFound;
    return ErrorKind::Unreachable;
}

}  // namespace

std::string oneLine(std::string_view message) {
    std::string s(message);
    // "connection to server at "h" (1.2.3.4), port 5432 failed: FATAL:  x\n..." -> the part after
    // the last "failed: " of the first line that has one.
    for (const char* level : {"FATAL:  ", "ERROR:  "})
        if (auto at = s.find(level); at != std::string::npos) s = s.substr(at + std::string_view(level).size());
    if (auto at = s.rfind("failed: "); at != std::string::npos && s.find("failed: ") < s.find('\n'))
        s = s.substr(at + 8);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    if (auto nl = s.find('\n'); nl != std::string::npos) s = s.substr(0, nl);
    return s.empty() ? "the server gave no reason" : s;
}

std::vector<uint8_t> fromHex(const std::string& hex) {
    std::vector<uint8_t> out(hex.size() / 2);
    size_t length = 0;
    sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &length, nullptr);
    out.resize(length);
    return out;
}

bool mentionsPassword(const std::string& db) {
    char* err = nullptr;
    PQconninfoOption* opts = PQconninfoParse(db.c_str(), &err);
    if (err) PQfreemem(err);
    if (!opts) return db.find("password") != std::string::npos;  // unreadable: be careful
    bool found = false;
    for (PQconninfoOption* o = opts; o->keyword; ++o)
        if (std::string_view(o->keyword) == "password" && o->val && *o->val) found = true;
    PQconninfoFree(opts);
    return found;
}

Result::~Result() {
    if (r_) PQclear(r_);
}

Result& Result::operator=(Result&& o) noexcept {
    if (this != &o) {
        if (r_) PQclear(r_);
        r_ = o.r_;
        o.r_ = nullptr;
    }
    return *this;
}

int Result::rows() const { return r_ ? PQntuples(r_) : 0; }
bool Result::isNull(int row, int column) const { return PQgetisnull(r_, row, column) != 0; }
std::string Result::text(int row, int column) const {
    return std::string(PQgetvalue(r_, row, column), static_cast<size_t>(PQgetlength(r_, row, column)));
}
std::optional<std::string> Result::optionalText(int row, int column) const {
    if (isNull(row, column)) return std::nullopt;
    return text(row, column);
}
int64_t Result::integer(int row, int column) const {
    if (isNull(row, column)) return 0;
    return std::strtoll(PQgetvalue(r_, row, column), nullptr, 10);
}

Connection Connection::open(const std::string& db, const ConnectOptions& options) {
    const std::string wanted = wantedLabel(db);
    const std::string timeout = std::to_string(options.connectTimeoutSeconds);
    const bool envTimeout = std::getenv("PGCONNECT_TIMEOUT") != nullptr;
    auto attempt = [&](const std::optional<std::string>& password) {
        // Keywords before dbname are defaults the expanded string overrides; password comes last.
        std::vector<const char*> keys, values;
        if (!envTimeout) {
            keys.push_back("connect_timeout");
            values.push_back(timeout.c_str());
        }
        keys.push_back("fallback_application_name");
        values.push_back("samenkaart");
        keys.push_back("dbname");
        values.push_back(db.c_str());
        if (password) {
            keys.push_back("password");
            values.push_back(password->c_str());
        }
        keys.push_back(nullptr);
        values.push_back(nullptr);
        return PQconnectdbParams(keys.data(), values.data(), 1);
    };
    PGconn* c = attempt(std::nullopt);
    if (!c) throw Error(wanted, "out of memory while connecting", ErrorKind::Other);
    if (PQstatus(c) != CONNECTION_OK && PQconnectionNeedsPassword(c)) {
        std::optional<std::string> password;
        if (options.askPassword) password = options.askPassword(connectionLabel(c));
        if (!password) {
            const std::string label = connectionLabel(c);
            PQfinish(c);
            throw Error(label,
                        "the server asks for a password and the password file (~/.pgpass, or PGPASSFILE) has none for "
                        "this role (see docs/programme.md)",
                        ErrorKind::Denied);
        }
        PQfinish(c);
        c = attempt(password);
        if (!c) throw Error(wanted, "out of memory while connecting", ErrorKind::Other);
    }
    if (PQstatus(c) != CONNECTION_OK) {
        const std::string words = oneLine(PQerrorMessage(c));
        const std::string host = PQhost(c) && *PQhost(c) ? connectionLabel(c) : wanted;
        PQfinish(c);
        throw Error(host, words, kindOfConnectMessage(words));
    }
    // The server's notices and warnings ("terminating connection due to ...") are not printed by
    // libpq: what went wrong reaches the user once, as the Error of the call that failed.
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    // Text arrives and leaves as UTF-8 whatever the server's or the client's locale says.
    if (PQsetClientEncoding(c, "UTF8") != 0) {
        const std::string label = connectionLabel(c);
        PQfinish(c);
        throw Error(label, "the server does not speak UTF-8", ErrorKind::Unsupported);
    }
    return Connection(c, connectionLabel(c));
}

Connection& Connection::operator=(Connection&& o) noexcept {
    if (this != &o) {
        if (conn_) PQfinish(conn_);
        conn_ = o.conn_;
        label_ = std::move(o.label_);
        o.conn_ = nullptr;
    }
    return *this;
}

Connection::~Connection() {
    if (conn_) PQfinish(conn_);
}

std::string Connection::user() const { return PQuser(conn_) ? PQuser(conn_) : ""; }
int Connection::serverVersion() const { return PQserverVersion(conn_); }

void Connection::fail(pg_result* r) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string sqlstate = state ? state : "";
    std::string words = primary ? primary : oneLine(PQerrorMessage(conn_));
    if (r) PQclear(r);
    ErrorKind kind = sqlstate.empty() ? ErrorKind::Unreachable : kindOfState(sqlstate);
    if (PQstatus(conn_) == CONNECTION_BAD) {
        kind = ErrorKind::Unreachable;
        if (sqlstate.empty()) words = "the connection was lost: " + oneLine(PQerrorMessage(conn_));
    }
    throw ServerError(label_, words, kind, sqlstate);
}

void Connection::failConnection(const std::string& what) {
    throw ServerError(label_, what + ": " + oneLine(PQerrorMessage(conn_)), ErrorKind::Unreachable, "");
}

Result Connection::exec(std::string_view sql) {
    PGresult* r = PQexec(conn_, std::string(sql).c_str());
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r);
    return Result(r);
}

Result Connection::exec(const std::string& sql, const Params& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* r =
        PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r);
    return Result(r);
}

Connection::CopyBuffer& Connection::CopyBuffer::field(std::string_view text) {
    if (rowStarted_) buffer_ += '\t';
    rowStarted_ = true;
    // COPY's text format: backslash, newline, carriage return and tab are escaped; all else is bytes.
    for (char ch : text) {
        switch (ch) {
            case '\\':
                buffer_ += "\\\\";
                break;
            case '\n':
                buffer_ += "\\n";
                break;
            case '\r':
                buffer_ += "\\r";
                break;
            case '\t':
                buffer_ += "\\t";
                break;
            default:
                buffer_ += ch;
        }
    }
    return *this;
}

Connection::CopyBuffer& Connection::CopyBuffer::field(const std::optional<std::string>& text) {
    return text ? field(std::string_view(*text)) : null();
}

Connection::CopyBuffer& Connection::CopyBuffer::field(int64_t value) {
    if (rowStarted_) buffer_ += '\t';
    rowStarted_ = true;
    buffer_ += std::to_string(value);
    return *this;
}

Connection::CopyBuffer& Connection::CopyBuffer::null() {
    if (rowStarted_) buffer_ += '\t';
    rowStarted_ = true;
    buffer_ += "\\N";
    return *this;
}

void Connection::CopyBuffer::endRow() {
    buffer_ += '\n';
    rowStarted_ = false;
    if (buffer_.size() >= kCopyChunkBytes) flush(false);
}

void Connection::CopyBuffer::flush(bool last) {
    if (!buffer_.empty() && PQputCopyData(c_.conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
        c_.failConnection("the connection was lost while sending rows");
    buffer_.clear();
    if (last && PQputCopyEnd(c_.conn_, nullptr) != 1) c_.failConnection("the connection was lost while sending rows");
}

void Connection::copyIn(const std::string& copySql, const std::function<void(CopyBuffer&)>& fill) {
    PGresult* r = PQexec(conn_, copySql.c_str());
    if (!r || PQresultStatus(r) != PGRES_COPY_IN) fail(r);
    PQclear(r);
    CopyBuffer buffer(*this);
    try {
        fill(buffer);
    } catch (...) {
        // End the COPY so that the connection stays usable for the ROLLBACK.
        PQputCopyEnd(conn_, "the client stopped");
        while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
        throw;
    }
    buffer.flush(true);
    PGresult* end = PQgetResult(conn_);
    if (!end || PQresultStatus(end) != PGRES_COMMAND_OK) {
        while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
        fail(end);
    }
    PQclear(end);
    while (PGresult* rest = PQgetResult(conn_)) PQclear(rest);
}

Transaction::Transaction(Connection& c) : c_(c) {
    c_.exec("BEGIN");
    open_ = true;
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        c_.exec("ROLLBACK");
    } catch (const Error&) {  // a lost connection has rolled back already; the first error is the one to report
    }
}

void Transaction::commit() {
    c_.exec("COMMIT");
    open_ = false;
}

void withRetries(Connection& c, const std::function<void(Connection&)>& work, int attempts) {
    for (int attempt = 1;; ++attempt) {
        try {
            Transaction tx(c);
            work(c);
            tx.commit();
            return;
        } catch (const ServerError& e) {
            if (!e.retryable() || attempt >= attempts) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt * attempt));
        }
    }
}

}  // namespace samenkaart::pg
