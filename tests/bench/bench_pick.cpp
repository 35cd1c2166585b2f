// Hit-test latency on a generated layer of 14k polygons: per-query times, printed as JSON lines.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "mapping/pick_index.hpp"
#include "synthetic_layer.hpp"

using namespace samenkaart;

int main() {
    test_support::SyntheticLayerSpec spec;  // 14k features, ~180 vertices each
    const std::vector<MultiPolygon> features = test_support::makeSyntheticLayer(spec);
    std::vector<Point> pins;
    std::mt19937 random(11);
    const Bbox extent = [&] {
        Bbox b;
        for (const auto& f : features) b.expand(bboxOf(f));
        return b;
    }();
    std::uniform_real_distribution<double> xs(extent.minx, extent.maxx), ys(extent.miny, extent.maxy);
    for (int i = 0; i < 5000; ++i) pins.push_back({xs(random), ys(random)});

    const auto buildStart = std::chrono::steady_clock::now();
    const mapping::PickIndex index(features, pins);
    const double buildMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - buildStart).count();

    auto report = [&](const char* what, std::vector<double>& micros, size_t hits) {
        std::sort(micros.begin(), micros.end());
        auto at = [&](double q) { return micros[static_cast<size_t>(q * static_cast<double>(micros.size() - 1))]; };
        std::printf(
            "{\"bench\":\"pick\",\"query\":\"%s\",\"features\":%zu,\"vertices\":%zu,\"queries\":%zu,\"hits\":%zu,"
            "\"build_ms\":%.1f,\"median_us\":%.3f,\"p99_us\":%.3f,\"max_us\":%.3f}\n",
            what, features.size(), test_support::countVertices(features), micros.size(), hits, buildMs, at(0.5),
            at(0.99), micros.back());
    };

    constexpr int kQueries = 100000;
    std::vector<double> micros;
    micros.reserve(kQueries);
    size_t hits = 0;
    for (int q = 0; q < kQueries; ++q) {
        const Point p{xs(random), ys(random)};
        const auto start = std::chrono::steady_clock::now();
        const auto found = index.pick(p);
        micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        hits += found.has_value();
    }
    report("pick", micros, hits);

    micros.clear();
    hits = 0;
    for (int q = 0; q < kQueries; ++q) {
        const Point p{xs(random), ys(random)};
        const auto start = std::chrono::steady_clock::now();
        const auto found = index.pickNearestPoint(p, 200.0);
        micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        hits += found.has_value();
    }
    report("pickNearestPoint r=200m", micros, hits);
    return 0;
}
