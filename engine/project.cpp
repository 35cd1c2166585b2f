#include "engine/project.hpp"

#include <filesystem>

#include "engine/categories.hpp"
#include "engine/clock.hpp"
#include "engine/engine_version.hpp"
#include "engine/error.hpp"
#include "engine/file_damage.hpp"

namespace samenkaart {
namespace {

// First SRID used for a map CRS that has no EPSG code (SpatiaLite's convention for user SRIDs).
constexpr int kCustomSridBase = 900000;

void createSchemaV1(Database& db, int srid) {
    const std::string s = std::to_string(srid);
    db.exec(R"sql(
        CREATE TABLE project_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE boundaries (
            fid  INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL
        );
        CREATE TABLE categories (
            code        TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40),
            label_nl    TEXT NOT NULL,
            label_en    TEXT NOT NULL,
            colour      TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
            icon        TEXT NOT NULL DEFAULT '',
            kind        TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            personal    INTEGER NOT NULL DEFAULT 0 CHECK (personal IN (0, 1)),
            fields      TEXT NOT NULL DEFAULT '[]',
            sort_order  INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE sessions (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            title             TEXT NOT NULL,
            facilitator       TEXT,
            location          TEXT,
            started_at        TEXT NOT NULL,
            ended_at          TEXT,
            participant_count INTEGER CHECK (participant_count IS NULL OR participant_count >= 0),
            notes             TEXT,
            consent           INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
            consent_at        TEXT
        );
        CREATE TABLE pins (
            id          TEXT PRIMARY KEY NOT NULL,
            session_id  INTEGER NOT NULL REFERENCES sessions(id),
            category    TEXT NOT NULL REFERENCES categories(code) ON UPDATE CASCADE,
            title       TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            contributor TEXT,
            attributes  TEXT NOT NULL DEFAULT '{}',
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            deleted_at  TEXT
        );
        CREATE INDEX pins_session ON pins(session_id);
        CREATE TABLE pin_history (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            pin_id    TEXT NOT NULL,
            action    TEXT NOT NULL CHECK (action IN ('create', 'edit', 'move', 'delete', 'restore')),
            before    TEXT,
            after     TEXT,
            at        TEXT NOT NULL,
            state     TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'dropped')),
            undone_at TEXT
        );
        CREATE INDEX pin_history_pin ON pin_history(pin_id);
        CREATE INDEX pin_history_state ON pin_history(state, id);
    )sql");
    db.exec("SELECT AddGeometryColumn('boundaries', 'geom', " + s + ", 'MULTIPOLYGON', 'XY', 1)");
    db.exec("SELECT AddGeometryColumn('pins', 'geom', " + s + ", 'POINT', 'XY', 1)");
    db.exec("SELECT CreateSpatialIndex('pins', 'geom')");
}

}  // namespace

Project::Project(const std::string& path, Database::Mode mode) : db_(path, mode) {}

std::unique_ptr<Project> Project::open(const std::string& path, bool readOnly) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw Error(path, std::filesystem::exists(path, ec) ? "is not a file" : "no such file", ErrorKind::NotFound);
    // SQLite opens an empty file as a new database and calls a zeroed or foreign one "not a
    // database": the file's own bytes name the cause first.
    const SqliteFileCheck check = checkSqliteFile(path);
    if (check.shape == SqliteFileShape::NotSqlite)
        throw Error(path, "is not a Samenkaart project file (" + check.words + ")", ErrorKind::Unsupported);
    if (check.damaged()) throw DamagedFileError(path, check.words);
    std::unique_ptr<Project> p(new Project(path, readOnly ? Database::Mode::ReadOnly : Database::Mode::ReadWrite));
    const int version = static_cast<int>(p->db_.queryInt("PRAGMA user_version").value_or(0));
    const bool hasMeta = p->db_.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'project_meta'").value_or(0);
    if (version == 0 || !hasMeta) throw Error(path, "this is not a Samenkaart project file", ErrorKind::Unsupported);
    if (version > kSchemaVersion)
        throw Error(path,
                    "was written by a newer Samenkaart (schema " + std::to_string(version) +
                        "); this version reads up to schema " + std::to_string(kSchemaVersion),
                    ErrorKind::Unsupported);
    if (version < kSchemaVersion) {
        if (readOnly) throw Error(path, "needs an upgrade, which a read-only open cannot do");
        p->migrate();
    }
    p->loadMapCrs();
    return p;
}

