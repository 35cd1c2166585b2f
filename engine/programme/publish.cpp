#include "engine/programme/publish.hpp"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "engine/clock.hpp"
#include "engine/engine_version.hpp"
#include "engine/export/qgis_style.hpp"
#include "engine/export/selection.hpp"
#include "engine/gdal_support.hpp"
#include "engine/programme/programme_store.hpp"
#include "engine/project.hpp"
#include "engine/pseudonym.hpp"
#include "engine/spatial_reference.hpp"

namespace samenkaart::programme {
namespace {

// SRIDs from this one up are the project file's own numbers for a CRS without an EPSG code.
constexpr int kFirstCustomSrid = 900000;

// ---- what the project file remembers ---------------------------------------------------------

void createPublishTables(Database& db) {
    db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS publish_log (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            store_uid      TEXT NOT NULL,
            server         TEXT NOT NULL,
            werkplaats     TEXT NOT NULL,
            published_at   TEXT NOT NULL,
            pins_new       INTEGER NOT NULL,
            pins_changed   INTEGER NOT NULL,
            pins_deleted   INTEGER NOT NULL,
            pins_withdrawn INTEGER NOT NULL,
            pins_refused   INTEGER NOT NULL,
            server_pins    INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS publish_state (
            store_uid TEXT NOT NULL,
            kind      TEXT NOT NULL CHECK (kind IN ('pin', 'session', 'category', 'history', 'boundaries')),
            key       TEXT NOT NULL,
            digest    TEXT NOT NULL,
            PRIMARY KEY (store_uid, kind, key)
        ) WITHOUT ROWID;
    )sql");
}

// ---- what changed since the last publish ------------------------------------------------------
//
// Triggers note in publish_changes each pin a statement touches (its row or its history rows) and
// any change of the boundaries, whoever writes the file: the window, the command line, sqlite3. A
// publish reads only the pins noted since its last run to the same store, as long as nothing else
// that decides how a pin is published has changed since (publish_basis: the options, the map CRS,
// the categories' privacy, the consent of every session then known); otherwise, or when a trigger
// is missing (a rebuilt table loses its triggers), it reads the whole project.

// Raised when what the basis digests, or how a publish reads it, changes meaning.
constexpr int64_t kBasisVersion = 1;
// More changed pins than this are read with the whole project (faster in bulk).
constexpr int64_t kMostChangesLookedAt = 20000;

// Each table's triggers note what a row change means: the pin it is or belongs to, or the buurten.
struct Tracked {
    const char* table;
    const char* prefix;  // of the triggers' names
    const char* kind;
    const char* key;  // the row's column that names the pin
};
constexpr Tracked kTracked[] = {{"pins", "publish_pin", "pin", "id"},
                                {"pin_history", "publish_history", "pin", "pin_id"},
                                {"boundaries", "publish_boundary", "boundaries", nullptr}};

void createChangeTracking(Database& db) {
    db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS publish_changes (
            seq  INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('pin', 'boundaries')),
            key  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS publish_basis (
            store_uid   TEXT PRIMARY KEY NOT NULL,
            project_uid TEXT NOT NULL,
            change_seq  INTEGER NOT NULL,
            context     TEXT NOT NULL,
            sessions    TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS publish_deleted_pins ON pins (session_id) WHERE deleted_at IS NOT NULL;
    )sql");
    for (const Tracked& t : kTracked) {
        auto note = [&](const char* row) {
            return std::string("INSERT INTO publish_changes (kind, key) VALUES ('") + t.kind + "', " +
                   (t.key ? std::string(row) + "." + t.key : std::string("''")) + ");";
        };
        const std::string on = std::string(" ON ") + t.table + " BEGIN ";
        db.exec(std::string("CREATE TRIGGER IF NOT EXISTS ") + t.prefix + "_insert AFTER INSERT" + on + note("new") +
                " END");
        db.exec(std::string("CREATE TRIGGER IF NOT EXISTS ") + t.prefix + "_delete AFTER DELETE" + on + note("old") +
                " END");
        // An update notes the row before and after (the same pin, unless its id changed).
        db.exec(std::string("CREATE TRIGGER IF NOT EXISTS ") + t.prefix + "_update AFTER UPDATE" + on + note("old") +
                (t.key ? " " + note("new") : std::string()) + " END");
    }
}

bool changeTrackingInPlace(Database& db) {
    std::string names;
    for (const Tracked& t : kTracked)
        for (const char* op : {"_insert", "_update", "_delete"})
            names += std::string(names.empty() ? "'" : ", '") + t.prefix + op + "'";
    const auto triggers =
        db.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (" + names + ")");
    const auto tables = db.queryInt(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('publish_changes', 'publish_basis')");
    return triggers.value_or(0) == 3 * std::ssize(kTracked) && tables.value_or(0) == 2;
}

// The last change noted so far (AUTOINCREMENT: never handed out again, even after a prune).
int64_t lastChangeSeq(Database& db) {
    return db.queryInt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'publish_changes'), 0)")
        .value_or(0);
}

struct PublishBasis {
    std::string projectUid;
    int64_t changeSeq = 0;
    std::string context;
    std::string sessions;  // JSON object: session id -> consent (0/1)
};

std::optional<PublishBasis> readBasis(Database& db, const std::string& storeUid) {
    Statement st(db, "SELECT project_uid, change_seq, context, sessions FROM publish_basis WHERE store_uid = ?");
    st.bind(1, storeUid);
    if (!st.step()) return std::nullopt;
    return PublishBasis{st.columnText(0), st.columnInt(1), st.columnText(2), st.columnText(3)};
}

void writeBasis(Database& db, const std::string& storeUid, const PublishBasis& b) {
    Statement st(db,
                 "INSERT OR REPLACE INTO publish_basis (store_uid, project_uid, change_seq, context, sessions) "
                 "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, storeUid).bind(2, b.projectUid).bind(3, b.changeSeq).bind(4, b.context).bind(5, b.sessions).run();
    // What every store's publishes have seen is no longer needed.
    db.exec("DELETE FROM publish_changes WHERE seq <= (SELECT min(change_seq) FROM publish_basis)");
}

std::string sessionConsents(const std::vector<Session>& sessions) {
    nlohmann::json j = nlohmann::json::object();
    for (const Session& s : sessions) j[std::to_string(s.id)] = s.consent ? 1 : 0;
    return j.dump();
}

// Whether every session the basis knew is still there with the same consent (new sessions hold
// only pins noted as changed).
bool sameConsents(const std::string& basisSessions, const std::vector<Session>& sessions) {
    const nlohmann::json then = nlohmann::json::parse(basisSessions, nullptr, false);
    if (!then.is_object()) return false;
    std::unordered_map<std::string, int> now;
    for (const Session& s : sessions) now[std::to_string(s.id)] = s.consent ? 1 : 0;
    for (const auto& [id, consent] : then.items()) {
        auto it = now.find(id);
        if (it == now.end() || !consent.is_number_integer() || consent.get<int>() != it->second) return false;
    }
    return true;
}

// The pins noted as changed since `since`; nullopt when the boundaries changed or there are too
// many to look at one by one.
std::optional<std::vector<std::string>> changedPins(Database& db, int64_t since) {
    if (db.queryInt("SELECT count(*) FROM publish_changes WHERE kind = 'boundaries' AND seq > " + std::to_string(since))
            .value_or(0))
        return std::nullopt;
    std::vector<std::string> ids;
    Statement st(db, "SELECT DISTINCT key FROM publish_changes WHERE kind = 'pin' AND seq > ? LIMIT ?");
    st.bind(1, since).bind(2, kMostChangesLookedAt + 1);
    while (st.step()) ids.push_back(st.columnText(0));
    if (std::ssize(ids) > kMostChangesLookedAt) return std::nullopt;
    return ids;
}

bool hasPublishTables(Database& db) {
    return db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'publish_state'").value_or(0) > 0;
}

// kind -> key -> digest
using PublishedState = std::unordered_map<std::string, std::unordered_map<std::string, std::string>>;

// Every digest, or (`pinIds`, a JSON array) those of the sessions, categories and boundaries and of
// only these pins and their history rows.
PublishedState readState(Database& db, const std::string& storeUid, const std::string* pinIds = nullptr) {
    PublishedState state;
    if (!hasPublishTables(db)) return state;
    auto read = [&](const std::string& where, bool ofPins) {
        Statement st(db, "SELECT kind, key, digest FROM publish_state WHERE store_uid = ?1" + where);
        st.bind(1, storeUid);
        if (ofPins) st.bind(2, *pinIds);
        while (st.step()) state[st.columnText(0)][st.columnText(1)] = st.columnText(2);
    };
    if (!pinIds) {
        read("", false);
        return state;
    }
    read(" AND kind IN ('session', 'category', 'boundaries')", false);
    read(" AND kind = 'pin' AND key IN (SELECT value FROM json_each(?2))", true);
    read(
        " AND kind = 'history' AND key IN (SELECT CAST(id AS TEXT) FROM pin_history WHERE pin_id IN (SELECT value "
        "FROM json_each(?2)))",
        true);
    return state;
}

// ---- digests ----------------------------------------------------------------------------------

// A digest of a row's published values: BLAKE2b over each value with its length (and a mark for
// NULL), so that ("ab", "c") and ("a", "bc") differ.
class Digest {
public:
    Digest() { crypto_generichash_init(&state_, nullptr, 0, kBytes); }
    Digest& add(std::string_view text) {
        const auto size = static_cast<uint64_t>(text.size());
        crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(&size), sizeof size);
        crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        return *this;
    }
    Digest& add(const std::string& text) { return add(std::string_view(text)); }
    Digest& add(const std::optional<std::string>& text) {
        if (!text) {
            const uint64_t none = ~uint64_t{0};
            crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(&none), sizeof none);
            return *this;
        }
        return add(std::string_view(*text));
    }
    Digest& add(int64_t value) { return add(std::to_string(value)); }
    std::string hex() {
        unsigned char out[kBytes];
        crypto_generichash_final(&state_, out, kBytes);
        char text[kBytes * 2 + 1];
        sodium_bin2hex(text, sizeof text, out, kBytes);
        return text;
    }

private:
    static constexpr size_t kBytes = 16;
    crypto_generichash_state state_{};
};

