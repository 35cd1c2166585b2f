// engine/pin_density: a kernel density of pins in pins per km², its fixed colour scale, and its
// GeoTIFF. The grid must hold every pin exactly once, have the quartic kernel's shape and peak, end
// at the radius, not depend on where the area's edges are, and colour a density the same in any grid.
#include <cpl_conv.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_srs_api.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/pin_density.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;
namespace fs = std::filesystem;

namespace {

// Somewhere in Utrecht, in RD New metres.
constexpr double kWest = 135000.0, kSouth = 455000.0;

std::vector<Point> randomPins(uint64_t seed, size_t n, const Bbox& box) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> x(box.minx, box.maxx), y(box.miny, box.maxy);
    std::vector<Point> pins(n);
    for (Point& p : pins) p = {x(random), y(random)};
    return pins;
}

// The grid's total in pins: density times each cell's area.
double pinsIn(const DensityGrid& grid) {
    double sum = 0.0;
    for (float v : grid.values) sum += v;
    const double cellMetres = grid.cellSize / grid.mapUnitsPerMetre;  // values are per km² on the ground
    return sum * cellMetres * cellMetres / 1e6;
}

// The quartic kernel's value at its centre, in pins per km².
double kernelPeak(double radius) { return 1e6 * 3.0 / (std::numbers::pi * radius * radius); }

Bbox shrunk(const Bbox& b, double by) { return {b.minx + by, b.miny + by, b.maxx - by, b.maxy - by}; }

