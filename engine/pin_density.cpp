#include "engine/pin_density.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/safe_write.hpp"
#include "engine/spatial_reference.hpp"

namespace samenkaart {
namespace {

constexpr const char* kUnit = "pins per km\xC2\xB2";  // UTF-8, as GDAL stores text
constexpr double kSquareMetresPerKm2 = 1e6;

[[noreturn]] void refuse(const std::string& cause) { throw Error("pin density", cause, ErrorKind::BadInput); }

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", v);
    return text;
}

// The kernel's weights on the row dy cells north or south of a pin's cell, for dx = -halfWidth ..
// halfWidth: every cell whose centre lies closer than the radius to the pin's cell centre.
struct StencilRow {
    int halfWidth = 0;
    std::vector<float> weights;
};

// The quartic kernel sampled at cell centres, normalised to sum to exactly 1 (so each pin adds one pin
// to the grid's total whatever the sampling's error), times what turns a count in one cell into pins
// per km². Row dy + reach holds the cells dy rows north or south of the pin's cell.
struct Stencil {
    int reach = 0;  // the largest |dx| or |dy| inside the radius: how far a pin's cell reaches
    std::vector<StencilRow> rows;
};

// `areal`: square map units per square metre on the ground (the weights give pins per true km²).
Stencil makeStencil(double cellSize, double radius, double areal) {
    const double r2 = radius * radius;
    const double c2 = cellSize * cellSize;
    // One test for the reach, the rows' widths and the weights, so they agree to the last bit.
    auto squaredDistance = [&](int dx, int dy) { return static_cast<double>(dx * dx + dy * dy) * c2; };
    Stencil s;
    while (squaredDistance(s.reach + 1, 0) < r2) ++s.reach;
    s.rows.resize(static_cast<size_t>(2 * s.reach + 1));
    std::vector<std::vector<double>> raw(s.rows.size());
    double sum = 0.0;
    for (int dy = -s.reach; dy <= s.reach; ++dy) {
        StencilRow& row = s.rows[static_cast<size_t>(dy + s.reach)];
        while (squaredDistance(row.halfWidth + 1, dy) < r2) ++row.halfWidth;
        std::vector<double>& w = raw[static_cast<size_t>(dy + s.reach)];
        for (int dx = -row.halfWidth; dx <= row.halfWidth; ++dx) {
            const double u = 1.0 - squaredDistance(dx, dy) / r2;
            w.push_back(u * u);  // 3 / (pi R²) is a constant factor: normalising takes it out
            sum += u * u;
        }
    }
    const double scale = kSquareMetresPerKm2 * areal / (c2 * sum);
    for (size_t i = 0; i < s.rows.size(); ++i)
        for (double w : raw[i]) s.rows[i].weights.push_back(static_cast<float>(w * scale));
    return s;
}

// Adds count x stencil row to the output row `out` for every cell of one row of counts, first to last
// (`counts` as floats). Column c of the counts, which have a margin of `reach` cells, is column
// c - reach of the output; output columns outside 0 .. columns-1 are not there and are left out.
void spreadDenseRow(const std::vector<float>& counts, int first, int last, const StencilRow& s, int reach, int columns,
                    float* out) {
    const int h = s.halfWidth;
    for (int dx = -h; dx <= h; ++dx) {
        const int lo = std::max(first, reach - dx);
        const int hi = std::min(last, columns - 1 + reach - dx);
        if (lo > hi) continue;
        const float w = s.weights[static_cast<size_t>(dx + h)];
        float* o = out + (lo - reach + dx);
        const float* in = counts.data() + lo;
        const int n = hi - lo + 1;
        for (int k = 0; k < n; ++k) o[k] += w * in[k];
    }
}

struct PinCell {
    int column;
    float count;
};

// The same for a row with few pin cells: each one's stencil row, without walking the empty ones.
void spreadSparseRow(const std::vector<PinCell>& cells, const StencilRow& s, int reach, int columns, float* out) {
    const int h = s.halfWidth;
    for (const PinCell& cell : cells) {
        const int lo = std::max(-h, reach - cell.column);
        const int hi = std::min(h, columns - 1 + reach - cell.column);
        if (lo > hi) continue;
        float* o = out + (cell.column - reach + lo);
        const float* w = s.weights.data() + (lo + h);
        const float n = cell.count;
        for (int k = 0; k <= hi - lo; ++k) o[k] += n * w[k];
    }
}

DensityGrid emptyGrid(const Bbox& area, double cellSize, double radius) {
    if (!std::isfinite(cellSize) || cellSize <= 0.0)
        refuse("the cell size must be a positive number of metres (got " + number(cellSize) + ")");
    if (!std::isfinite(radius) || radius <= 0.0)
        refuse("the radius must be a positive number of metres (got " + number(radius) + ")");
    if (cellSize > radius / 4.0)
        refuse("a cell of " + number(cellSize) + " m is too coarse for a radius of " + number(radius) +
               " m: cells may be at most a quarter of the radius (" + number(radius / 4.0) +
               " m); choose a smaller area or a larger radius");
    if (radius / cellSize > kMaxDensityRadiusInCells)
        refuse("a cell of " + number(cellSize) + " m is too fine for a radius of " + number(radius) +
               " m: the radius may span at most " + number(kMaxDensityRadiusInCells) + " cells (cells of at least " +
               number(radius / kMaxDensityRadiusInCells) + " m)");
    if (area.empty() || !std::isfinite(area.minx) || !std::isfinite(area.miny) || !std::isfinite(area.maxx) ||
        !std::isfinite(area.maxy))
        refuse("the area is empty or has no coordinates");
    if (area.width() <= 0.0 || area.height() <= 0.0)
        refuse("the area has no size (" + number(area.width()) + " m by " + number(area.height()) + " m)");
    // A sliver of a millionth of a cell is rounding in the area's edges, not a column of its own.
    const double columns = std::max(1.0, std::ceil(area.width() / cellSize - 1e-6));
    const double rows = std::max(1.0, std::ceil(area.height() / cellSize - 1e-6));
    if (columns * rows > static_cast<double>(kMaxDensityCells))
        refuse("a grid of " + number(columns) + " by " + number(rows) + " cells of " + number(cellSize) +
               " m is more than " + number(static_cast<double>(kMaxDensityCells)) +
               " cells; choose a smaller area or larger cells");
    DensityGrid grid;
    grid.cellSize = cellSize;
    grid.radius = radius;
    grid.columns = static_cast<int>(columns);
    grid.rows = static_cast<int>(rows);
    grid.extent = {area.minx, area.maxy - rows * cellSize, area.minx + columns * cellSize, area.maxy};
    return grid;
}

constexpr double kInfinity = std::numeric_limits<double>::infinity();

constexpr std::array<DensityClass, 10> kClasses{{
    {0.5, 1.0, {255, 237, 160, 140}},
    {1.0, 2.0, {254, 221, 127, 147}},
    {2.0, 5.0, {254, 195, 95, 153}},
    {5.0, 10.0, {254, 166, 71, 160}},
    {10.0, 20.0, {253, 134, 58, 167}},
    {20.0, 50.0, {252, 85, 44, 173}},
    {50.0, 100.0, {235, 43, 33, 180}},
    {100.0, 200.0, {210, 14, 32, 187}},
    {200.0, 500.0, {175, 0, 38, 193}},
    {500.0, kInfinity, {128, 0, 38, 200}},
}};
static_assert(kClasses.front().from == kDensityThreshold);

// The choropleth's per-km² scale: one class below the density's (YlOrRd's palest step), then the same.
constexpr std::array<DensityClass, 11> kPerKm2Classes = [] {
    std::array<DensityClass, 11> classes{};
    classes[0] = {0.0, kDensityThreshold, {255, 255, 204, 150}};
    for (size_t i = 0; i < kClasses.size(); ++i) classes[i + 1] = kClasses[i];
    return classes;
}();

// Pins per buurt: a 1-2-5 series from one pin, in the density's colours.
constexpr std::array<DensityClass, 10> kCountClasses = [] {
    constexpr std::array<double, 11> bounds{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, kInfinity};
    std::array<DensityClass, 10> classes{};
    for (size_t i = 0; i < classes.size(); ++i) classes[i] = {bounds[i], bounds[i + 1], kClasses[i].colour};
    return classes;
}();

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

}  // namespace

