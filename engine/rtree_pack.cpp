#include "engine/rtree_pack.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

#include "engine/error.hpp"
#include "engine/multi_row_insert.hpp"

namespace samenkaart {
namespace {

// SQLite's own rounding constants (rtree.c): one unit in the last place of a float.
constexpr double kTowardsZero = 1.0 - 1.0 / 8388608.0;
constexpr double kAwayFromZero = 1.0 + 1.0 / 8388608.0;

float roundDown(double d) {
    float f = static_cast<float>(d);
    if (f > d) f = static_cast<float>(d * (d < 0 ? kAwayFromZero : kTowardsZero));
    return f;
}

float roundUp(double d) {
    float f = static_cast<float>(d);
    if (f < d) f = static_cast<float>(d * (d < 0 ? kTowardsZero : kAwayFromZero));
    return f;
}

void putBigEndian(uint8_t* out, uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
        out[i] = static_cast<uint8_t>(value & 0xFF);
        value >>= 8;
    }
}

constexpr size_t kCellBytes = 8 + 4 * 4;  // id, then minX, maxX, minY, maxY as big-endian floats

struct Level {
    std::vector<RtreeEntry> cells;   // the entries of this level, in node order
    std::vector<size_t> nodeStarts;  // index of each node's first cell; one past the end last
};

// Sort-Tile-Recursive: sort by centre x, cut into vertical slices of whole nodes, sort each slice by
// centre y and cut it into nodes of `perNode` cells.
Level tile(std::vector<RtreeEntry> cells, size_t perNode) {
    auto cx = [](const RtreeEntry& e) { return static_cast<double>(e.minX) + e.maxX; };
    auto cy = [](const RtreeEntry& e) { return static_cast<double>(e.minY) + e.maxY; };
    const size_t nodes = (cells.size() + perNode - 1) / perNode;
    const auto slices = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
    const size_t perSlice = slices * perNode;
    std::sort(cells.begin(), cells.end(), [&](const RtreeEntry& a, const RtreeEntry& b) { return cx(a) < cx(b); });
    Level level;
    for (size_t s = 0; s < cells.size(); s += perSlice) {
        const auto end = cells.begin() + static_cast<std::ptrdiff_t>(std::min(cells.size(), s + perSlice));
        std::sort(cells.begin() + static_cast<std::ptrdiff_t>(s), end,
                  [&](const RtreeEntry& a, const RtreeEntry& b) { return cy(a) < cy(b); });
        for (size_t n = s; n < static_cast<size_t>(end - cells.begin()); n += perNode) level.nodeStarts.push_back(n);
    }
    level.nodeStarts.push_back(cells.size());
    level.cells = std::move(cells);
    return level;
}

RtreeEntry boundsOf(const std::vector<RtreeEntry>& cells, size_t begin, size_t end, int64_t id) {
    RtreeEntry b{id, cells[begin].minX, cells[begin].maxX, cells[begin].minY, cells[begin].maxY};
    for (size_t i = begin + 1; i < end; ++i) {
        b.minX = std::min(b.minX, cells[i].minX);
        b.maxX = std::max(b.maxX, cells[i].maxX);
        b.minY = std::min(b.minY, cells[i].minY);
        b.maxY = std::max(b.maxY, cells[i].maxY);
    }
    return b;
}

// Writes (key, value) integer pairs into a shadow table keyed by the first, many rows to a statement
// and in key order: a statement per row (every leaf entry has a _rowid row) in node order was most
// of the build's time.
void insertPairs(Database& db, const std::string& table, const char* columns,
                 std::vector<std::pair<int64_t, int64_t>> rows) {
    std::sort(rows.begin(), rows.end());
    const std::string head = "INSERT INTO " + quoteIdentifier(table) + " " + columns + " VALUES ";
    MultiRowInsert insert(db, head.c_str(), "(?,?)", 2, rows.size());
    for (const auto& [key, value] : rows) {
        Statement& st = insert.statement();
        const int i = insert.nextRow();
        st.bind(i, key).bind(i + 1, value);
        insert.rowDone();
    }
}

}  // namespace

RtreeEntry rtreeEntry(int64_t id, double minX, double maxX, double minY, double maxY) {
    return {id, roundDown(minX), roundUp(maxX), roundDown(minY), roundUp(maxY)};
}