std::unique_ptr<Project> Project::createEmpty(const std::string& path, const CrsDescription& crs) {
    std::unique_ptr<Project> p(new Project(path, Database::Mode::ReadWriteCreate));
    Database& db = p->db_;
    if (db.queryInt("SELECT count(*) FROM sqlite_master").value_or(0) != 0)
        throw Error(path, "already contains a database; refusing to overwrite it", ErrorKind::Exists);

    Transaction tx(db);
    db.exec("SELECT InitSpatialMetadata(0, 'NONE')");
    int srid = crs.epsg;
    if (srid > 0) {
        Statement ins(db, "SELECT InsertEpsgSrid(?)");
        ins.bind(1, srid).run();
    }
    const bool known =
        srid > 0 &&
        db.queryInt("SELECT count(*) FROM spatial_ref_sys WHERE srid = " + std::to_string(srid)).value_or(0) > 0;
    if (!known) {
        srid = kCustomSridBase;
        Statement ins(db,
                      "INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, ref_sys_name, proj4text, srtext) "
                      "VALUES (?, 'samenkaart', ?, ?, ?, ?)");
        ins.bind(1, srid)
            .bind(2, srid)
            .bind(3, crs.name)
            .bind(4, crs.proj4)
            .bind(5, crs.wkt.empty() ? crs.wkt2 : crs.wkt)
            .run();
    }
    // Longitude/latitude is always there: pins typed as --lonlat and exports to WGS 84 use it.
    db.exec("SELECT InsertEpsgSrid(4326)");
    createSchemaV1(db, srid);
    p->setMeta("map_srid", std::to_string(srid));
    p->setMeta("map_crs", crs.epsg > 0 && known ? epsgDefinition(crs.epsg) : crs.wkt2);
    p->setMeta("map_crs_name", crs.name);
    p->setMeta("created_at", nowIso8601());
    p->setMeta("created_by", std::string("Samenkaart ") + engineVersion());
    insertDefaultCategories(db);
    db.exec("PRAGMA user_version = 1");
    tx.commit();
    // A new file takes the same forward steps as an old one: one path, tested on every create.
    p->migrate();
    p->loadMapCrs();
    return p;
}

void Project::migrate() {
    // Each step runs in its own transaction that also bumps user_version, so an interrupted
    // upgrade resumes where it stopped.
    int version = static_cast<int>(db_.queryInt("PRAGMA user_version").value_or(0));
    if (version < 2) {
        Transaction tx(db_);
        // 1 -> 2: context layers (streets, buildings, basemaps) shown under the pins.
        db_.exec(R"sql(
            CREATE TABLE context_layers (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                source     TEXT NOT NULL,
                layer      TEXT,
                kind       TEXT NOT NULL CHECK (kind IN ('vector', 'raster')),
                title      TEXT NOT NULL,
                visible    INTEGER NOT NULL DEFAULT 1 CHECK (visible IN (0, 1)),
                opacity    REAL NOT NULL DEFAULT 1.0 CHECK (opacity BETWEEN 0.0 AND 1.0),
                sort_order INTEGER NOT NULL DEFAULT 0
            );
            PRAGMA user_version = 2;
        )sql");
        tx.commit();
    }
}

void Project::loadMapCrs() {
    auto srid = meta("map_srid");
    auto def = meta("map_crs");
    if (!srid || !def) throw DamagedFileError(path(), "it has no map CRS recorded: project_meta lost its rows");
    mapCrs_.srid = std::stoi(*srid);
    mapCrs_.definition = *def;
    mapCrs_.name = meta("map_crs_name").value_or(*def);
}

std::optional<std::string> Project::meta(const std::string& key) {
    Statement st(db_, "SELECT value FROM project_meta WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.columnText(0);
}

void Project::setMeta(const std::string& key, const std::string& value) {
    Statement st(db_,
                 "INSERT INTO project_meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

}  // namespace samenkaart
