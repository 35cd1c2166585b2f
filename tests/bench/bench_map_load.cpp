// The map's loading stages on a project, without a window: reading the buurten, the prepared-map cache's
// key, reading the cache (mapping/prepared_map_cache.hpp) and building the pick index, each timed apart.
//   build/tests/bench/bench_map_load PROJECT [RUNS]
// Prints one JSON line per run; the cache file lives in a temporary folder, written by the first run.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "engine/project.hpp"
#include "mapping/map_scene.hpp"
#include "mapping/map_style.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_map_load PROJECT [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::stoi(argv[2]) : 3;
    const auto folder = std::filesystem::temp_directory_path() / "samenkaart-bench-map-load";
    std::filesystem::remove_all(folder);
    const std::string cacheFile = preparedMapCacheFile(folder.string(), argv[1]);
    auto ms = [](auto since) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
    };
    for (int run = 0; run <= runs; ++run) {
        auto project = Project::open(argv[1], true);
        MapSnapshotOptions::Timings t;
        MapSnapshotOptions options;
        options.cacheFile = cacheFile;
        options.timings = &t;
        auto start = std::chrono::steady_clock::now();
        auto snapshot = loadMapSnapshot(*project, options);
        const double total = ms(start);
        start = std::chrono::steady_clock::now();
        const std::vector<PolygonStyle> styles = boundaryStyles(snapshot->boundaries);
        preparedMapKey({snapshot->boundaries, styles, snapshot->crsDefinition, PrepareOptions{}});
        const double key = ms(start);
        start = std::chrono::steady_clock::now();
        const std::string written = storePreparedMap(*snapshot, cacheFile);
        const double store = snapshot->cacheKeyToStore ? ms(start) : 0.0;
        std::printf(
            "{\"run\": %d, \"cache\": \"%s\", \"total_ms\": %.1f, \"read_ms\": %.1f, \"key_ms\": %.1f, "
            "\"cache_read_ms\": %.1f, \"cache_wait_ms\": %.1f, \"pick_index_ms\": %.1f, \"prepare_ms\": %.1f, "
            "\"store_ms\": %.1f%s%s}\n",
            run, t.cache.c_str(), total, t.read * 1000, key, t.cacheRead * 1000, t.cacheWait * 1000, t.pickIndex * 1000,
            t.prepare * 1000, store,
            written.empty() ? "" : ", \"not_written\": ", written.empty() ? "" : ("\"" + written + "\"").c_str());
    }
    std::filesystem::remove_all(folder);
    return 0;
}
