// The pin density grid (engine/pin_density): estimatePinDensity, densityImage and
// writeDensityGeoTiff on one core, for random pins in RD New. Prints one JSON line per case with
// the fastest and the median of `runs` runs in milliseconds, and the fastest run's CPU time (the
// thread's own: what it costs on a loaded machine without the waiting).
// `bench_density [runs]`. Target (issue 15): 1,000,000 pins on 1600 x 1000 cells well under a second.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "engine/pin_density.hpp"

namespace {

using samenkaart::Bbox;
using samenkaart::Point;

std::vector<Point> uniformPins(size_t n, const Bbox& box, uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> x(box.minx, box.maxx), y(box.miny, box.maxy);
    std::vector<Point> pins(n);
    for (Point& p : pins) p = {x(random), y(random)};
    return pins;
}

// As sessions make them: pins around a few hundred places (a square, a school, a crossing).
std::vector<Point> clusteredPins(size_t n, const Bbox& box, uint64_t seed) {
    std::mt19937_64 random(seed);
    const std::vector<Point> centres = uniformPins(300, box, seed + 1);
    std::uniform_int_distribution<size_t> pick(0, centres.size() - 1);
    std::normal_distribution<double> spread(0.0, 150.0);
    std::vector<Point> pins(n);
    for (Point& p : pins) {
        const Point& c = centres[pick(random)];
        p = {c.x + spread(random), c.y + spread(random)};
    }
    return pins;
}

double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Timing {
    double minMs = 0.0, medianMs = 0.0, minCpuMs = 0.0;
};

Timing timeRuns(int runs, const std::function<void()>& work) {
    std::vector<double> ms;
    double minCpuMs = 1e300;
    for (int i = 0; i < runs; ++i) {
        const double cpu0 = threadCpuMs();
        const auto t0 = std::chrono::steady_clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        minCpuMs = std::min(minCpuMs, threadCpuMs() - cpu0);
    }
    std::sort(ms.begin(), ms.end());
    return {ms.front(), ms[ms.size() / 2], minCpuMs};
}

void run(const char* name, const std::vector<Point>& pins, const Bbox& area, double cell, double radius, int runs) {
    samenkaart::DensityGrid grid;
    const Timing estimate = timeRuns(runs, [&] { grid = samenkaart::estimatePinDensity(pins, area, cell, radius); });
    std::vector<uint8_t> image;
    const Timing draw = timeRuns(runs, [&] { image = samenkaart::densityImage(grid); });
    const char* tmp = std::getenv("TMPDIR");
    const std::string path = (std::filesystem::path(tmp ? tmp : "/tmp") / "bench_density.tif").string();
    const Timing tiff = timeRuns(std::min(runs, 3), [&] { samenkaart::writeDensityGeoTiff(path, grid, "EPSG:28992"); });
    const auto bytes = std::filesystem::file_size(path);
    std::filesystem::remove(path);
    std::printf(
        "{\"bench\": \"density\", \"case\": \"%s\", \"pins\": %zu, \"columns\": %d, \"rows\": %d, \"cell_m\": %g, "
        "\"radius_m\": %g, \"estimate_min_ms\": %.1f, \"estimate_median_ms\": %.1f, \"estimate_cpu_ms\": %.1f, "
        "\"image_min_ms\": %.1f, "
        "\"geotiff_min_ms\": %.1f, \"geotiff_bytes\": %ju}\n",
        name, pins.size(), grid.columns, grid.rows, cell, radius, estimate.minMs, estimate.medianMs, estimate.minCpuMs,
        draw.minMs, tiff.minMs, static_cast<uintmax_t>(bytes));
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    // 40 km x 25 km around Utrecht and Amersfoort: 1600 x 1000 cells of 25 m, radius 300 m (R/12).
    const Bbox region{130000.0, 445000.0, 170000.0, 470000.0};
    const double cell = region.width() / 1600.0;
    run("uniform_100k", uniformPins(100'000, region, 1), region, cell, 300.0, runs);
    run("uniform_1m", uniformPins(1'000'000, region, 2), region, cell, 300.0, runs);
    run("clustered_1m", clusteredPins(1'000'000, region, 3), region, cell, 300.0, runs);
    // All of the Netherlands on 1600 columns: 166 m cells, too coarse for 300 m (R/4 = 75 m), so a
    // radius of 1 km.
    const Bbox netherlands{13000.0, 306000.0, 278000.0, 620000.0};
    run("netherlands_1m_radius_1km", uniformPins(1'000'000, netherlands, 4), netherlands, netherlands.width() / 1600.0,
        1000.0, runs);
    return 0;
}
