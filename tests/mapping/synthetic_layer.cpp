#include "synthetic_layer.hpp"

#include <cmath>

namespace samenkaart::test_support {

namespace {

// Small deterministic generator so layers are identical across platforms and runs.
struct Lcg {
    uint32_t state;
    double next() {
        state = state * 1664525u + 1013904223u;
        return static_cast<double>(state >> 8) / static_cast<double>(1u << 24);
    }
};

Ring blob(Point centre, double radius, size_t vertices, Lcg& random) {
    Ring ring;
    ring.reserve(vertices);
    const double phase = random.next() * 6.28;
    const double lobes = 3.0 + std::floor(random.next() * 5.0);
    for (size_t i = 0; i < vertices; ++i) {
        const double angle = 2.0 * M_PI * static_cast<double>(i) / static_cast<double>(vertices);
        const double r = radius * (0.78 + 0.15 * std::sin(lobes * angle + phase) + 0.05 * random.next());
        ring.push_back({centre.x + r * std::cos(angle), centre.y + r * std::sin(angle)});
    }
    return ring;
}

}  // namespace

std::vector<MultiPolygon> makeSyntheticLayer(const SyntheticLayerSpec& spec) {
    Lcg random{spec.seed};
    const auto columns = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(spec.featureCount))));
    std::vector<MultiPolygon> features;
    features.reserve(spec.featureCount);
    const double half = spec.cellSize / 2;
    for (size_t i = 0; i < spec.featureCount; ++i) {
        const Point centre{spec.corner.x + static_cast<double>(i % columns) * spec.cellSize + half,
                           spec.corner.y + static_cast<double>(i / columns) * spec.cellSize + half};
        const bool withHole = i % 3 == 0;
        const bool twoParts = i % 7 == 0;
        const size_t holeVertices = withHole ? spec.verticesPerFeature / 5 : 0;
        const size_t partVertices = twoParts ? spec.verticesPerFeature / 5 : 0;
        const size_t outerVertices = std::max<size_t>(3, spec.verticesPerFeature - holeVertices - partVertices);
        MultiPolygon feature;
        if (twoParts) {
            // Main blob shifted left, a small island to the right; both stay within the cell.
            Polygon main = {blob({centre.x - half * 0.25, centre.y}, half * 0.6, outerVertices, random)};
            if (withHole) main.push_back(blob({centre.x - half * 0.25, centre.y}, half * 0.2, holeVertices, random));
            feature.push_back(std::move(main));
            feature.push_back({blob({centre.x + half * 0.65, centre.y}, half * 0.25, partVertices, random)});
        } else {
            Polygon main = {blob(centre, half * 0.85, outerVertices, random)};
            if (withHole) main.push_back(blob(centre, half * 0.3, holeVertices, random));
            feature.push_back(std::move(main));
        }
        features.push_back(std::move(feature));
    }
    return features;
}

size_t countVertices(const std::vector<MultiPolygon>& features) {
    size_t n = 0;
    for (const MultiPolygon& mp : features)
        for (const Polygon& p : mp)
            for (const Ring& r : p) n += r.size();
    return n;
}

}  // namespace samenkaart::test_support
