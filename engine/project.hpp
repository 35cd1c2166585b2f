// A Samenkaart project: one SpatiaLite file holding boundaries, categories, sessions, pins and
// their history. Opening a file migrates its schema forward; creating one never overwrites.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/crs.hpp"
#include "engine/sqlite_db.hpp"

namespace samenkaart {

// PRAGMA user_version of the newest schema this build writes.
inline constexpr int kSchemaVersion = 2;

struct MapCrs {
    int srid = 0;            // SpatiaLite SRID: the EPSG code, or >= 900000 for a custom CRS
    std::string definition;  // what PROJ takes: "EPSG:28992" or WKT
    std::string name;
};

// What a window reserves for a session's write-ahead log (Database::reserveWriteAheadLog): more than
// SQLite's automatic checkpoint lets it reach (1000 pages of 4 KiB plus frame headers, and the
// commit that crosses the line).
inline constexpr int64_t kSessionWriteAheadLogBytes = int64_t{6} << 20;

class Project {
public:
    // Opens an existing project (read-write unless readOnly). Throws Error naming the file when it
    // does not exist, is not a project, or was written by a newer Samenkaart.
    static std::unique_ptr<Project> open(const std::string& path, bool readOnly = false);

    // Creates the schema in a new, empty database at `path` with the given map CRS. The caller
    // (see boundary_import) builds into a temporary file and moves it into place.
    static std::unique_ptr<Project> createEmpty(const std::string& path, const CrsDescription& mapCrs);

    Database& db() { return db_; }
    const std::string& path() const { return db_.path(); }
    const MapCrs& mapCrs() const { return mapCrs_; }

    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);

private:
    Project(const std::string& path, Database::Mode mode);
    void loadMapCrs();
    void migrate();

    Database db_;
    MapCrs mapCrs_;
};

}  // namespace samenkaart