// ---- geometry as PostGIS takes it in COPY: hex EWKB --------------------------------------------

void appendHex(std::string& out, const uint8_t* data, size_t size) {
    const size_t at = out.size();
    out.resize(at + size * 2 + 1);
    sodium_bin2hex(out.data() + at, size * 2 + 1, data, size);
    out.pop_back();  // the terminating NUL sodium writes
}

// ISO WKB -> hex EWKB with an SRID (PostGIS reads the SRID from the flag 0x20000000 in the type).
std::string ewkbHex(const uint8_t* wkb, size_t size, int srid) {
    if (size < 5) return {};
    const bool little = wkb[0] == 1;
    uint32_t type = 0;
    std::memcpy(&type, wkb + 1, 4);
    if (!little) type = __builtin_bswap32(type);
    type |= 0x20000000U;
    uint32_t sridValue = static_cast<uint32_t>(srid);
    if (!little) {
        type = __builtin_bswap32(type);
        sridValue = __builtin_bswap32(sridValue);
    }
    std::string out;
    appendHex(out, wkb, 1);
    appendHex(out, reinterpret_cast<const uint8_t*>(&type), 4);
    appendHex(out, reinterpret_cast<const uint8_t*>(&sridValue), 4);
    appendHex(out, wkb + 5, size - 5);
    return out;
}

std::string pointHex(Point p, int srid) {
    uint8_t wkb[21];
    wkb[0] = 1;  // little-endian, as x86 and ARM store doubles
    const uint32_t type = 1;
    std::memcpy(wkb + 1, &type, 4);
    std::memcpy(wkb + 5, &p.x, 8);
    std::memcpy(wkb + 13, &p.y, 8);
    return ewkbHex(wkb, sizeof wkb, srid);
}