size_t filesIn(const std::string& dir) {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

// The Error estimatePinDensity throws for these arguments, or a failure.
Error refusal(const Bbox& area, double cellSize, double radius) {
    try {
        estimatePinDensity({}, area, cellSize, radius);
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error for cell " << cellSize << ", radius " << radius;
    return Error("", "");
}

struct GdalDatasetCloser {
    void operator()(void* ds) const { GDALClose(ds); }
};
using OpenedDataset = std::unique_ptr<void, GdalDatasetCloser>;

}  // namespace

TEST(PinDensity, TheGridHoldsEveryPinExactlyOnce) {
    const Bbox area{kWest, kSouth, kWest + 4000.0, kSouth + 3000.0};
    const double radius = 300.0;
    // R/4 is where the sampled stencil is furthest from summing to 1 (0.16 %) before normalising.
    for (double cell : {75.0, 50.0, 25.0}) {
        for (uint64_t seed = 1; seed <= 4; ++seed) {
            // Every pin's whole disc inside the area, even after binning moves it half a cell.
            const auto pins = randomPins(seed, 5000, shrunk(area, radius + cell));
            const DensityGrid grid = estimatePinDensity(pins, area, cell, radius);
            EXPECT_EQ(grid.pins, pins.size());
            EXPECT_NEAR(pinsIn(grid), 5000.0, 5000.0 * 1e-5) << "cell " << cell << ", seed " << seed;
        }
    }
    // Pins just far enough from every edge and corner that their discs still fit.
    const double cell = 25.0, margin = radius + cell;
    std::vector<Point> nearEdges;
    for (double x : {area.minx + margin, area.center().x, area.maxx - margin})
        for (double y : {area.miny + margin, area.center().y, area.maxy - margin}) nearEdges.push_back({x, y});
    EXPECT_NEAR(pinsIn(estimatePinDensity(nearEdges, area, cell, radius)), 9.0, 9.0 * 1e-5);
    // Fifty thousand residents who all pinned the same bench.
    const std::vector<Point> oneSpot(50000, area.center());
    const DensityGrid crowded = estimatePinDensity(oneSpot, area, cell, radius);
    EXPECT_NEAR(pinsIn(crowded), 50000.0, 50000.0 * 1e-5);
}

TEST(PinDensity, PinsOutsideTheAreaReachIntoIt) {
    // A grid over a large area, and one over a part of it on the same cells: the part must see the
    // pins beyond its edges exactly as the large grid does.
    const double cell = 25.0, radius = 300.0;
    const Bbox large{kWest, kSouth, kWest + 5000.0, kSouth + 5000.0};
    const Bbox part{kWest + 40 * cell, kSouth + 60 * cell, kWest + 140 * cell, kSouth + 150 * cell};
    const auto pins = randomPins(7, 20000, large);
    const DensityGrid whole = estimatePinDensity(pins, large, cell, radius);
    const DensityGrid cut = estimatePinDensity(pins, part, cell, radius);
    ASSERT_EQ(cut.columns, 100);
    ASSERT_EQ(cut.rows, 90);
    EXPECT_LT(cut.pins, whole.pins);
    const int columnOffset = 40, rowOffset = whole.rows - 150;  // rows count from the north
    size_t compared = 0;
    for (int row = 0; row < cut.rows; ++row) {
        for (int column = 0; column < cut.columns; ++column) {
            const float expected = whole.at(column + columnOffset, row + rowOffset);
            ASSERT_NEAR(cut.at(column, row), expected, 1e-5 * expected + 1e-4) << column << ", " << row;
            ++compared;
        }
    }
    EXPECT_EQ(compared, 9000u);
    EXPECT_GT(cut.at(0, 0), 0.0f);  // a corner cell, fed by pins outside the part
}

TEST(PinDensity, ALonePinHasTheQuarticKernelsPeakAndShape) {
    const double radius = 300.0;
    // The documented tolerance: normalising the sampled stencil moves the peak by at most 0.16 %.
    for (double cell : {75.0, 60.0, 46.0, 25.0, 6.0}) {
        const Bbox area{kWest, kSouth, kWest + 2000.0, kSouth + 2000.0};
        const Point pin{kWest + 1013.7, kSouth + 988.2};
        const std::vector<Point> pins{pin};
        const DensityGrid grid = estimatePinDensity(pins, area, cell, radius);
        const int pinColumn = static_cast<int>((pin.x - area.minx) / cell);
        const int pinRow = static_cast<int>((area.maxy - pin.y) / cell);
        const float peak = grid.at(pinColumn, pinRow);
        EXPECT_NEAR(peak, kernelPeak(radius), kernelPeak(radius) * 0.0016) << "cell " << cell;
        for (float v : grid.values) EXPECT_LE(v, peak);
        // Away from the centre the values fall as (1 - d²/R²)², d from the pin's cell centre.
        for (int d : {1, 2, 3}) {
            const double u = d * cell / radius;
            EXPECT_NEAR(grid.at(pinColumn + d, pinRow) / peak, (1 - u * u) * (1 - u * u), 1e-5) << cell << " " << d;
            // Diagonally: d√2 cells away, which at R/4 and d = 3 is outside the radius.
            const double diagonal = 2 * u * u < 1 ? (1 - 2 * u * u) * (1 - 2 * u * u) : 0.0;
            EXPECT_NEAR(grid.at(pinColumn - d, pinRow + d) / peak, diagonal, 1e-5) << cell << " " << d;
        }
    }
}

TEST(PinDensity, NothingFartherThanTheRadius) {
    const double cell = 25.0, radius = 300.0;
    const Bbox area{kWest, kSouth, kWest + 6000.0, kSouth + 4000.0};
    const auto pins = randomPins(3, 12, area);
    const DensityGrid grid = estimatePinDensity(pins, area, cell, radius);
    // Binning moves a pin by up to half a cell's diagonal; beyond that band the answer is certain.
    const double band = cell * std::sqrt(0.5);
    size_t zeros = 0, positives = 0;
    for (int row = 0; row < grid.rows; ++row) {
        for (int column = 0; column < grid.columns; ++column) {
            const Point c = grid.cellCentre(column, row);
            double nearest = std::numeric_limits<double>::infinity();
            for (const Point& p : pins) nearest = std::min(nearest, std::hypot(p.x - c.x, p.y - c.y));
            if (nearest >= radius + band) {
                ASSERT_EQ(grid.at(column, row), 0.0f) << column << ", " << row << " is " << nearest << " m away";
                ++zeros;
            } else if (nearest < radius - band) {
                ASSERT_GT(grid.at(column, row), 0.0f) << column << ", " << row << " is " << nearest << " m away";
                ++positives;
            }
        }
    }
    EXPECT_GT(zeros, 10000u);
    EXPECT_GT(positives, 1000u);
}

TEST(PinDensity, MovingPinsAndAreaByWholeCellsGivesTheSameGrid) {
    const double cell = 25.0, radius = 300.0;
    const Bbox area{kWest, kSouth, kWest + 3000.0, kSouth + 2000.0};
    // Positions well inside their cells, so no rounding of a sum can move one across a cell's edge;
    // some beyond the area's edges.
    std::mt19937_64 random(11);
    std::uniform_int_distribution<int> column(-10, 130), row(-10, 90);
    std::uniform_real_distribution<double> within(0.1, 0.9);
    std::vector<Point> pins(3000);
    for (Point& p : pins)
        p = {area.minx + (column(random) + within(random)) * cell, area.miny + (row(random) + within(random)) * cell};
    const DensityGrid before = estimatePinDensity(pins, area, cell, radius);
    const double dx = 17 * cell, dy = -9 * cell;
    std::vector<Point> moved = pins;
    for (Point& p : moved) p = {p.x + dx, p.y + dy};
    const DensityGrid after =
        estimatePinDensity(moved, {area.minx + dx, area.miny + dy, area.maxx + dx, area.maxy + dy}, cell, radius);
    EXPECT_EQ(after.columns, before.columns);
    EXPECT_EQ(after.rows, before.rows);
    EXPECT_EQ(after.pins, before.pins);
    EXPECT_DOUBLE_EQ(after.extent.minx, before.extent.minx + dx);
    EXPECT_DOUBLE_EQ(after.extent.maxy, before.extent.maxy + dy);
    EXPECT_TRUE(after.values == before.values);
    EXPECT_GT(pinsIn(before), 1000.0);
}

// The same pins on a map whose units are 1.64 to the metre (Web Mercator over the Netherlands): the
// kernel spans the same ground, so the grid has the same cells and the same pins per km².
TEST(PinDensity, MapUnitsThatAreNotMetresGiveTheSameDensityOnTheGround) {
    const double cell = 25.0, radius = 300.0, units = 1.64;
    const Bbox area{0.0, 0.0, 3000.0, 2000.0};
    std::mt19937_64 random(5);
    std::uniform_real_distribution<double> x(-200.0, 3200.0), y(-200.0, 2200.0);
    std::vector<Point> pins(2000), stretched(2000);
    for (size_t i = 0; i < pins.size(); ++i) {
        pins[i] = {x(random), y(random)};
        stretched[i] = {pins[i].x * units, pins[i].y * units};
    }
    const DensityGrid ground = estimatePinDensity(pins, area, cell, radius);
    const DensityGrid map =
        estimatePinDensity(stretched, {0.0, 0.0, 3000.0 * units, 2000.0 * units}, cell, radius, units);
    ASSERT_EQ(map.columns, ground.columns);
    ASSERT_EQ(map.rows, ground.rows);
    EXPECT_EQ(map.pins, ground.pins);
    EXPECT_DOUBLE_EQ(map.cellSize, cell * units);
    EXPECT_DOUBLE_EQ(map.radius, radius);
    double largest = 0.0;
    for (size_t i = 0; i < ground.values.size(); ++i) {
        EXPECT_NEAR(map.values[i], ground.values[i], 1e-3 * (1.0 + ground.values[i]));
        largest = std::max(largest, static_cast<double>(ground.values[i]));
    }
    EXPECT_GT(largest, 1.0);
    EXPECT_NEAR(pinsIn(map), pinsIn(ground), 1e-3 * pinsIn(ground));
    // Taken as metres, the stretched map would read 1.64² = 2.7 times too thin.
    const DensityGrid naive = estimatePinDensity(stretched, map.extent, cell * units, radius * units);
    const float naivePeak = *std::max_element(naive.values.begin(), naive.values.end());
    EXPECT_NEAR(naivePeak * units * units, largest, 1e-3 * largest);
    EXPECT_THROW(estimatePinDensity(pins, area, cell, radius, 0.0), Error);
    EXPECT_THROW(estimatePinDensity(pins, area, cell, radius, std::nan("")), Error);
}

TEST(PinDensity, NoPinsAndPinsWithoutAPosition) {
    const Bbox area{kWest, kSouth, kWest + 1000.0, kSouth + 500.0};
    const DensityGrid none = estimatePinDensity({}, area, 25.0);
    EXPECT_EQ(none.columns, 40);
    EXPECT_EQ(none.rows, 20);
    EXPECT_EQ(none.values.size(), 800u);
    EXPECT_EQ(none.pins, 0u);
    for (float v : none.values) EXPECT_EQ(v, 0.0f);

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<Point> good{{kWest + 300.0, kSouth + 250.0}, {kWest + 700.0, kSouth + 100.0}};
    std::vector<Point> mixed{{nan, kSouth + 100.0}, good[0], {kWest + 10.0, nan}, {nan, nan}, good[1], {inf, -inf}};
    // Far outside: counted nowhere.
    mixed.push_back({kWest - 50000.0, kSouth});
    const DensityGrid clean = estimatePinDensity(good, area, 25.0);
    const DensityGrid withGaps = estimatePinDensity(mixed, area, 25.0);
    EXPECT_EQ(withGaps.pins, 2u);
    EXPECT_TRUE(withGaps.values == clean.values);
    EXPECT_GT(pinsIn(clean), 1.0);
}

TEST(PinDensity, RefusesWhatItCannotComputeWithAClearMessage) {
    const Bbox area{kWest, kSouth, kWest + 1000.0, kSouth + 1000.0};
    auto expectRefusal = [](const Error& e, const std::string& words) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput) << e.what();
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    };
    expectRefusal(refusal(area, 80.0, 300.0), "cells may be at most a quarter of the radius (75 m)");
    expectRefusal(refusal(area, 5.0, 300.0), "the radius may span at most 50 cells");
    expectRefusal(refusal(area, 0.0, 300.0), "the cell size must be a positive number");
    expectRefusal(refusal(area, std::numeric_limits<double>::quiet_NaN(), 300.0), "the cell size must be");
    expectRefusal(refusal(area, 25.0, -300.0), "the radius must be a positive number");
    expectRefusal(refusal(Bbox{}, 25.0, 300.0), "the area is empty");
    expectRefusal(refusal({kWest, kSouth, kWest, kSouth + 1000.0}, 25.0, 300.0),
                  "the area has no size (0 m by 1000 m)");
    // All of Europe at 25 m: refused before 77 GB are asked for.
    expectRefusal(refusal({0.0, 0.0, 4'000'000.0, 3'000'000.0}, 25.0, 300.0), "more than 100000000 cells");
    // The limits themselves are allowed: R/4 and R/50.
    EXPECT_NO_THROW(estimatePinDensity({}, area, 75.0, 300.0));
    EXPECT_NO_THROW(estimatePinDensity({}, area, 6.0, 300.0));
}

