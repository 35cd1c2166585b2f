// A cache of the prepared map: the boundaries' triangles and levels of detail, their label anchors and
// their areas, which take seconds to build for a layer of thousands of buurten and are the same at every
// launch until the boundaries change. One file per project in the user's cache folder
// ($XDG_CACHE_HOME/samenkaart/maps), never next to the project: a project on a read-only disk or a
// shared folder gets its cache too, and a copied project never carries a stale one.
//
// A file is used only when all of this holds, else the map is prepared afresh and the file replaced:
// - its key equals the key of what is being loaded: the boundaries' geometry and colours, the map CRS,
//   the preparation's settings and the build of this program (its ELF build id), so that a changed
//   boundary, a reprojection or a new tessellator each make a new key;
// - its checksum (XXH3-64 over everything after the header) matches;
// - every array has the size its neighbours say and every index points inside its array, so even a
//   file made by hand cannot make the renderer read outside its buffers.
// Writing goes to a temporary file renamed into place, so a reader sees a whole file or none; a folder
// that cannot be written (read-only, full, missing) only means there is no cache.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/boundary_store.hpp"
#include "mapping/label_placement.hpp"
#include "mapping/prepared_layer.hpp"

namespace samenkaart::mapping {

// What the cache holds of a map: everything loadMapSnapshot prepares from the boundaries except the
// pick index (built beside the cache's reading, in less time than the reading takes).
struct CachedMapParts {
    PreparedVectorLayer boundaryLayer;
    std::vector<LabelRequest> boundaryLabels;  // anchor, feature box and priority; sizes are not kept
    std::vector<double> boundaryAreaKm2;       // may be empty (a load without the pick index)
};

// 128 bits of XXH3 over everything the parts depend on.
using PreparedMapKey = std::array<uint64_t, 2>;

struct PreparedMapKeyInput {
    const std::vector<Boundary>& boundaries;
    const std::vector<PolygonStyle>& styles;
    const std::string& crsDefinition;
    const PrepareOptions& prepare;
    bool labelAnchors = true;
    bool areas = true;
};
PreparedMapKey preparedMapKey(const PreparedMapKeyInput& input);

// The cache file of a project: <directory>/<hash of its absolute path>.map.
std::string preparedMapCacheFile(const std::string& directory, const std::string& projectPath);

// How a read went, for `samenkaart open --timings` and the tests.
enum class CacheRead : uint8_t { Used, Missing, Stale, Damaged };
const char* cacheReadName(CacheRead outcome);

struct CacheReadResult {
    CacheRead outcome = CacheRead::Missing;
    CachedMapParts parts;  // filled when Used
    std::string reason;    // for Damaged: what was wrong
};
// Reads the file and checks it against `key` and `boundaryCount` (labels and areas have one entry per
// boundary). Never throws for a bad file; a used file's time is touched, so pruning drops the unused.
CacheReadResult readPreparedMap(const std::string& file, const PreparedMapKey& key, size_t boundaryCount);

// The same in two steps, so that the file can be read while the boundaries (which its key needs) are:
// readPreparedMapFile checks what the file can say of itself (checksum, sizes, indices; with `expected`,
// a file of another key is Stale at once, unread), acceptPreparedMap then checks it against the key and
// the boundary count, and gives the parts' memory back when they cannot be used.
struct PreparedMapFile {
    CacheReadResult read;       // Used: whole and consistent, not yet checked against a key
    PreparedMapKey key{};       // the key it was written for
    uint32_t featureLimit = 0;  // the highest feature number its levels use (1-based)
};
PreparedMapFile readPreparedMapFile(const std::string& file, const PreparedMapKey* expected = nullptr);
CacheReadResult acceptPreparedMap(PreparedMapFile&& read, const std::string& file, const PreparedMapKey& key,
                                  size_t boundaryCount);

// Writes the parts atomically; then leaves at most `keepFiles` cache files in the folder (the least
// recently used go). Creates the folder. Returns an empty string, or why nothing was written.
struct CachedMapPartsView {
    const PreparedVectorLayer& boundaryLayer;
    const std::vector<LabelRequest>& boundaryLabels;
    const std::vector<double>& boundaryAreaKm2;
};
std::string writePreparedMap(const std::string& file, const PreparedMapKey& key, const CachedMapPartsView& parts,
                             size_t keepFiles = 32);

}  // namespace samenkaart::mapping