std::string formatCoordinate(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

// What decides how every pin is published besides its own row: when it differs from the last
// publish's, the whole project is read again.
std::string publishContext(Database& db, const PublishOptions& options, const MapCrs& mapCrs,
                           const std::string& pseudonymKey, int commonSrid, std::vector<Category> categories) {
    std::sort(categories.begin(), categories.end(),
              [](const Category& a, const Category& b) { return a.code < b.code; });
    Digest d;
    d.add(kBasisVersion)
        .add(int64_t{options.includeUnconsented})
        .add(options.coarsenMetres ? std::optional<std::string>(formatCoordinate(*options.coarsenMetres))
                                   : std::nullopt)
        .add(mapCrs.definition)
        .add(int64_t{mapCrs.srid})
        .add(pseudonymKey)
        .add(int64_t{commonSrid});
    for (const Category& c : categories) d.add(c.code).add(int64_t{c.personal});
    // The tables' definitions: a column added to the buurten changes every buurt's attributes
    // without a row trigger firing.
    Statement tables(db,
                     "SELECT name, sql FROM sqlite_master WHERE name IN ('boundaries', 'pins', 'pin_history') ORDER "
                     "BY name");
    while (tables.step()) d.add(tables.columnText(0)).add(tables.columnOptionalText(1));
    return d.hex();
}

// ---- what goes out --------------------------------------------------------------------------

struct OutBoundary {
    int64_t fid = 0;
    std::string name;
    std::string attributes;  // JSON object
    std::string geom, geomCommon;
};

struct OutHistory {
    int64_t id = 0;
    std::string pinId, action;
    std::optional<std::string> before, after;
    std::string at, state;
    std::optional<std::string> undoneAt;
};

std::string categoryDigest(const Category& c) {
    return Digest()
        .add(c.code)
        .add(c.labelNl)
        .add(c.labelEn)
        .add(c.colour)
        .add(c.icon)
        .add(c.kind)
        .add(c.description)
        .add(int64_t{c.personal})
        .add(c.fields.dump())
        .add(int64_t{c.sortOrder})
        .hex();
}

std::string sessionDigest(const Session& s) {
    return Digest()
        .add(s.id)
        .add(s.title)
        .add(s.facilitator)
        .add(s.location)
        .add(s.startedAt)
        .add(s.endedAt)
        .add(s.participantCount ? std::optional<std::string>(std::to_string(*s.participantCount)) : std::nullopt)
        .add(s.notes)
        .add(int64_t{s.consent})
        .add(s.consentAt)
        .hex();
}

std::string historyDigest(const OutHistory& h, const std::optional<std::string>& coarsening) {
    return Digest()
        .add(h.pinId)
        .add(h.action)
        .add(h.before)
        .add(h.after)
        .add(h.at)
        .add(h.state)
        .add(h.undoneAt)
        .add(coarsening)
        .hex();
}

// The boundaries' attribute columns as one JSON object per row, with the geometry in both CRSs.
std::vector<OutBoundary> readBoundaries(Database& db, int mapSrid, int commonSrid,
                                        OGRCoordinateTransformation* toCommon, const std::string& subject) {
    std::vector<OutBoundary> out;
    Statement st(db, "SELECT *, AsBinary(geom) AS samenkaart_wkb FROM boundaries ORDER BY fid");
    const int columns = st.columnCount();
    std::vector<std::string> names;
    names.reserve(static_cast<size_t>(columns));
    for (int i = 0; i < columns; ++i) names.push_back(st.columnName(i));
    while (st.step()) {
        OutBoundary b;
        nlohmann::json attributes = nlohmann::json::object();
        for (int i = 0; i < columns; ++i) {
            const std::string& n = names[static_cast<size_t>(i)];
            if (n == "fid") {
                b.fid = st.columnInt(i);
            } else if (n == "name") {
                b.name = st.columnText(i);
            } else if (n == "samenkaart_wkb") {
                auto [data, size] = st.columnBlobView(i);
                b.geom = ewkbHex(data, size, mapSrid);
                if (!toCommon) {
                    b.geomCommon = ewkbHex(data, size, commonSrid);
                    continue;
                }
                OGRGeometry* g = nullptr;
                if (OGRGeometryFactory::createFromWkb(data, nullptr, &g, size) != OGRERR_NONE || !g)
                    throw Error(subject, "boundary " + std::to_string(b.fid) + " has a geometry GDAL cannot read",
                                ErrorKind::Damaged);
                std::unique_ptr<OGRGeometry> geometry(g);
                if (geometry->transform(toCommon) != OGRERR_NONE)
                    throw Error(subject, "boundary " + std::to_string(b.fid) +
                                             " cannot be transformed to the programme's CRS (EPSG:" +
                                             std::to_string(commonSrid) + ")");
                std::vector<uint8_t> wkb(geometry->WkbSize());
                geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
                b.geomCommon = ewkbHex(wkb.data(), wkb.size(), commonSrid);
            } else if (n != "geom") {
                if (st.isNull(i))
                    attributes[n] = nullptr;
                else
                    attributes[n] = st.columnText(i);
            }
        }
        b.attributes = attributes.dump();
        out.push_back(std::move(b));
    }
    return out;
}

// A digest of the boundaries as the project stores them (every column, the geometry's own bytes):
// whether they changed is known without converting them.
std::string boundariesDigest(Database& db) {
    Digest d;
    Statement st(db, "SELECT * FROM boundaries ORDER BY fid");
    const int columns = st.columnCount();
    while (st.step())
        for (int i = 0; i < columns; ++i) {
            if (st.isNull(i)) {
                d.add(std::optional<std::string>());
                continue;
            }
            auto [data, size] = st.columnBlobView(i);
            d.add(std::string_view(reinterpret_cast<const char*>(data), size));
        }
    return d.hex();
}

std::string textArray(const std::vector<std::string>& values) {
    std::string out = "{";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char ch : values[i]) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }
    return out + "}";
}

