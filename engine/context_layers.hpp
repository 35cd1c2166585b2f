// Context layers: what helps residents find their way on the map (streets, buildings, places, an
// aerial photo or basemap), read offline from any GDAL source and reprojected to the map CRS. The
// list, with visibility, opacity and order, is saved in the project.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/project.hpp"

namespace samenkaart {

enum class ContextKind { Vector, Raster };

struct ContextLayer {
    int64_t id = 0;
    std::string source;                // absolute path or /vsi path
    std::optional<std::string> layer;  // one layer of a multi-layer source; all when empty
    ContextKind kind = ContextKind::Vector;
    std::string title;
    bool visible = true;
    float opacity = 1.0f;
    int sortOrder = 0;  // drawn bottom to top
};

class ContextLayerStore {
public:
    explicit ContextLayerStore(Database& db) : db_(db) {}

    std::vector<ContextLayer> list();
    // Checks that GDAL can read the source (throws Error naming it), decides raster or vector and
    // appends the layer on top. Returns its id.
    int64_t add(const std::string& source, const std::optional<std::string>& layer = std::nullopt,
                const std::optional<std::string>& title = std::nullopt);
    void remove(int64_t id);
    void setVisible(int64_t id, bool visible);
    void setOpacity(int64_t id, float opacity);
    // Swaps the layer with its neighbour below (-1) or above (+1); no-op at the ends.
    void move(int64_t id, int direction);

private:
    ContextLayer get(int64_t id);
    Database& db_;
};

struct VectorContextData {
    std::vector<MultiPolygon> polygons;
    std::vector<MultiLineString> lines;
    std::vector<Point> points;
    std::vector<std::string> pointNames;
    Bbox extent;
    std::vector<std::string> warnings;
};

struct RasterContextData {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;  // top row first
    Bbox bounds;                // map CRS
};

// Reads a vector context layer into the map CRS. Throws Error naming the source.
VectorContextData readVectorContext(const ContextLayer& layer, const std::string& mapCrs);

// Warps a raster into the map CRS at most maxSide pixels on its longer side. Throws Error.
RasterContextData readRasterContext(const ContextLayer& layer, const std::string& mapCrs, int maxSide = 4096);

}  // namespace samenkaart
