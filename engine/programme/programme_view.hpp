// `samenkaart open DB`: the whole programme in the window, read-only. The store is read into one
// local project file (the "programme view"): every published project's buurten and live pins in
// the store's common CRS, its sessions numbered anew and named after their werkplaats, the
// categories of all codebooks (a code used by several projects keeps the first one's label and
// colour). The window opens that file read-only; the map, clusters, density and counts work on it
// as on any project. The file is kept in the cache folder and read again only when the store
// changed since (another publish, a project added or removed).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "engine/programme/pg_connection.hpp"

namespace samenkaart {
class Database;
}

namespace samenkaart::programme {

struct ProgrammeView {
    std::string path;     // the project file to open (read-only)
    std::string server;   // the store's label: user@host:port/db
    bool reused = false;  // the store had not changed: the file of an earlier read was kept
    int64_t projects = 0;
    int64_t werkplaatsen = 0;
    int64_t pins = 0;
    int64_t boundaries = 0;
};

// Reports the pins read so far of `total`.
using ViewProgress = std::function<void(int64_t pinsRead, int64_t pinsTotal)>;

// Reads the programme into `<folder>/<store uid>.sqlite` (the folder is made when missing), unless the file of an
// earlier read still matches the store. Throws Error naming the server (it cannot be read, holds no
// published project) or the file (the folder cannot be written); a failed read leaves the earlier file.
ProgrammeView readProgrammeView(pg::Connection& c, const std::string& folder, const ViewProgress& progress = {});

// In a programme view's file: each werkplaats's code and the (new) ids of its sessions; empty for an
// ordinary project. The window's werkplaats filter reads it.
std::map<std::string, std::vector<int64_t>> programmeViewWerkplaatsen(Database& db);

}  // namespace samenkaart::programme