TEST(DensityScale, IsOneRisingRampFromTheThreshold) {
    const auto classes = densityClasses();
    ASSERT_EQ(classes.size(), 10u);
    EXPECT_EQ(classes.front().from, kDensityThreshold);
    EXPECT_TRUE(std::isinf(classes.back().to));
    auto luminance = [](const DensityColour& c) {
        auto linear = [](uint8_t v) {
            const double s = v / 255.0;
            return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
    };
    for (size_t i = 0; i < classes.size(); ++i) {
        EXPECT_LT(classes[i].from, classes[i].to);
        EXPECT_GT(classes[i].colour.a, 0);
        EXPECT_LT(classes[i].colour.a, 255) << "the boundaries underneath must stay visible";
        if (i == 0) continue;
        EXPECT_EQ(classes[i].from, classes[i - 1].to) << "a gap or overlap before class " << i;
        EXPECT_LT(luminance(classes[i].colour), luminance(classes[i - 1].colour)) << "class " << i << " is lighter";
        EXPECT_GE(classes[i].colour.a, classes[i - 1].colour.a);
    }
}

TEST(DensityScale, ClassBoundaries) {
    EXPECT_EQ(densityClassOf(0.0), std::nullopt);
    EXPECT_EQ(densityClassOf(-3.0), std::nullopt);
    EXPECT_EQ(densityClassOf(0.4999), std::nullopt);
    EXPECT_EQ(densityClassOf(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
    EXPECT_EQ(densityClassOf(0.5), 0u);
    EXPECT_EQ(densityClassOf(0.999), 0u);
    EXPECT_EQ(densityClassOf(1.0), 1u);
    EXPECT_EQ(densityClassOf(4.99), 2u);
    EXPECT_EQ(densityClassOf(5.0), 3u);
    EXPECT_EQ(densityClassOf(kernelPeak(300.0)), 4u);  // a lone pin at the default radius: 10.6
    EXPECT_EQ(densityClassOf(199.9), 7u);
    EXPECT_EQ(densityClassOf(200.0), 8u);
    EXPECT_EQ(densityClassOf(499.99), 8u);
    EXPECT_EQ(densityClassOf(500.0), 9u);
    EXPECT_EQ(densityClassOf(1e9), 9u);
    EXPECT_EQ(densityClassOf(std::numeric_limits<double>::infinity()), 9u);
    for (size_t i = 0; i < densityClasses().size(); ++i) EXPECT_EQ(densityClassOf(densityClasses()[i].from), i);
}

// The choropleth's scales: per km² the density's own classes and colours (one colour, one density, in
// both views) with one class below them; counts a 1-2-5 series from one pin; no pins, no class.
TEST(ChoroplethScale, PerKm2IsTheDensityScaleWithOneClassBelow) {
    const auto perKm2 = choroplethClasses(ChoroplethMeasure::PinsPerKm2);
    ASSERT_EQ(perKm2.size(), densityClasses().size() + 1);
    EXPECT_EQ(perKm2[0].from, 0.0);
    EXPECT_EQ(perKm2[0].to, kDensityThreshold);
    for (size_t i = 0; i < densityClasses().size(); ++i) {
        EXPECT_EQ(perKm2[i + 1].from, densityClasses()[i].from);
        EXPECT_EQ(perKm2[i + 1].colour, densityClasses()[i].colour);
        // A buurt as dense as a density cell is coloured as that cell.
        EXPECT_EQ(choroplethClassOf(ChoroplethMeasure::PinsPerKm2, densityClasses()[i].from), i + 1);
    }
    EXPECT_EQ(choroplethClassOf(ChoroplethMeasure::PinsPerKm2, 0.01), 0u);
    EXPECT_EQ(choroplethClassOf(ChoroplethMeasure::PinsPerKm2, 0.0), std::nullopt);
    EXPECT_EQ(choroplethClassOf(ChoroplethMeasure::PinsPerKm2, -1.0), std::nullopt);
    EXPECT_EQ(choroplethClassOf(ChoroplethMeasure::PinsPerKm2, std::numeric_limits<double>::quiet_NaN()), std::nullopt);
}

TEST(ChoroplethScale, CountsFromOnePin) {
    const auto count = choroplethClasses(ChoroplethMeasure::Count);
    ASSERT_EQ(count.size(), 10u);
    const std::vector<std::pair<double, size_t>> cases{{1, 0},   {2, 1},    {4, 1},  {5, 2},   {9, 2},
                                                       {10, 3},  {49, 4},   {50, 5}, {199, 6}, {200, 7},
                                                       {999, 8}, {1000, 9}, {1e7, 9}};
    for (const auto& [pins, expected] : cases)
        EXPECT_EQ(choroplethClassOf(ChoroplethMeasure::Count, pins), expected) << pins;
    EXPECT_EQ(choroplethClassOf(ChoroplethMeasure::Count, 0.0), std::nullopt);
    for (size_t i = 0; i < count.size(); ++i) EXPECT_EQ(count[i].colour, densityClasses()[i].colour);
}

TEST(DensityScale, TheSameDensityHasTheSameColourWhateverElseIsInTheGrid) {
    // A lone pin, then the same pin with a crowd of a thousand 2 km away: a scale stretched to the
    // grid's maximum (QGIS's heatmap, Leaflet.heat) would paint the lone pin a thousand times paler.
    const double cell = 25.0;
    const Bbox area{kWest, kSouth, kWest + 3000.0, kSouth + 1000.0};
    const Point lone{kWest + 500.0, kSouth + 500.0};
    std::vector<Point> pins{lone};
    const DensityGrid alone = estimatePinDensity(pins, area, cell);
    pins.insert(pins.end(), 1000, Point{kWest + 2500.0, kSouth + 500.0});
    const DensityGrid crowded = estimatePinDensity(pins, area, cell);
    const std::vector<uint8_t> aloneImage = densityImage(alone);
    const std::vector<uint8_t> crowdedImage = densityImage(crowded);
    // The lone pin's neighbourhood: 20 columns either side.
    size_t coloured = 0;
    for (int row = 0; row < alone.rows; ++row) {
        for (int column = 0; column < 40; ++column) {
            ASSERT_EQ(alone.at(column, row), crowded.at(column, row));
            const size_t i = (static_cast<size_t>(row) * static_cast<size_t>(alone.columns) + column) * 4;
            for (size_t b = 0; b < 4; ++b) ASSERT_EQ(aloneImage[i + b], crowdedImage[i + b]) << column << ", " << row;
            if (aloneImage[i + 3] != 0) ++coloured;
        }
    }
    EXPECT_GT(coloured, 100u);
    const float crowdPeak = *std::max_element(crowded.values.begin(), crowded.values.end());
    EXPECT_EQ(densityClassOf(crowdPeak), densityClasses().size() - 1);
}

TEST(DensityScale, TheImageIsTopRowFirstWithEachCellsClassColour) {
    const double cell = 25.0;
    const Bbox area{kWest, kSouth, kWest + 2000.0, kSouth + 2000.0};
    // A cluster in the north-west corner only.
    const auto pins = randomPins(5, 40, {kWest + 100.0, kSouth + 1700.0, kWest + 400.0, kSouth + 1900.0});
    const DensityGrid grid = estimatePinDensity(pins, area, cell);
    const std::vector<uint8_t> image = densityImage(grid);
    ASSERT_EQ(image.size(), static_cast<size_t>(grid.columns * grid.rows * 4));
    size_t transparent = 0;
    for (int row = 0; row < grid.rows; ++row) {
        for (int column = 0; column < grid.columns; ++column) {
            const uint8_t* px = image.data() + (static_cast<size_t>(row * grid.columns + column)) * 4;
            const auto k = densityClassOf(grid.at(column, row));
            if (!k) {
                ASSERT_EQ(px[0] | px[1] | px[2] | px[3], 0);
                ++transparent;
                continue;
            }
            const DensityColour& c = densityClasses()[*k].colour;
            ASSERT_EQ(DensityColour({px[0], px[1], px[2], px[3]}), c) << column << ", " << row;
        }
    }
    EXPECT_GT(transparent, 3000u);
    // North is up: the cluster colours the image's top rows, and its bottom rows are empty.
    EXPECT_NE(image[(static_cast<size_t>(8 * grid.columns + 10)) * 4 + 3], 0);
    EXPECT_EQ(image[(static_cast<size_t>((grid.rows - 8) * grid.columns + 10)) * 4 + 3], 0);
}

TEST(DensityGeoTiff, ReadsBackAsWritten) {
    const std::string dir = test::makeTempDir("density-tiff");
    const std::string path = dir + "/density.tif";
    const double cell = 25.0;
    const Bbox area{kWest, kSouth, kWest + 2000.0, kSouth + 1500.0};
    const auto pins = randomPins(9, 500, area);
    const DensityGrid grid = estimatePinDensity(pins, area, cell);
    writeDensityGeoTiff(path, grid, "EPSG:28992");
    EXPECT_EQ(filesIn(dir), 1u) << "a partial or sidecar file was left beside the GeoTIFF";

    ensureGdalRegistered();
    OpenedDataset ds(GDALOpen(path.c_str(), GA_ReadOnly));
    ASSERT_TRUE(ds);
    EXPECT_STREQ(GDALGetDriverShortName(GDALGetDatasetDriver(ds.get())), "GTiff");
    EXPECT_EQ(GDALGetRasterXSize(ds.get()), 80);
    EXPECT_EQ(GDALGetRasterYSize(ds.get()), 60);
    ASSERT_EQ(GDALGetRasterCount(ds.get()), 1);
    double gt[6];
    ASSERT_EQ(GDALGetGeoTransform(ds.get(), gt), CE_None);
    EXPECT_DOUBLE_EQ(gt[0], kWest);
    EXPECT_DOUBLE_EQ(gt[1], cell);
    EXPECT_DOUBLE_EQ(gt[2], 0.0);
    EXPECT_DOUBLE_EQ(gt[3], kSouth + 1500.0);
    EXPECT_DOUBLE_EQ(gt[4], 0.0);
    EXPECT_DOUBLE_EQ(gt[5], -cell);
    OGRSpatialReferenceH srs = GDALGetSpatialRef(ds.get());
    ASSERT_NE(srs, nullptr);
    ASSERT_NE(OSRGetAuthorityCode(srs, nullptr), nullptr);
    EXPECT_STREQ(OSRGetAuthorityName(srs, nullptr), "EPSG");
    EXPECT_STREQ(OSRGetAuthorityCode(srs, nullptr), "28992");

    GDALRasterBandH band = GDALGetRasterBand(ds.get(), 1);
    EXPECT_EQ(GDALGetRasterDataType(band), GDT_Float32);
    EXPECT_STREQ(GDALGetDescription(band), "pins per km\xC2\xB2");
    int hasNoData = 1;
    GDALGetRasterNoDataValue(band, &hasNoData);
    EXPECT_FALSE(hasNoData) << "0 is a real density, not missing data";
    EXPECT_STREQ(GDALGetMetadataItem(ds.get(), "pins", nullptr), "500");
    EXPECT_STREQ(GDALGetMetadataItem(ds.get(), "radius_m", nullptr), "300");
    EXPECT_STREQ(GDALGetMetadataItem(ds.get(), "cell_m", nullptr), "25");
    EXPECT_STREQ(GDALGetMetadataItem(ds.get(), "unit", nullptr), "pins per km\xC2\xB2");
    ASSERT_NE(GDALGetMetadataItem(ds.get(), "kernel", nullptr), nullptr);
    EXPECT_NE(std::string(GDALGetMetadataItem(ds.get(), "kernel", nullptr)).find("quartic"), std::string::npos);

    std::vector<float> read(grid.values.size());
    ASSERT_EQ(GDALRasterIO(band, GF_Read, 0, 0, 80, 60, read.data(), 80, 60, GDT_Float32, 0, 0), CE_None);
    EXPECT_TRUE(read == grid.values);
    EXPECT_EQ(read[0], grid.at(0, 0));
    EXPECT_EQ(read[static_cast<size_t>(59 * 80 + 79)], grid.at(79, 59));
    EXPECT_GT(*std::max_element(read.begin(), read.end()), 0.0f);
}

TEST(DensityGeoTiff, ACrsWithoutEpsgCodeTravelsInTheFile) {
    const std::string dir = test::makeTempDir("density-tiff-custom");
    const std::string path = dir + "/density.tif";
    // A local transverse Mercator, as a municipality might define its own grid.
    const std::string crs = "+proj=tmerc +lat_0=52 +lon_0=5.3 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs";
    const DensityGrid grid = estimatePinDensity(std::vector<Point>{{500.0, 500.0}}, {0.0, 0.0, 1000.0, 1000.0}, 25.0);
    writeDensityGeoTiff(path, grid, crs);
    EXPECT_EQ(filesIn(dir), 1u) << "a partial or sidecar file was left beside the GeoTIFF";
    OpenedDataset ds(GDALOpen(path.c_str(), GA_ReadOnly));
    ASSERT_TRUE(ds);
    OGRSpatialReferenceH read = GDALGetSpatialRef(ds.get());
    ASSERT_NE(read, nullptr);
    OGRSpatialReferenceH expected = OSRNewSpatialReference(nullptr);
    ASSERT_EQ(OSRSetFromUserInput(expected, crs.c_str()), OGRERR_NONE);
    EXPECT_TRUE(OSRIsSame(read, expected));
    OSRDestroySpatialReference(expected);
}

TEST(DensityGeoTiff, ReplacesAnEarlierFile) {
    const std::string dir = test::makeTempDir("density-tiff-replace");
    const std::string path = dir + "/density.tif";
    const Bbox area{kWest, kSouth, kWest + 1000.0, kSouth + 1000.0};
    writeDensityGeoTiff(path, estimatePinDensity(randomPins(1, 10, area), area, 25.0), "EPSG:28992");
    writeDensityGeoTiff(path, estimatePinDensity(randomPins(2, 20, area), area, 25.0), "EPSG:28992");
    EXPECT_EQ(filesIn(dir), 1u);
    OpenedDataset ds(GDALOpen(path.c_str(), GA_ReadOnly));
    ASSERT_TRUE(ds);
    EXPECT_STREQ(GDALGetMetadataItem(ds.get(), "pins", nullptr), "20");
}

TEST(DensityGeoTiff, AFolderItCannotWriteInIsNamedAndNothingIsLeft) {
    const std::string dir = test::makeTempDir("density-tiff-missing");
    const std::string path = dir + "/no/such/folder/density.tif";
    const Bbox area{kWest, kSouth, kWest + 1000.0, kSouth + 1000.0};
    const DensityGrid grid = estimatePinDensity(randomPins(1, 10, area), area, 25.0);
    try {
        writeDensityGeoTiff(path, grid, "EPSG:28992");
        FAIL() << "wrote into a folder that is not there";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), path);
        EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    }
    EXPECT_EQ(filesIn(dir), 0u);

    // A folder that may not be written (root may write anywhere: nothing to check then).
    if (::geteuid() == 0) return;
    const std::string locked = dir + "/locked";
    fs::create_directory(locked);
    ::chmod(locked.c_str(), 0500);
    try {
        writeDensityGeoTiff(locked + "/density.tif", grid, "EPSG:28992");
        ADD_FAILURE() << "wrote into a read-only folder";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), locked + "/density.tif");
        EXPECT_EQ(e.kind(), ErrorKind::ReadOnly) << e.what();
    }
    ::chmod(locked.c_str(), 0700);
    EXPECT_EQ(filesIn(locked), 0u);
}

TEST(DensityGeoTiff, ACrsGdalCannotUseIsRefusedBeforeWriting) {
    const std::string dir = test::makeTempDir("density-tiff-crs");
    const std::string path = dir + "/density.tif";
    const DensityGrid grid = estimatePinDensity({}, {0.0, 0.0, 1000.0, 1000.0}, 25.0);
    try {
        writeDensityGeoTiff(path, grid, "EPSG:99999999");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), path);
        EXPECT_NE(std::string(e.what()).find("EPSG:99999999"), std::string::npos) << e.what();
    }
    EXPECT_EQ(filesIn(dir), 0u);
}
