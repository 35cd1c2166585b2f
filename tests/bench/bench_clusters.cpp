// The cluster index of 10^5..10^6 pins: build time, query time per zoom and memory, as JSON lines.
// bench_clusters.sh runs it beside mapbox's supercluster (Node) on the same points in the same run.
// Usage: bench_clusters [pins, default 1000000] [points file for supercluster: lon/lat as float64 pairs]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "mapping/pin_clusters.hpp"

using namespace samenkaart;

namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

long maxRssKb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    const size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    // Over the Netherlands in EPSG:28992: half the pins in 400 neighbourhood blobs, half scattered.
    std::mt19937_64 rng(15);
    std::uniform_real_distribution<double> ux(13000.0, 278000.0), uy(306000.0, 620000.0);
    std::normal_distribution<double> blob(0.0, 400.0);
    std::vector<Point> centres(400);
    for (Point& c : centres) c = {ux(rng), uy(rng)};
    std::vector<Point> positions(n);
    std::vector<uint16_t> categories(n);
    for (size_t i = 0; i < n; ++i) {
        const Point c = centres[i % centres.size()];
        positions[i] = i % 2 ? Point{c.x + blob(rng), c.y + blob(rng)} : Point{ux(rng), uy(rng)};
        categories[i] = static_cast<uint16_t>(i % 7 % 4);
    }
    if (argc > 2) {
        // Longitude/latitude by a linear map of the same box: the same pattern of points for a peer
        // that clusters in Web Mercator.
        std::vector<double> lonLat;
        lonLat.reserve(2 * n);
        for (const Point& p : positions) {
            lonLat.push_back(3.36 + (p.x - 13000.0) / 265000.0 * 3.86);
            lonLat.push_back(50.75 + (p.y - 306000.0) / 314000.0 * 2.8);
        }
        std::ofstream(argv[2], std::ios::binary)
            .write(reinterpret_cast<const char*>(lonLat.data()), static_cast<std::streamsize>(lonLat.size() * 8));
    }

    const long rssBefore = maxRssKb();
    std::vector<double> builds;
    mapping::PinClusterIndex index;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        index = mapping::PinClusterIndex(positions, categories, 4);
        builds.push_back(millisecondsSince(start));
    }
    const long rssAfter = maxRssKb();
    std::sort(builds.begin(), builds.end());
    std::printf(
        "{\"bench\":\"cluster_build\",\"pins\":%zu,\"min_ms\":%.1f,\"median_ms\":%.1f,\"max_ms\":%.1f,"
        "\"peak_rss_added_mb\":%.1f}\n",
        n, builds.front(), builds[builds.size() / 2], builds.back(),
        static_cast<double>(rssAfter - rssBefore) / 1024.0);

    // Queries as the window makes them: a 1600-pixel-wide view, markers of 22 px, at zooms from the
    // whole country to a street.
    std::uniform_real_distribution<double> cx(60000.0, 230000.0), cy(350000.0, 580000.0);
    for (const double width : {270000.0, 60000.0, 15000.0, 4000.0, 1000.0}) {
        std::vector<double> times;
        size_t clusters = 0;
        for (int q = 0; q < 40; ++q) {
            const double x = cx(rng), y = cy(rng), h = width * 1000.0 / 1600.0;
            const auto start = std::chrono::steady_clock::now();
            const mapping::ClusterView v =
                index.query({x - width / 2, y - h / 2, x + width / 2, y + h / 2}, 22.0 * width / 1600.0);
            times.push_back(millisecondsSince(start));
            clusters += v.clusters.size();
        }
        std::sort(times.begin(), times.end());
        std::printf(
            "{\"bench\":\"cluster_query\",\"view_width_m\":%.0f,\"mean_clusters\":%zu,\"p50_ms\":%.3f,"
            "\"p95_ms\":%.3f}\n",
            width, clusters / times.size(), times[times.size() / 2], times[times.size() * 95 / 100]);
    }
    return 0;
}
