// Builds a two-dimensional SQLite R-tree (the kind SpatiaLite's spatial indexes are) in one pass,
// packed Sort-Tile-Recursive, instead of inserting entry by entry: each insert descends the tree and
// splits nodes, about 7 us an entry, while a packed build costs a sort and one write per node.
// The tree is written straight into the R-tree's shadow tables (<name>_node, _rowid, _parent) in
// the layout SQLite documents (https://sqlite.org/rtree.html, section 8), so it must run inside the
// caller's write transaction; SQLite's own rtreecheck() accepts the result.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/sqlite_db.hpp"

namespace samenkaart {

struct RtreeEntry {
    int64_t id = 0;
    float minX = 0, maxX = 0, minY = 0, maxY = 0;
};

// The box SQLite's R-tree stores for a box in doubles: minima rounded down and maxima rounded up to
// single precision, exactly as the R-tree module rounds values inserted through SQL.
RtreeEntry rtreeEntry(int64_t id, double minX, double maxX, double minY, double maxY);

// Replaces everything in the 2-D R-tree virtual table `table` with a packed tree of `entries`
// (ids must be unique). Throws Error (from the database) when a write fails; the caller's
// transaction then rolls the whole change back.
void packRtree(Database& db, const std::string& table, std::vector<RtreeEntry> entries);

}  // namespace samenkaart
