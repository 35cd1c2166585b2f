// Tessellation throughput: input vertices per second on one core, printed as JSON lines.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "corpus_reader.hpp"
#include "mapping/tessellate.hpp"
#include "synthetic_layer.hpp"

using namespace samenkaart;

namespace {

void benchmarkLayer(const std::string& name, const std::vector<MultiPolygon>& features, int repetitions) {
    const size_t vertices = test_support::countVertices(features);
    mapping::Tessellator tessellator;
    mapping::Triangulation out;
    std::vector<double> seconds;
    size_t triangles = 0;
    for (int rep = 0; rep < repetitions; ++rep) {
        out.clear();
        const auto start = std::chrono::steady_clock::now();
        for (const MultiPolygon& feature : features) {
            const Point origin = bboxOf(feature).center();
            for (const Polygon& polygon : feature) tessellator.tessellate(polygon, origin, out);
        }
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        triangles = out.triangleCount();
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    std::printf(
        "{\"bench\":\"tessellate\",\"layer\":\"%s\",\"features\":%zu,\"vertices\":%zu,\"triangles\":%zu,"
        "\"median_ms\":%.3f,\"best_ms\":%.3f,\"vertices_per_second\":%.0f}\n",
        name.c_str(), features.size(), vertices, triangles, median * 1e3, seconds.front() * 1e3,
        static_cast<double>(vertices) / median);
}

}  // namespace

int main() {
    std::vector<MultiPolygon> merge;
    for (auto& f : test_support::readCorpusPolygons(
             test_support::sharedDataPath("shapefile-corpus/pyshp/tests/shapefiles/merge.shp")))
        merge.push_back(std::move(f.geometry));
    benchmarkLayer("merge.shp", merge, 21);

    std::vector<MultiPolygon> massachusetts;
    for (auto& f : test_support::readCorpusPolygons(
             test_support::sharedDataPath("/vsizip/shapefile-corpus/shapefile-js/files/maSP.zip")))
        massachusetts.push_back(std::move(f.geometry));
    benchmarkLayer("maSP.zip", massachusetts, 7);

    benchmarkLayer("synthetic 14k x 180", test_support::makeSyntheticLayer({}), 5);
    return 0;
}