DensityGrid estimatePinDensity(std::span<const Point> pins, const Bbox& area, double cellMetres, double radiusMetres,
                               double mapUnitsPerMetre) {
    if (!std::isfinite(mapUnitsPerMetre) || mapUnitsPerMetre <= 0.0)
        refuse("the map's scale must be a positive number of map units per metre (got " + number(mapUnitsPerMetre) +
               ")");
    const double cellSize = cellMetres * mapUnitsPerMetre;
    const double radius = radiusMetres * mapUnitsPerMetre;
    DensityGrid grid = emptyGrid(area, cellSize, radius);
    grid.radius = radiusMetres;
    grid.mapUnitsPerMetre = mapUnitsPerMetre;
    const int columns = grid.columns, rows = grid.rows;
    grid.values.assign(static_cast<size_t>(columns) * static_cast<size_t>(rows), 0.0f);

    // A pin's cell up to `reach` cells outside the grid still reaches its edge: the counts get a
    // margin of that many cells on every side.
    const Stencil stencil = makeStencil(cellSize, radius, mapUnitsPerMetre * mapUnitsPerMetre);
    const int reach = stencil.reach;
    const int paddedColumns = columns + 2 * reach, paddedRows = rows + 2 * reach;
    const double west = grid.extent.minx - reach * cellSize;
    const double north = grid.extent.maxy + reach * cellSize;

    std::vector<uint32_t> counts(static_cast<size_t>(paddedColumns) * static_cast<size_t>(paddedRows), 0);
    for (const Point& p : pins) {
        const double fx = (p.x - west) / cellSize;
        const double fy = (north - p.y) / cellSize;
        // A pin whose cell lies beyond the margin cannot reach the grid; written so that NaN fails too.
        if (!(fx >= 0.0 && fx < paddedColumns && fy >= 0.0 && fy < paddedRows)) continue;
        ++counts[static_cast<size_t>(fy) * static_cast<size_t>(paddedColumns) + static_cast<size_t>(fx)];
        ++grid.pins;
    }
    if (grid.pins == 0) return grid;

    // Spread row by row: a row of counts feeds the 2 * reach + 1 output rows its stencil reaches.
    // A crowded row goes column by column over its whole span (long, vectorised runs); a row with
    // few pin cells goes pin cell by pin cell, so empty country costs nothing. A float holds a count
    // exactly up to 16.7 million pins in one cell.
    std::vector<float> rowCounts(static_cast<size_t>(paddedColumns), 0.0f);
    std::vector<PinCell> cells;
    cells.reserve(static_cast<size_t>(paddedColumns));
    for (int ri = 0; ri < paddedRows; ++ri) {
        const uint32_t* in = counts.data() + static_cast<size_t>(ri) * static_cast<size_t>(paddedColumns);
        int first = -1, last = -1, pinCells = 0;
        for (int c = 0; c < paddedColumns; ++c) {
            if (in[c] == 0) continue;
            if (first < 0) first = c;
            last = c;
            ++pinCells;
        }
        if (pinCells == 0) continue;
        const bool sparse = pinCells * 4 < last - first + 1;
        if (sparse) {
            cells.clear();
            for (int c = first; c <= last; ++c)
                if (in[c] != 0) cells.push_back({c, static_cast<float>(in[c])});
        } else {
            for (int c = first; c <= last; ++c) rowCounts[static_cast<size_t>(c)] = static_cast<float>(in[c]);
        }
        for (int dy = -reach; dy <= reach; ++dy) {
            const int ro = ri - reach + dy;
            if (ro < 0 || ro >= rows) continue;
            const StencilRow& s = stencil.rows[static_cast<size_t>(dy + reach)];
            float* out = grid.values.data() + static_cast<size_t>(ro) * static_cast<size_t>(columns);
            if (sparse)
                spreadSparseRow(cells, s, reach, columns, out);
            else
                spreadDenseRow(rowCounts, first, last, s, reach, columns, out);
        }
    }
    return grid;
}

