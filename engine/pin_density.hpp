// Where pins crowd together, as pins per km² on a regular grid (a kernel density estimate), with one
// fixed colour scale and a GeoTIFF writer. The scale is fixed on purpose: QGIS's heatmap renderer and
// Leaflet.heat stretch their colours to the largest value in view, so the same colour means a different
// density in every picture and two neighbourhoods cannot be compared. Here a colour always means the
// same number of pins per km², in the window, in a rendered map and in any two projects.
//
// The kernel is the quartic (biweight) kernel K(d) = 3 / (pi R²) * (1 - d²/R²)² for d < R, 0 beyond:
// the kernel QGIS's heatmap uses by default, so the picture reads as people who know QGIS expect. It
// integrates to 1 over its disc, so each pin adds exactly one pin to the grid's total.
//
// How it is computed, and the error that makes: pins are counted per grid cell (binning), then every
// cell's count is spread over its neighbours with a stencil of the kernel sampled at cell centres,
// its weights normalised to sum to exactly 1. The integral of the grid over an area that holds every
// pin's whole disc is therefore the number of pins, up to float rounding (about 1e-6 relative).
// - Binning moves each pin to its cell's centre, at most cell·√2/2 away (53 m for a 75 m cell): the
//   pin's disc moves with it, its total does not. At one place the value then differs from the exact
//   estimate by at most 1.09 · cell / R of one pin's peak per pin (the kernel's steepest slope times
//   the move): 27 % of a peak at cell = R/4, 9 % with 25 m cells and the default 300 m radius. Hence
//   the rule cell <= R/4.
// - Normalising the sampled stencil changes the peak from the kernel's 3 / (pi R²) by the sampling's
//   own error: at most 0.16 % for any cell <= R/4 (0.16 % at R/4, 0.02 % at R/6, 0.005 % at R/12).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/geometry.hpp"

namespace samenkaart {

// The radius that suits a neighbourhood: a pin is seen as a smudge a street or two across.
inline constexpr double kDefaultDensityRadius = 300.0;
// Finer cells than radius / 50 show nothing the eye can tell apart, and the work grows with the
// square of radius / cell.
inline constexpr double kMaxDensityRadiusInCells = 50.0;
// Above this many cells a grid is refused before anything is allocated (400 MB of values alone).
inline constexpr size_t kMaxDensityCells = 100'000'000;

struct DensityGrid {
    // The cells' outer edges: the area's west and north edges, whole cells to the east and south
    // (the last column and row may reach past the area by less than a cell).
    Bbox extent;
    double cellSize = 0.0;          // map units, square cells
    double radius = 0.0;            // the kernel's radius, metres on the ground
    double mapUnitsPerMetre = 1.0;  // the map CRS's scale the grid was estimated with
    int columns = 0;
    int rows = 0;
    // Pins that reach the grid: with a position, and in a cell no farther than the radius from it.
    size_t pins = 0;
    // Pins per km², row 0 the northern row (as a GeoTIFF and an image store them), west to east.
    std::vector<float> values;

    float at(int column, int row) const {
        return values[static_cast<size_t>(row) * static_cast<size_t>(columns) + static_cast<size_t>(column)];
    }
    Point cellCentre(int column, int row) const {
        return {extent.minx + (column + 0.5) * cellSize, extent.maxy - (row + 0.5) * cellSize};
    }
};

// The density of `pins` (map CRS) over `area` (map CRS), in pins per km² of the earth's surface. The
// cell and the radius are metres on the ground: `mapUnitsPerMetre` (engine/crs.hpp mapUnitsPerMetre:
// 1 in RD New to 0.01 %, about 1.64 over the Netherlands in Web Mercator) turns them into map units
// and the values into true km²; grid.cellSize is then in map units. Pins without a position (NaN)
// are skipped; pins outside the area still count where their disc reaches into it. Throws Error
// (BadInput) for an area of no size, a cell, radius or scale that is not a positive number, a cell
// larger than radius / 4 or smaller than radius / 50, and a grid of more than kMaxDensityCells cells.
DensityGrid estimatePinDensity(std::span<const Point> pins, const Bbox& area, double cellSize,
                               double radius = kDefaultDensityRadius, double mapUnitsPerMetre = 1.0);

struct DensityColour {
    uint8_t r = 0, g = 0, b = 0;
    uint8_t a = 0;  // straight alpha (not premultiplied)
    friend bool operator==(const DensityColour&, const DensityColour&) = default;
};

// One step of the fixed scale: values in [from, to) pins per km² get `colour`. `from` and `to` are the
// legend's text (the front end formats them); the last class's `to` is infinity ("500 and more").
struct DensityClass {
    double from = 0.0;
    double to = 0.0;
    DensityColour colour;
};

// Below this many pins per km² a cell is transparent: the thin rim of every disc (a lone pin's density
// falls below it 265 m from the pin at the default radius), and float dust.
inline constexpr double kDensityThreshold = 0.5;

// The fixed scale, lowest first: 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500 and more pins per km². A
// 1-2-5 series, because densities of pins range over three orders of magnitude: a lone pin peaks at
// 10.6 per km² with the default radius, a street where twenty residents pinned the same crossing
// passes 200. The colours are ColorBrewer's YlOrRd (sequential, safe for colour-blind readers) without
// its palest step, which vanishes on a light base map, interpolated to ten steps; light means few.
// Alpha rises from 55 % to 78 %, so the boundaries and streets underneath stay visible.
std::span<const DensityClass> densityClasses();

// The index into densityClasses() of the class holding `pinsPerKm2`; nullopt below kDensityThreshold
// (transparent) and for NaN. The same value always has the same class, whatever grid it came from.
std::optional<size_t> densityClassOf(double pinsPerKm2);

// The choropleth (pins per buurt, mapping/pin_choropleth.hpp) has fixed scales too. Per km²: the
// density's classes and colours, so that a colour means the same number of pins per km² in both
// views, and below them one class more ("under 0.5", YlOrRd's palest step), since a buurt with a pin
// is never left blank. Count: 1, 2, 5, 10, 20, 50, 100, 200, 500 and 1,000 and more pins, in the same
// ten colours. A buurt without pins has no class (no fill).
enum class ChoroplethMeasure : uint8_t { PinsPerKm2, Count };
std::span<const DensityClass> choroplethClasses(ChoroplethMeasure measure);
// nullopt for 0, a negative value and NaN.
std::optional<size_t> choroplethClassOf(ChoroplethMeasure measure, double value);

// The grid as an RGBA image to draw over the map: columns x rows pixels, 4 bytes each, top row first,
// straight alpha; cells below the threshold are (0, 0, 0, 0).
std::vector<uint8_t> densityImage(const DensityGrid& grid);

// Writes the grid as a one-band Float32 GeoTIFF, north up, in the CRS `crsDefinition` (what
// MapCrs::definition holds: "EPSG:28992" or WKT). The band is described as "pins per km²"; the
// dataset's metadata names the kernel, radius_m, cell_m, pins and unit. No nodata value: 0 is a real
// density. Written beside the target and renamed into place (engine/safe_write.hpp), replacing a file
// there; throws Error naming `path` with the cause and its kind, and leaves no half-written file.
void writeDensityGeoTiff(const std::string& path, const DensityGrid& grid, const std::string& crsDefinition);

}  // namespace samenkaart