// The QGIS styles of the store's two map views (public.layer_styles): pins by category, in the
// colours of the projects (the first project's colour where two differ), and buurten by their
// pins. Written when categories or boundaries arrive; the buurt map's class breaks are those of
// that moment.
void writeStyles(pg::Connection& tx) {
    pg::Result cats = tx.exec(
        "SELECT DISTINCT ON (c.code) c.code, c.label_nl, c.label_en, c.colour, c.sort_order FROM samenkaart.categories "
        "c JOIN samenkaart.projects p USING (project_uid) ORDER BY c.code, p.first_published, c.sort_order");
    std::vector<std::pair<int64_t, StyleClass>> ordered;
    ordered.reserve(static_cast<size_t>(cats.rows()));
    for (int i = 0; i < cats.rows(); ++i)
        ordered.push_back(
            {cats.integer(i, 4), {cats.text(i, 0), cats.text(i, 1) + " / " + cats.text(i, 2), cats.text(i, 3)}});
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<StyleClass> classes;
    classes.reserve(ordered.size());
    for (auto& [order, c] : ordered) classes.push_back(std::move(c));
    pg::Result counts = tx.exec("SELECT pins FROM samenkaart.boundaries_map");
    std::vector<double> totals;
    totals.reserve(static_cast<size_t>(counts.rows()));
    for (int i = 0; i < counts.rows(); ++i) totals.push_back(static_cast<double>(counts.integer(i, 0)));
    tx.exec(
        "DELETE FROM public.layer_styles WHERE f_table_catalog = current_database() AND f_table_schema = "
        "'samenkaart' AND f_table_name IN ('pins_map', 'boundaries_map')");
    // type NULL: QGIS matches a style to the layer's geometry type ("Point") when it knows it, and
    // takes a NULL type for any, so the style also applies when a layer is added by a bare URI.
    const std::string insert =
        "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
        "stylename, styleqml, stylesld, useasdefault, description, type) VALUES (current_database(), 'samenkaart', $1, "
        "'geom', $2, $3::xml, '', true, $4, NULL)";
    tx.exec(insert, {"pins_map", "pins by category", categorizedPointQml("category", classes),
                     "Pins of the whole programme coloured by category with the colours of the Samenkaart app"});
    tx.exec(insert, {"boundaries_map", "pins per buurt", graduatedPolygonQml("pins", totals),
                     "Graduated map of the number of pins per buurt (quantile classes)"});
}

void report(const PublishOptions& options, const std::string& step, double done) {
    if (options.progress) options.progress(step, done);
}

}  // namespace

