// The programme store's administration: creating or migrating the schema `samenkaart` in a PostGIS
// database, the werkplaatsen, and which roles may publish for which werkplaats.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/programme/pg_connection.hpp"

namespace samenkaart::programme {

// The newest store schema this build knows (the last migration's number).
int latestStoreVersion();

struct StoreInfo {
    int version = 0;
    std::string storeUid;  // made at init: identifies the store whatever DB string reaches it
    int commonSrid = 0;
    std::string postgisVersion;
};

struct InitReport {
    int fromVersion = 0;  // 0: a new store
    int toVersion = 0;
    StoreInfo store;
};

// Creates the store (PostGIS first, when this role may), or migrates an older one forward; a
// store at the latest version is left as it is. commonSrid: the EPSG code of the programme-wide
// CRS, used only when the store is new (it must be known to PostGIS). Throws Error naming the
// server.
InitReport initStore(pg::Connection& c, int commonSrid = 28992);

// Checks that the database holds a store this build can write: a server of PostgreSQL 12 or newer,
// PostGIS 3, and the store at the latest version. Throws Error with one line naming the cause.
StoreInfo checkStore(pg::Connection& c);

// Adds a werkplaats (or renames it when it exists).
void addWerkplaats(pg::Connection& c, const std::string& code, const std::string& name);

struct Werkplaats {
    std::string code, name;
    int64_t projects = 0, pins = 0;
    std::vector<std::string> publishers;
};
std::vector<Werkplaats> listWerkplaatsen(pg::Connection& c);

// Lets login role `role` publish for `werkplaats` (grants it samenkaart_publisher too).
void grantPublisher(pg::Connection& c, const std::string& role, const std::string& werkplaats);
// Lets login role `role` read the whole programme (grants it samenkaart_researcher).
void grantResearcher(pg::Connection& c, const std::string& role);

}  // namespace samenkaart::programme
