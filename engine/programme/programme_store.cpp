#include "engine/programme/programme_store.hpp"

#include <regex>

#include "engine/clock.hpp"
#include "engine/engine_version.hpp"
#include "engine/programme/migrations.hpp"

namespace samenkaart::programme {
namespace {

constexpr int kOldestServer = 120000;  // PostgreSQL 12: generated columns, and PostGIS 3 needs it

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

void checkServer(pg::Connection& c) {
    if (c.serverVersion() < kOldestServer)
        throw Error(c.label(),
                    "the server runs PostgreSQL " + std::to_string(c.serverVersion() / 10000) +
                        "; the programme store needs PostgreSQL 12 or newer",
                    ErrorKind::Unsupported);
}

std::string postgisVersion(pg::Connection& c) {
    pg::Result r = c.exec("SELECT extversion FROM pg_extension WHERE extname = 'postgis'");
    return r.rows() ? r.text(0, 0) : "";
}

int storeVersion(pg::Connection& c) {
    if (c.exec("SELECT to_regclass('samenkaart.schema_version') IS NULL").text(0, 0) == "t") return -1;
    return static_cast<int>(c.exec("SELECT coalesce(max(version), 0) FROM samenkaart.schema_version").integer(0, 0));
}

std::string setting(pg::Connection& c, const std::string& key) {
    pg::Result r = c.exec("SELECT value FROM samenkaart.settings WHERE key = $1", {key});
    return r.rows() ? r.text(0, 0) : "";
}

const std::regex& werkplaatsCode() {
    static const std::regex kCode("^[a-z0-9][a-z0-9_-]{0,39}$");
    return kCode;
}

const std::regex& roleName() {
    static const std::regex kRole("^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$");
    return kRole;
}

}  // namespace

int latestStoreVersion() { return migrations().back().version; }

InitReport initStore(pg::Connection& c, int commonSrid) {
    checkServer(c);
    InitReport report;
    if (postgisVersion(c).empty()) {
        try {
            c.exec("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (const Error& e) {
            throw Error(c.label(),
                        "the database has no PostGIS, and this role may not add it (" + e.cause() +
                            "); a superuser runs: CREATE EXTENSION postgis;",
                        ErrorKind::Unsupported);
        }
    }
    const std::string postgis = postgisVersion(c);
    if (postgis.empty() || postgis[0] < '3')
        throw Error(c.label(), "PostGIS " + postgis + " is too old; the programme store needs PostGIS 3",
                    ErrorKind::Unsupported);

    int version = storeVersion(c);
    report.fromVersion = std::max(version, 0);
    if (version > latestStoreVersion())
        throw Error(c.label(),
                    "the programme store was made by a newer Samenkaart (store version " + std::to_string(version) +
                        "; this one knows up to " + std::to_string(latestStoreVersion()) + ")",
                    ErrorKind::Unsupported);
    if (version < 0) {
        pg::Result srs = c.exec("SELECT count(*) FROM spatial_ref_sys WHERE auth_name = 'EPSG' AND auth_srid = $1",
                                {std::to_string(commonSrid)});
        if (srs.integer(0, 0) == 0)
            throw Error("EPSG:" + std::to_string(commonSrid), "PostGIS on " + c.label() + " does not know this CRS",
                        ErrorKind::BadInput);
        pg::withRetries(c, [&](pg::Connection& tx) {
            tx.exec("CREATE SCHEMA IF NOT EXISTS samenkaart");
            tx.exec(
                "CREATE TABLE IF NOT EXISTS samenkaart.schema_version (version integer PRIMARY KEY, title text NOT "
                "NULL, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user, "
                "client text NOT NULL)");
        });
        version = 0;
    }
    // The common CRS is fixed at the first init; a later init keeps it.
    const int srid = version == 0 ? commonSrid : std::stoi(setting(c, "common_srid"));
    for (const Migration& m : migrations()) {
        if (m.version <= version) continue;
        pg::withRetries(c, [&](pg::Connection& tx) {
            // Two inits at once: the second waits here, then finds the step done.
            tx.exec("LOCK TABLE samenkaart.schema_version IN EXCLUSIVE MODE");
            if (storeVersion(tx) >= m.version) return;
            tx.exec(replaceAll(m.sql, "{{common_srid}}", std::to_string(srid)));
            tx.exec("INSERT INTO samenkaart.schema_version (version, title, client) VALUES ($1, $2, $3)",
                    {std::to_string(m.version), std::string(m.title), std::string("Samenkaart ") + engineVersion()});
            if (m.version == 1) {
                tx.exec(
                    "INSERT INTO samenkaart.settings (key, value) VALUES ('common_srid', $1), ('store_uid', $2), "
                    "('created_at', $3)",
                    {std::to_string(srid), newUuid(), nowIso8601()});
            }
        });
    }
    report.toVersion = latestStoreVersion();
    report.store = checkStore(c);
    return report;
}

StoreInfo checkStore(pg::Connection& c) {
    checkServer(c);
    StoreInfo info;
    info.postgisVersion = postgisVersion(c);
    if (info.postgisVersion.empty())
        throw Error(c.label(), "the database has no PostGIS, so it holds no programme store (see docs/programme.md)",
                    ErrorKind::Unsupported);
    info.version = storeVersion(c);
    if (info.version <= 0)
        throw Error(c.label(),
                    "the database holds no programme store; an administrator makes one with: samenkaart programme "
                    "init DB",
                    ErrorKind::NotFound);
    if (info.version < latestStoreVersion())
        throw Error(c.label(),
                    "the programme store is at version " + std::to_string(info.version) +
                        "; an administrator brings it to version " + std::to_string(latestStoreVersion()) +
                        " with: samenkaart programme init DB",
                    ErrorKind::Unsupported);
    if (info.version > latestStoreVersion())
        throw Error(c.label(),
                    "the programme store was made by a newer Samenkaart (store version " +
                        std::to_string(info.version) + "); update Samenkaart",
                    ErrorKind::Unsupported);
    info.storeUid = setting(c, "store_uid");
    info.commonSrid = std::stoi(setting(c, "common_srid"));
    return info;
}

void addWerkplaats(pg::Connection& c, const std::string& code, const std::string& name) {
    if (!std::regex_match(code, werkplaatsCode()))
        throw Error("werkplaats " + code,
                    "a code is 1 to 40 lower-case letters, digits, '-' or '_', starting with a letter or digit",
                    ErrorKind::BadInput);
    c.exec(
        "INSERT INTO samenkaart.werkplaatsen (code, name) VALUES ($1, $2) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name",
        {code, name});
}

std::vector<Werkplaats> listWerkplaatsen(pg::Connection& c) {
    pg::Result r = c.exec(
        "SELECT w.code, w.name, (SELECT count(*) FROM samenkaart.projects p WHERE p.werkplaats = w.code), "
        "(SELECT count(*) FROM samenkaart.pins p WHERE p.werkplaats = w.code AND p.deleted_at IS NULL), "
        "coalesce((SELECT string_agg(g.role_name, ',' ORDER BY g.role_name) FROM samenkaart.publisher_grants g "
        "WHERE g.werkplaats = w.code), '') FROM samenkaart.werkplaatsen w ORDER BY w.code");
    std::vector<Werkplaats> out;
    for (int i = 0; i < r.rows(); ++i) {
        Werkplaats w{r.text(i, 0), r.text(i, 1), r.integer(i, 2), r.integer(i, 3), {}};
        std::string roles = r.text(i, 4);
        for (size_t at = 0; !roles.empty() && at <= roles.size();) {
            size_t comma = roles.find(',', at);
            if (comma == std::string::npos) comma = roles.size();
            w.publishers.push_back(roles.substr(at, comma - at));
            at = comma + 1;
        }
        out.push_back(std::move(w));
    }
    return out;
}

namespace {

void checkRole(pg::Connection& c, const std::string& role) {
    if (!std::regex_match(role, roleName())) throw Error("role " + role, "is not a role name", ErrorKind::BadInput);
    if (c.exec("SELECT 1 FROM pg_roles WHERE rolname = $1", {role}).rows() == 0)
        throw Error("role " + role,
                    "does not exist on " + c.label() + " (an administrator creates it: CREATE ROLE " + role +
                        " LOGIN PASSWORD '...';)",
                    ErrorKind::NotFound);
}

std::string quotedIdentifier(pg::Connection& c, const std::string& name) {
    return c.exec("SELECT quote_ident($1)", {name}).text(0, 0);
}

}  // namespace

void grantPublisher(pg::Connection& c, const std::string& role, const std::string& werkplaats) {
    checkRole(c, role);
    pg::withRetries(c, [&](pg::Connection& tx) {
        if (tx.exec("SELECT 1 FROM samenkaart.werkplaatsen WHERE code = $1", {werkplaats}).rows() == 0)
            throw Error("werkplaats " + werkplaats,
                        "is not in the programme store (add it with: samenkaart programme werkplaats add DB " +
                            werkplaats + ")",
                        ErrorKind::NotFound);
        tx.exec("GRANT samenkaart_publisher TO " + quotedIdentifier(tx, role));
        tx.exec(
            "INSERT INTO samenkaart.publisher_grants (role_name, werkplaats) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            {role, werkplaats});
    });
}

void grantResearcher(pg::Connection& c, const std::string& role) {
    checkRole(c, role);
    c.exec("GRANT samenkaart_researcher TO " + quotedIdentifier(c, role));
}

}  // namespace samenkaart::programme
