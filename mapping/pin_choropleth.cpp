#include "mapping/pin_choropleth.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>

#include "engine/crs.hpp"
#include "engine/error.hpp"

namespace samenkaart::mapping {

std::vector<int32_t> boundaryOfPins(const PickIndex& boundaries, std::span<const Point> pins, unsigned threads) {
    std::vector<int32_t> out(pins.size(), -1);
    const auto assign = [&boundaries, &pins, &out](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const Point p = pins[i];
            const std::optional<size_t> hit =
                std::isfinite(p.x) && std::isfinite(p.y) ? boundaries.pick(p) : std::nullopt;
            if (hit) out[i] = static_cast<int32_t>(*hit);
        }
    };
    // Below this many pins a thread costs more than it saves.
    constexpr size_t kPinsPerThread = 20000;
    const size_t parts = std::clamp<size_t>(pins.size() / kPinsPerThread, 1, std::max(1u, threads));
    const size_t step = (pins.size() + parts - 1) / parts;
    std::vector<std::future<void>> others;
    others.reserve(parts);
    for (size_t i = 1; i < parts; ++i)
        others.push_back(std::async(std::launch::async, assign, std::min(pins.size(), i * step),
                                    std::min(pins.size(), (i + 1) * step)));
    assign(0, std::min(step, pins.size()));
    for (auto& other : others) other.get();
    return out;
}

BoundaryPinCounts countPinsPerBoundary(size_t features, std::span<const int32_t> boundaryOf) {
    BoundaryPinCounts c;
    c.counts.assign(features, 0);
    for (const int32_t b : boundaryOf) {
        if (b >= 0 && static_cast<size_t>(b) < features)
            ++c.counts[static_cast<size_t>(b)];
        else
            ++c.outside;
    }
    return c;
}

BoundaryPinCounts countPinsPerBoundary(const PickIndex& boundaries, std::span<const Point> pins, unsigned threads) {
    return countPinsPerBoundary(boundaries.polygonFeatureCount(), boundaryOfPins(boundaries, pins, threads));
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