std::span<const DensityClass> densityClasses() { return kClasses; }

std::optional<size_t> densityClassOf(double pinsPerKm2) {
    if (!(pinsPerKm2 >= kDensityThreshold)) return std::nullopt;  // NaN too
    size_t i = 0;
    while (i + 1 < kClasses.size() && pinsPerKm2 >= kClasses[i + 1].from) ++i;
    return i;
}

std::span<const DensityClass> choroplethClasses(ChoroplethMeasure measure) {
    if (measure == ChoroplethMeasure::PinsPerKm2) return kPerKm2Classes;
    return kCountClasses;
}

std::optional<size_t> choroplethClassOf(ChoroplethMeasure measure, double value) {
    const std::span<const DensityClass> classes = choroplethClasses(measure);
    if (!(value > 0.0) || value < classes.front().from) return std::nullopt;  // NaN too
    size_t i = 0;
    while (i + 1 < classes.size() && value >= classes[i + 1].from) ++i;
    return i;
}

std::vector<uint8_t> densityImage(const DensityGrid& grid) {
    std::vector<uint8_t> rgba(grid.values.size() * 4, 0);
    for (size_t i = 0; i < grid.values.size(); ++i) {
        const std::optional<size_t> k = densityClassOf(grid.values[i]);
        if (!k) continue;
        const DensityColour& c = kClasses[*k].colour;
        uint8_t* px = rgba.data() + i * 4;
        px[0] = c.r;
        px[1] = c.g;
        px[2] = c.b;
        px[3] = c.a;
    }
    return rgba;
}