namespace {

// What the project file keeps of a publish the server committed: the digests of what was sent (the
// next publish compares against them) and a line in publish_log.
void recordPublish(Database& db, const std::string& storeUid, const std::string& server, const std::string& werkplaats,
                   const PublishReceipt& receipt,
                   const std::vector<std::tuple<std::string, std::string, std::string>>& newState,
                   const std::vector<size_t>& pinsToSend, const std::vector<std::string>& pinDigests,
                   const ProjectSelection& sel, const std::unordered_set<std::string>& refusedIds,
                   const std::vector<OutHistory>& history, const std::vector<std::string>& withdrawn,
                   const PublishBasis& basis) {
    {
        Transaction tx(db);
        createPublishTables(db);
        writeBasis(db, storeUid, basis);
        {
            // A refused pin is tried again next time, as a changed one.
            Statement again(db, "INSERT INTO publish_changes (kind, key) VALUES ('pin', ?)");
            for (const std::string& id : refusedIds) {
                again.bind(1, id).run();
                again.reset();
            }
        }
        {
            Statement put(db,
                          "INSERT OR REPLACE INTO publish_state (store_uid, kind, key, digest) VALUES (?, ?, ?, ?)");
            for (const auto& [kind, rowKey, digest] : newState) {
                put.bind(1, storeUid).bind(2, kind).bind(3, rowKey).bind(4, digest).run();
                put.reset();
            }
            for (size_t i : pinsToSend) {
                if (refusedIds.contains(sel.pins[i].id)) continue;
                put.bind(1, storeUid).bind(2, "pin").bind(3, sel.pins[i].id).bind(4, pinDigests[i]).run();
                put.reset();
            }
            for (const auto& h : history) {
                if (!refusedIds.contains(h.pinId)) continue;
                Statement drop(db, "DELETE FROM publish_state WHERE store_uid = ? AND kind = 'history' AND key = ?");
                drop.bind(1, storeUid).bind(2, std::to_string(h.id)).run();
            }
            Statement drop(db, "DELETE FROM publish_state WHERE store_uid = ? AND kind = 'pin' AND key = ?");
            for (const std::string& id : withdrawn) {
                drop.bind(1, storeUid).bind(2, id).run();
                drop.reset();
            }
        }
        Statement log(db,
                      "INSERT INTO publish_log (store_uid, server, werkplaats, published_at, pins_new, pins_changed, "
                      "pins_deleted, pins_withdrawn, pins_refused, server_pins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        log.bind(1, storeUid)
            .bind(2, server)
            .bind(3, werkplaats)
            .bind(4, receipt.publishedAt)
            .bind(5, receipt.pinsNew)
            .bind(6, receipt.pinsChanged)
            .bind(7, receipt.pinsDeleted)
            .bind(8, receipt.pinsWithdrawn)
            .bind(9, static_cast<int64_t>(receipt.refused.size()))
            .bind(10, receipt.serverPins)
            .run();
        tx.commit();
    }
}

}  // namespace

PublishReceipt publishProject(const std::string& projectPath, pg::Connection& c, const PublishOptions& options) {
    ensureGdalRegistered();
    if (options.coarsenMetres && !(*options.coarsenMetres > 0.0))
        throw Error("--coarsen", "must be a positive number of metres", ErrorKind::BadInput);
    PublishReceipt receipt;
    receipt.server = c.label();

    // The server first: a wrong store or a missing right changes nothing in the project file.
    report(options, "checking the programme store", 0.0);
    const StoreInfo store = checkStore(c);
    auto project = Project::open(projectPath);
    Database& db = project->db();
    const std::optional<std::string> knownUid = project->meta("project_uid");
    std::optional<std::string> serverWerkplaats;
    if (knownUid) {
        pg::Result r = c.exec("SELECT werkplaats FROM samenkaart.projects WHERE project_uid = $1", {*knownUid});
        if (r.rows()) serverWerkplaats = r.text(0, 0);
    }
    if (serverWerkplaats && options.werkplaats && *options.werkplaats != *serverWerkplaats)
        throw Error(projectPath,
                    "is published under werkplaats " + *serverWerkplaats + " on " + c.label() +
                        "; a project stays with its werkplaats (leave out --werkplaats)",
                    ErrorKind::BadInput);
    const std::string werkplaats = serverWerkplaats ? *serverWerkplaats : options.werkplaats.value_or("");
    if (werkplaats.empty()) {
        std::string known;
        for (const Werkplaats& w : listWerkplaatsen(c)) known += (known.empty() ? "" : ", ") + w.code;
        throw Error(projectPath,
                    "its first publish to " + c.label() +
                        " needs --werkplaats CODE (the store has: " + (known.empty() ? "none yet" : known) + ")",
                    ErrorKind::BadInput);
    }
    if (c.exec("SELECT 1 FROM samenkaart.werkplaatsen WHERE code = $1", {werkplaats}).rows() == 0)
        throw Error("werkplaats " + werkplaats,
                    "is not in the programme store on " + c.label() +
                        " (an administrator adds it: samenkaart programme werkplaats add DB " + werkplaats + ")",
                    ErrorKind::NotFound);
    if (c.exec("SELECT samenkaart.may_publish($1)", {werkplaats}).text(0, 0) != "t")
        throw Error(c.label(),
                    "role " + c.user() + " may not publish for werkplaats " + werkplaats +
                        " (an administrator runs: samenkaart programme grant DB --role " + c.user() + " --werkplaats " +
                        werkplaats + ")",
                    ErrorKind::Denied);
    receipt.werkplaats = werkplaats;

    // The project's identity and pseudonym key are written before anything is sent: a publish that
    // commits on the server must find the same ones next time.
    // So are the triggers that note what changes from now on (before anything is read).
    std::string projectUid = knownUid.value_or("");
    std::optional<std::string> key = project->meta("pseudonym_key");
    const bool trackedBefore = changeTrackingInPlace(db);
    if (projectUid.empty() || !key || !trackedBefore) {
        Transaction tx(db);
        if (projectUid.empty()) {
            projectUid = newUuid();
            project->setMeta("project_uid", projectUid);
        }
        if (!key) {
            key = newPseudonymKey();
            project->setMeta("pseudonym_key", *key);
        }
        if (!trackedBefore) {
            createPublishTables(db);
            createChangeTracking(db);
        }
        tx.commit();
    }
    receipt.projectUid = projectUid;
    const int64_t changeSeq = lastChangeSeq(db);

    // What the export would write, in the project's own CRS.
    report(options, "reading the project", 0.05);
    ExportOptions exportOptions;
    exportOptions.includeDeleted = true;
    exportOptions.includeUnconsented = options.includeUnconsented;
    exportOptions.coarsenMetres = options.coarsenMetres;
    exportOptions.pseudonymKey = key;
    const MapCrs mapCrs = project->mapCrs();
    const SpatialRefPtr mapSrs = makeSpatialRef(mapCrs.definition, projectPath);
    const SpatialRefPtr commonSrs = makeSpatialRef("EPSG:" + std::to_string(store.commonSrid), c.label());
    const TransformPtr toCommon = makeTransform(*mapSrs, *commonSrs, projectPath);
    const int mapSrid = mapCrs.srid < kFirstCustomSrid ? mapCrs.srid : 0;
    // Only the pins changed since the last publish to this store, when nothing else that decides how
    // pins are published changed; else the whole project. A project the server does not hold (new,
    // or removed there) gets everything.
    const bool sendAll = options.resendAll || !serverWerkplaats;
    const std::vector<Session> sessionsNow = SessionStore(db).list();
    PublishBasis basis{projectUid, changeSeq,
                       publishContext(db, options, mapCrs, *key, store.commonSrid, CategoryStore(db).list()),
                       sessionConsents(sessionsNow)};
    std::optional<std::vector<std::string>> changed;
    if (!sendAll && trackedBefore)
        if (auto last = readBasis(db, store.storeUid); last && last->projectUid == projectUid &&
                                                       last->context == basis.context &&
                                                       sameConsents(last->sessions, sessionsNow))
            changed = changedPins(db, last->changeSeq);
    receipt.changesOnly = changed.has_value();
    const std::string changedJson = changed ? nlohmann::json(*changed).dump() : std::string();
    ProjectSelection sel = changed ? selectPinsForExport(*project, projectPath, exportOptions, *mapSrs, *changed)
                                   : selectForExport(*project, projectPath, exportOptions, *mapSrs);
    if (changed) {
        // The counts the receipt checks, of the whole project, from two indexes of pins by session.
        std::unordered_map<int64_t, bool> published;
        for (const Session& s : sel.sessions) published[s.id] = s.consent || options.includeUnconsented;
        auto countBySession = [&](const char* where, int64_t& counted, int64_t& leftOut) {
            Statement st(db, std::string("SELECT session_id, count(*) FROM pins") + where + " GROUP BY session_id");
            while (st.step()) {
                auto it = published.find(st.columnInt(0));
                if (it == published.end()) continue;  // a pin without its session is not selected either
                (it->second ? counted : leftOut) += st.columnInt(1);
            }
        };
        int64_t all = 0, deleted = 0, ignored = 0;
        countBySession("", all, receipt.leftOutUnconsented);
        countBySession(" WHERE deleted_at IS NOT NULL", deleted, ignored);
        receipt.expectedPins = all - deleted;
        receipt.expectedDeletedPins = deleted;
    } else {
        receipt.leftOutUnconsented = sel.leftOutUnconsented;
    }

    const PublishedState state =
        sendAll ? PublishedState{} : readState(db, store.storeUid, changed ? &changedJson : nullptr);
    auto stateOf = [&state](const char* kind) -> const std::unordered_map<std::string, std::string>& {
        static const std::unordered_map<std::string, std::string> kNone;
        auto it = state.find(kind);
        return it == state.end() ? kNone : it->second;
    };
    // New digests of rows to send; written to the project file after the server committed.
    std::vector<std::tuple<std::string, std::string, std::string>> newState;  // kind, key, digest

    std::vector<const Category*> categories;
    for (const Category& cat : sel.categories) {
        const std::string d = categoryDigest(cat);
        auto it = stateOf("category").find(cat.code);
        if (it != stateOf("category").end() && it->second == d) continue;
        categories.push_back(&cat);
        newState.emplace_back("category", cat.code, d);
    }
    std::vector<const Session*> sessions;
    for (const Session& s : sel.sessions) {
        const std::string d = sessionDigest(s);
        auto it = stateOf("session").find(std::to_string(s.id));
        if (it != stateOf("session").end() && it->second == d) continue;
        sessions.push_back(&s);
        newState.emplace_back("session", std::to_string(s.id), d);
    }

    std::vector<OutBoundary> boundaries;
    if (!changed) {
        const std::string d = boundariesDigest(db);
        auto it = stateOf("boundaries").find("all");
        if (it == stateOf("boundaries").end() || it->second != d) {
            boundaries = readBoundaries(db, mapSrid, store.commonSrid, toCommon.get(), projectPath);
            newState.emplace_back("boundaries", "all", d);
        }
    }

    // Pins: their published values, positions in both CRSs.
    std::vector<double> xs, ys;
    xs.reserve(sel.pins.size());
    ys.reserve(sel.pins.size());
    for (const ExportPin& p : sel.pins) {
        xs.push_back(p.position.x);
        ys.push_back(p.position.y);
    }
    if (toCommon && !xs.empty()) {
        std::vector<int> ok(xs.size(), TRUE);
        transformPoints(*toCommon, xs, ys, ok);
        for (size_t i = 0; i < ok.size(); ++i)
            if (!ok[i])
                throw Error(projectPath, "pin " + sel.pins[i].id +
                                             " cannot be transformed to the programme's CRS (EPSG:" +
                                             std::to_string(store.commonSrid) + ")");
    }
    std::vector<size_t> pinsToSend;
    std::unordered_set<std::string> publishedIds;
    publishedIds.reserve(sel.pins.size());
    std::vector<std::string> pinDigests(sel.pins.size());
    for (size_t i = 0; i < sel.pins.size(); ++i) {
        const ExportPin& p = sel.pins[i];
        publishedIds.insert(p.id);
        std::optional<std::string> fid;
        if (p.boundary) fid = std::to_string(sel.boundaries[*p.boundary].fid);
        pinDigests[i] = Digest()
                            .add(p.sessionId)
                            .add(p.category)
                            .add(p.title)
                            .add(p.description)
                            .add(p.contributor)
                            .add(p.attributes)
                            .add(formatCoordinate(p.position.x))
                            .add(formatCoordinate(p.position.y))
                            .add(p.createdAt)
                            .add(p.updatedAt)
                            .add(p.deletedAt)
                            .add(fid)
                            .hex();
        auto it = stateOf("pin").find(p.id);
        if (it != stateOf("pin").end() && it->second == pinDigests[i]) continue;
        pinsToSend.push_back(i);
    }
    std::vector<std::string> withdrawn;
    for (const auto& [id, digest] : stateOf("pin"))
        if (!publishedIds.contains(id)) withdrawn.push_back(id);

    // History of the published pins, with the same privacy and coarsening as the pins.
    std::vector<OutHistory> history;
    const std::optional<std::string> coarsening =
        options.coarsenMetres ? std::optional<std::string>(formatCoordinate(*options.coarsenMetres)) : std::nullopt;
    {
        const SnapshotRewriter rewrite(sel, exportOptions, *mapSrs);
        Statement st(db,
                     std::string("SELECT id, pin_id, action, before, after, at, state, undone_at FROM pin_history") +
                         (changed ? " WHERE pin_id IN (SELECT value FROM json_each(?1))" : "") + " ORDER BY id");
        if (changed) st.bind(1, changedJson);
        while (st.step()) {
            std::string pinId = st.columnText(1);
            if (!publishedIds.contains(pinId)) continue;
            OutHistory h;
            h.id = st.columnInt(0);
            h.pinId = std::move(pinId);
            h.action = st.columnText(2);
            h.before = st.columnOptionalText(3);
            h.after = st.columnOptionalText(4);
            h.at = st.columnText(5);
            h.state = st.columnText(6);
            h.undoneAt = st.columnOptionalText(7);
            // The digest is of the row as stored and of what changes its published form (the
            // coarsening; the pseudonym key never changes): only rows that go out are rewritten.
            const std::string d = historyDigest(h, coarsening);
            auto it = stateOf("history").find(std::to_string(h.id));
            if (it != stateOf("history").end() && it->second == d) continue;
            newState.emplace_back("history", std::to_string(h.id), d);
            if (h.before) h.before = rewrite(*h.before);
            if (h.after) h.after = rewrite(*h.after);
            history.push_back(std::move(h));
        }
    }

    receipt.sessionsSent = static_cast<int64_t>(sessions.size());
    receipt.categoriesSent = static_cast<int64_t>(categories.size());
    receipt.boundariesSent = static_cast<int64_t>(boundaries.size());
    receipt.historySent = static_cast<int64_t>(history.size());
    receipt.pinsSent = static_cast<int64_t>(pinsToSend.size());
    receipt.pinsWithdrawn = static_cast<int64_t>(withdrawn.size());
    const bool projectKnown = serverWerkplaats.has_value();
    receipt.nothingNew = projectKnown && pinsToSend.empty() && withdrawn.empty() && sessions.empty() &&
                         categories.empty() && boundaries.empty() && history.empty();

    std::unordered_set<std::string> refusedIds;
    if (!receipt.nothingNew) {
        report(options, "sending", 0.3);
        const std::string label = std::filesystem::path(projectPath).filename().string();
        pg::withRetries(c, [&](pg::Connection& tx) {
            receipt.refused.clear();
            refusedIds.clear();
            tx.exec(
                "INSERT INTO samenkaart.projects (project_uid, werkplaats, label, map_srid, map_crs, map_crs_name, "
                "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (project_uid) DO UPDATE "
                "SET label = excluded.label, map_srid = excluded.map_srid, map_crs = excluded.map_crs, map_crs_name = "
                "excluded.map_crs_name, last_published = now()",
                {projectUid, werkplaats, label, std::to_string(mapSrid), mapCrs.definition, mapCrs.name, sel.createdAt,
                 sel.createdBy});

            if (!categories.empty()) {
                tx.exec("CREATE TEMP TABLE stage_categories (LIKE samenkaart.categories) ON COMMIT DROP");
                tx.copyIn("COPY stage_categories FROM STDIN", [&](pg::Connection::CopyBuffer& out) {
                    for (const Category* cat : categories) {
                        out.field(projectUid).field(werkplaats).field(cat->code).field(cat->labelNl);
                        out.field(cat->labelEn).field(cat->colour).field(cat->icon).field(cat->kind);
                        out.field(cat->description).field(cat->personal ? "t" : "f").field(cat->fields.dump());
                        out.field(int64_t{cat->sortOrder});
                        out.endRow();
                    }
                });
                tx.exec(
                    "INSERT INTO samenkaart.categories SELECT * FROM stage_categories ON CONFLICT (project_uid, code) "
                    "DO UPDATE SET label_nl = excluded.label_nl, label_en = excluded.label_en, colour = "
                    "excluded.colour, icon = excluded.icon, kind = excluded.kind, description = excluded.description, "
                    "personal = excluded.personal, fields = excluded.fields, sort_order = excluded.sort_order");
            }
            if (!sessions.empty()) {
                tx.exec("CREATE TEMP TABLE stage_sessions (LIKE samenkaart.sessions) ON COMMIT DROP");
                tx.copyIn("COPY stage_sessions FROM STDIN", [&](pg::Connection::CopyBuffer& out) {
                    for (const Session* s : sessions) {
                        out.field(projectUid).field(werkplaats).field(s->id).field(s->title);
                        out.field(s->facilitator).field(s->location).field(s->startedAt).field(s->endedAt);
                        if (s->participantCount)
                            out.field(*s->participantCount);
                        else
                            out.null();
                        out.field(s->notes).field(s->consent ? "t" : "f").field(s->consentAt);
                        out.endRow();
                    }
                });
                tx.exec(
                    "INSERT INTO samenkaart.sessions SELECT * FROM stage_sessions ON CONFLICT (project_uid, id) DO "
                    "UPDATE SET title = excluded.title, facilitator = excluded.facilitator, location = "
                    "excluded.location, started_at = excluded.started_at, ended_at = excluded.ended_at, "
                    "participant_count = excluded.participant_count, notes = excluded.notes, consent = "
                    "excluded.consent, consent_at = excluded.consent_at");
            }
            if (!boundaries.empty()) {
                report(options, "sending the boundaries", 0.35);
                tx.exec("DELETE FROM samenkaart.boundaries WHERE project_uid = $1", {projectUid});
                tx.exec("CREATE TEMP TABLE stage_boundaries (LIKE samenkaart.boundaries) ON COMMIT DROP");
                tx.copyIn("COPY stage_boundaries FROM STDIN", [&](pg::Connection::CopyBuffer& out) {
                    for (const OutBoundary& b : boundaries) {
                        out.field(projectUid).field(werkplaats).field(b.fid).field(b.name).field(b.attributes);
                        out.field(b.geom).field(b.geomCommon);
                        out.endRow();
                    }
                });
                tx.exec("INSERT INTO samenkaart.boundaries SELECT * FROM stage_boundaries");
            }
            if (!pinsToSend.empty()) {
                report(options, "sending the pins", 0.5);
                tx.exec("CREATE TEMP TABLE stage_pins (LIKE samenkaart.pins) ON COMMIT DROP");
                tx.copyIn("COPY stage_pins FROM STDIN", [&](pg::Connection::CopyBuffer& out) {
                    for (size_t i : pinsToSend) {
                        const ExportPin& p = sel.pins[i];
                        out.field(p.id).field(projectUid).field(werkplaats).field(p.sessionId).field(p.category);
                        out.field(p.title).field(p.description).field(p.contributor).field(p.attributes);
                        out.field(p.createdAt).field(p.updatedAt).field(p.deletedAt);
                        if (p.boundary)
                            out.field(sel.boundaries[*p.boundary].fid);
                        else
                            out.null();
                        out.field(pointHex(p.position, mapSrid)).field(pointHex({xs[i], ys[i]}, store.commonSrid));
                        out.endRow();
                    }
                });
                // A pin id another project holds is refused, never overwritten.
                pg::Result refused = tx.exec(
                    "DELETE FROM stage_pins s USING samenkaart.pins p WHERE p.id = s.id AND p.project_uid <> "
                    "s.project_uid RETURNING s.id, p.werkplaats");
                for (int r = 0; r < refused.rows(); ++r) {
                    refusedIds.insert(refused.text(r, 0));
                    receipt.refused.push_back({refused.text(r, 0), "another project (werkplaats " + refused.text(r, 1) +
                                                                       ") already published a pin with this id"});
                }
                pg::Result counts = tx.exec(
                    "SELECT count(*) FILTER (WHERE p.id IS NULL), "
                    "count(*) FILTER (WHERE p.id IS NOT NULL AND s.deleted_at IS NOT NULL AND p.deleted_at IS NULL), "
                    "count(*) FILTER (WHERE p.id IS NOT NULL AND NOT (s.deleted_at IS NOT NULL AND p.deleted_at IS "
                    "NULL)) FROM stage_pins s LEFT JOIN samenkaart.pins p ON p.id = s.id");
                receipt.pinsNew = counts.integer(0, 0);
                receipt.pinsDeleted = counts.integer(0, 1);
                receipt.pinsChanged = counts.integer(0, 2);
                tx.exec(
                    "INSERT INTO samenkaart.pins SELECT * FROM stage_pins ON CONFLICT (id) DO UPDATE SET session_id = "
                    "excluded.session_id, category = excluded.category, title = excluded.title, description = "
                    "excluded.description, contributor = excluded.contributor, attributes = excluded.attributes, "
                    "created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = "
                    "excluded.deleted_at, boundary_fid = excluded.boundary_fid, geom = excluded.geom, geom_common = "
                    "excluded.geom_common WHERE samenkaart.pins.project_uid = excluded.project_uid");
            }
            if (!withdrawn.empty()) {
                const std::string ids = textArray(withdrawn);
                tx.exec("DELETE FROM samenkaart.pin_history WHERE project_uid = $1 AND pin_id = ANY($2::text[])",
                        {projectUid, ids});
                tx.exec("DELETE FROM samenkaart.pins WHERE project_uid = $1 AND id = ANY($2::text[])",
                        {projectUid, ids});
            }
            if (!history.empty()) {
                report(options, "sending the history", 0.8);
                tx.exec("CREATE TEMP TABLE stage_history (LIKE samenkaart.pin_history) ON COMMIT DROP");
                tx.copyIn("COPY stage_history FROM STDIN", [&](pg::Connection::CopyBuffer& out) {
                    for (const OutHistory& h : history) {
                        if (refusedIds.contains(h.pinId)) continue;
                        out.field(projectUid).field(werkplaats).field(h.id).field(h.pinId).field(h.action);
                        out.field(h.before).field(h.after).field(h.at).field(h.state).field(h.undoneAt);
                        out.endRow();
                    }
                });
                // Appended, never rewritten: only the state of an undone change follows the laptop.
                tx.exec(
                    "INSERT INTO samenkaart.pin_history SELECT * FROM stage_history ON CONFLICT (project_uid, id) DO "
                    "UPDATE SET state = excluded.state, undone_at = excluded.undone_at");
            }
            if (!categories.empty() || !boundaries.empty() ||
                tx.exec("SELECT count(*) FROM public.layer_styles WHERE f_table_catalog = current_database() AND "
                        "f_table_schema = 'samenkaart'")
                        .integer(0, 0) < 2)
                writeStyles(tx);
            tx.exec(
                "INSERT INTO samenkaart.publishes (project_uid, werkplaats, client, pins_new, pins_changed, "
                "pins_deleted, pins_withdrawn, pins_refused, sessions, categories, history_rows, boundaries) VALUES "
                "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                {projectUid, werkplaats, std::string("Samenkaart ") + engineVersion(), std::to_string(receipt.pinsNew),
                 std::to_string(receipt.pinsChanged), std::to_string(receipt.pinsDeleted),
                 std::to_string(receipt.pinsWithdrawn), std::to_string(receipt.refused.size()),
                 std::to_string(receipt.sessionsSent), std::to_string(receipt.categoriesSent),
                 std::to_string(receipt.historySent), std::to_string(receipt.boundariesSent)});
        });
    }

