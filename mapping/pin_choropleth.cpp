#include "mapping/pin_choropleth.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>

#include "engine/crs.hpp"
#include "engine/error.hpp"

namespace samenkaart::mapping {

BoundaryPinCounts countPinsPerBoundary(const PickIndex& boundaries, std::span<const Point> pins, unsigned threads) {
    const size_t features = boundaries.polygonFeatureCount();
    const auto countRange = [&boundaries, features](std::span<const Point> part) {
        BoundaryPinCounts c;
        c.counts.assign(features, 0);
        for (const Point& p : part) {
            const std::optional<size_t> hit =
                std::isfinite(p.x) && std::isfinite(p.y) ? boundaries.pick(p) : std::nullopt;
            if (hit)
                ++c.counts[*hit];
            else
                ++c.outside;
        }
        return c;
    };
    // Below this many pins a thread costs more than it saves.
    constexpr size_t kPinsPerThread = 20000;
    const size_t parts = std::clamp<size_t>(pins.size() / kPinsPerThread, 1, std::max(1u, threads));
    std::vector<std::future<BoundaryPinCounts>> others;
    const size_t step = (pins.size() + parts - 1) / parts;
    for (size_t i = 1; i < parts; ++i) {
        const size_t begin = std::min(pins.size(), i * step);
        others.push_back(
            std::async(std::launch::async, countRange, pins.subspan(begin, std::min(step, pins.size() - begin))));
    }
    BoundaryPinCounts total = countRange(pins.first(std::min(step, pins.size())));
    for (auto& other : others) {
        const BoundaryPinCounts part = other.get();
        for (size_t f = 0; f < features; ++f) total.counts[f] += part.counts[f];
        total.outside += part.outside;
    }
    return total;
}

std::vector<double> boundaryAreasKm2(const std::vector<Boundary>& boundaries, const std::string& mapCrsDefinition) {
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::vector<Point> centres;
    centres.reserve(boundaries.size());
    for (const Boundary& b : boundaries) centres.push_back(b.bounds.center());
    std::vector<double> scales;
    try {
        scales = arealScales(mapCrsDefinition, centres);
    } catch (const Error&) {
        return std::vector<double>(boundaries.size(), kNaN);  // degrees: no areas to speak of
    }
    std::vector<double> areas;
    areas.reserve(boundaries.size());
    for (size_t i = 0; i < boundaries.size(); ++i) {
        double planar = 0.0;
        for (const Polygon& polygon : boundaries[i].geometry) planar += polygonArea(polygon);
        areas.push_back(boundaries[i].geometry.empty() || !(scales[i] > 0.0) ? kNaN : planar / scales[i] / 1e6);
    }
    return areas;
}

double choroplethValue(ChoroplethMeasure measure, uint32_t count, double areaKm2) {
    if (measure == ChoroplethMeasure::Count) return count;
    return areaKm2 > 0.0 ? count / areaKm2 : std::numeric_limits<double>::quiet_NaN();
}

std::vector<Rgba> choroplethFills(ChoroplethMeasure measure, const BoundaryPinCounts& counts,
                                  std::span<const double> areasKm2) {
    const std::span<const DensityClass> classes = choroplethClasses(measure);
    std::vector<Rgba> fills(counts.counts.size(), Rgba{0, 0, 0, 0});
    for (size_t f = 0; f < fills.size(); ++f) {
        const double area = f < areasKm2.size() ? areasKm2[f] : std::numeric_limits<double>::quiet_NaN();
        if (const auto k = choroplethClassOf(measure, choroplethValue(measure, counts.counts[f], area))) {
            const DensityColour& c = classes[*k].colour;
            fills[f] = Rgba{c.r, c.g, c.b, c.a};
        }
    }
    return fills;
}

}  // namespace samenkaart::mapping