void writeDensityGeoTiff(const std::string& path, const DensityGrid& grid, const std::string& crsDefinition) {
    if (grid.columns <= 0 || grid.rows <= 0 ||
        grid.values.size() != static_cast<size_t>(grid.columns) * static_cast<size_t>(grid.rows))
        throw Error(path, "there is no density grid to write", ErrorKind::BadInput);
    ensureGdalRegistered();
    const SpatialRefPtr srs = makeSpatialRef(crsDefinition, path);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw Error(path, "this GDAL has no GeoTIFF driver", ErrorKind::Unsupported);
    PendingFile file(path, Existing::Replace);
    {
        GdalMessageCapture capture;
        // Mostly zeros, smooth elsewhere: the floating-point predictor lets DEFLATE shrink it well.
        const char* options[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", nullptr};
        std::unique_ptr<GDALDataset, DatasetCloser> ds(
            driver->Create(file.path().c_str(), grid.columns, grid.rows, 1, GDT_Float32, const_cast<char**>(options)));
        if (!ds)
            throw Error(path, "cannot create the GeoTIFF: " + capture.lastMessage("unknown reason"),
                        capture.lastKind());
        double transform[6] = {grid.extent.minx, grid.cellSize, 0.0, grid.extent.maxy, 0.0, -grid.cellSize};
        ds->SetGeoTransform(transform);
        ds->SetSpatialRef(srs.get());
        ds->SetMetadataItem("kernel", "quartic (biweight): 3 / (pi r^2) * (1 - d^2 / r^2)^2 for d < r");
        ds->SetMetadataItem("radius_m", number(grid.radius).c_str());
        ds->SetMetadataItem("cell_m", number(grid.cellSize / grid.mapUnitsPerMetre).c_str());  // on the ground
        ds->SetMetadataItem("map_units_per_metre", number(grid.mapUnitsPerMetre).c_str());
        ds->SetMetadataItem("pins", std::to_string(grid.pins).c_str());
        ds->SetMetadataItem("unit", kUnit);
        GDALRasterBand* band = ds->GetRasterBand(1);
        band->SetDescription(kUnit);
        band->SetUnitType(kUnit);
        if (band->RasterIO(GF_Write, 0, 0, grid.columns, grid.rows, const_cast<float*>(grid.values.data()),
                           grid.columns, grid.rows, GDT_Float32, 0, 0, nullptr) != CE_None)
            throw Error(path, "cannot write the GeoTIFF: " + capture.lastMessage("unknown reason"), capture.lastKind());
        ds.reset();  // GDAL writes the last tiles and the header here
        if (!capture.errors().empty())
            throw Error(path, "cannot write the GeoTIFF: " + capture.lastMessage("unknown reason"), capture.lastKind());
    }
    file.commit();
}

}  // namespace samenkaart