void packRtree(Database& db, const std::string& table, std::vector<RtreeEntry> entries) {
    // The node size was fixed when the tree was created; SQLite reads it from the root node.
    const int64_t nodeBytes =
        db.queryInt("SELECT length(data) FROM " + quoteIdentifier(table + "_node") + " WHERE nodeno = 1").value_or(0);
    const auto perNode = static_cast<size_t>(std::max<int64_t>(0, (nodeBytes - 4)) / static_cast<int64_t>(kCellBytes));
    if (perNode < 2) throw Error(table, "is not a two-dimensional R-tree with a readable root node");
    if (perNode > 51) throw Error(table, "has nodes larger than SQLite's R-tree writes");  // RTREE_MAXCELLS

    // Levels from the leaves up; node numbers are given top down afterwards, the root being 1.
    std::vector<Level> levels;
    levels.push_back(tile(std::move(entries), perNode));
    while (levels.back().nodeStarts.size() - 1 > 1) {
        const Level& below = levels.back();
        std::vector<RtreeEntry> parents;
        for (size_t n = 0; n + 1 < below.nodeStarts.size(); ++n)
            parents.push_back(boundsOf(below.cells, below.nodeStarts[n], below.nodeStarts[n + 1],
                                       static_cast<int64_t>(n)));  // id: the child's index in its level
        levels.push_back(tile(std::move(parents), perNode));
    }
    if (levels.back().nodeStarts.size() == 1) levels.back().nodeStarts.insert(levels.back().nodeStarts.begin(), 0);

    // Node numbers: root 1, then each level's nodes in order, top down.
    std::vector<int64_t> firstNodeNo(levels.size());
    int64_t next = 1;
    for (size_t l = levels.size(); l-- > 0;) {
        firstNodeNo[l] = next;
        next += static_cast<int64_t>(levels[l].nodeStarts.size() - 1);
    }

    for (const char* shadow : {"_node", "_rowid", "_parent"}) db.exec("DELETE FROM " + quoteIdentifier(table + shadow));
    Statement node(db, "INSERT INTO " + quoteIdentifier(table + "_node") + " (nodeno, data) VALUES (?, ?)");
    std::vector<std::pair<int64_t, int64_t>> rowidRows, parentRows;  // (rowid, nodeno), (nodeno, parentnode)
    rowidRows.reserve(levels.front().cells.size());
    std::vector<uint8_t> blob(static_cast<size_t>(nodeBytes));
    const auto depth = static_cast<uint64_t>(levels.size() - 1);
    for (size_t l = levels.size(); l-- > 0;) {
        const Level& level = levels[l];
        for (size_t n = 0; n + 1 < level.nodeStarts.size(); ++n) {
            const int64_t nodeNo = firstNodeNo[l] + static_cast<int64_t>(n);
            std::fill(blob.begin(), blob.end(), uint8_t{0});
            if (nodeNo == 1) putBigEndian(blob.data(), depth, 2);  // only the root says how deep the tree is
            const size_t begin = level.nodeStarts[n], end = level.nodeStarts[n + 1];
            putBigEndian(blob.data() + 2, end - begin, 2);
            uint8_t* cell = blob.data() + 4;
            for (size_t i = begin; i < end; ++i, cell += kCellBytes) {
                const RtreeEntry& e = level.cells[i];
                // Leaves hold the entries' ids; inner cells the node numbers of their children.
                const int64_t id = l == 0 ? e.id : firstNodeNo[l - 1] + e.id;
                putBigEndian(cell, static_cast<uint64_t>(id), 8);
                putBigEndian(cell + 8, std::bit_cast<uint32_t>(e.minX), 4);
                putBigEndian(cell + 12, std::bit_cast<uint32_t>(e.maxX), 4);
                putBigEndian(cell + 16, std::bit_cast<uint32_t>(e.minY), 4);
                putBigEndian(cell + 20, std::bit_cast<uint32_t>(e.maxY), 4);
                if (l == 0)
                    rowidRows.emplace_back(e.id, nodeNo);
                else
                    parentRows.emplace_back(id, nodeNo);
            }
            node.bind(1, nodeNo).bindBlob(2, blob.data(), blob.size()).run();
            node.reset();
        }
    }
    insertPairs(db, table + "_rowid", "(rowid, nodeno)", std::move(rowidRows));
    insertPairs(db, table + "_parent", "(nodeno, parentnode)", std::move(parentRows));
}

}  // namespace samenkaart