    // The receipt is checked against the server's own counts, after the commit.
    report(options, "checking the server's counts", 0.9);
    // (The server keeps these counts itself, with triggers on its pins: migrations/0002_pin_counts.sql.)
    pg::Result counts =
        c.exec("SELECT live, deleted FROM samenkaart.project_pin_counts WHERE project_uid = $1", {projectUid});
    receipt.serverPins = counts.rows() ? counts.integer(0, 0) : 0;
    receipt.serverDeletedPins = counts.rows() ? counts.integer(0, 1) : 0;
    // Changes only: the whole project was counted above, less the pins refused now. Else the pins
    // published, one by one.
    for (const ExportPin& p : sel.pins) {
        int64_t& expected = p.deletedAt ? receipt.expectedDeletedPins : receipt.expectedPins;
        const bool refused = refusedIds.contains(p.id);
        if (changed && refused) --expected;
        if (!changed && !refused) ++expected;
    }

    if (!receipt.nothingNew) {
        receipt.publishedAt = nowIso8601();
        // The server has the publish: a project file that cannot record it (a full disk, a lock)
        // loses nothing; the next publish sends the same rows again and the server keeps one copy.
        try {
            recordPublish(db, store.storeUid, c.label(), werkplaats, receipt, newState, pinsToSend, pinDigests, sel,
                          refusedIds, history, withdrawn, basis);
        } catch (const Error& e) {
            receipt.notRecorded = e.what();
        }
    } else {
        // Nothing to send: the next publish still starts from here. Not written, it only reads more.
        try {
            Transaction tx(db);
            writeBasis(db, store.storeUid, basis);
            tx.commit();
        } catch (const Error&) {
        }
    }
    report(options, "done", 1.0);
    return receipt;
}

std::vector<PublishRecord> publishHistory(Project& project) {
    std::vector<PublishRecord> out;
    Database& db = project.db();
    if (db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'publish_log'").value_or(0) == 0) return out;
    Statement st(db,
                 "SELECT server, werkplaats, published_at, pins_new, pins_changed, pins_deleted, pins_withdrawn, "
                 "pins_refused, server_pins FROM publish_log ORDER BY id DESC");
    while (st.step())
        out.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnInt(3), st.columnInt(4),
                       st.columnInt(5), st.columnInt(6), st.columnInt(7), st.columnInt(8)});
    return out;
}

}  // namespace samenkaart::programme
