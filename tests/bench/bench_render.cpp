// Frame times of a scripted pan/zoom over a generated ~14k-polygon, ~2.5M-vertex layer at 1600 x 1000,
// rendered offscreen (run under xvfb-run for Mesa llvmpipe). Prints JSON lines.
//   bench_render [--png DIR]   also writes the first frame of each phase as PNG into DIR
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "gl_test_context.hpp"
#include "mapping/image_export.hpp"
#include "mapping/map_renderer.hpp"
#include "mapping/offscreen.hpp"
#include "mapping/prepared_layer.hpp"
#include "synthetic_layer.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;
using Clock = std::chrono::steady_clock;

namespace {

double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Step {
    const char* phase;
    double zoomFactor;  // about the window centre
    double panX, panY;  // pixels
};

// 40 frames zooming in from the full view, 40 panning, 40 zooming back out: what a user does while
// looking around a municipality map.
std::vector<Step> script() {
    std::vector<Step> steps;
    for (int i = 0; i < 40; ++i) steps.push_back({"zoom-in", 1.1, 0, 0});
    for (int i = 0; i < 40; ++i) steps.push_back({"pan", 1.0, 25, 10});
    for (int i = 0; i < 40; ++i) steps.push_back({"zoom-out", 1.0 / 1.1, 0, 0});
    return steps;
}

}  // namespace

int main(int argc, char** argv) {
    std::string pngDir;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--png") == 0) pngDir = argv[i + 1];

    test_support::HiddenGlContext context;
    if (!context.ok()) {
        std::fprintf(stderr, "bench_render: %s\n", context.error().c_str());
        return 1;
    }

    PolygonLayer layer;
    layer.features = test_support::makeSyntheticLayer({});
    layer.styles.reserve(layer.features.size());
    for (size_t i = 0; i < layer.features.size(); ++i) {
        // A choropleth-like palette, so every feature has its own style entry.
        const auto shade = static_cast<uint8_t>(120 + (i * 37) % 120);
        layer.styles.push_back({{shade, static_cast<uint8_t>(255 - shade / 2), 200, 255}, {40, 50, 70, 255}, 1.0f});
    }
    const size_t vertices = test_support::countVertices(layer.features);

    auto start = Clock::now();
    const PreparedVectorLayer prepared = prepareLayer(layer);
    const double prepareMs = millisecondsSince(start);
    std::string levels;
    for (const LodGeometry& level : prepared.levels) {
        char entry[96];
        std::snprintf(entry, sizeof entry, "%s{\"from_m_per_px\":%.2f,\"vertices\":%zu}", levels.empty() ? "" : ",",
                      level.minResolution, level.fillXy.size() / 2 + level.strokeXy.size() / 2);
        levels += entry;
    }

    MapRenderer renderer;
    start = Clock::now();
    renderer.addLayer(prepared);
    glFinish();
    const double uploadMs = millisecondsSince(start);
    std::printf(
        "{\"bench\":\"render_setup\",\"gl\":\"%s\",\"features\":%zu,\"vertices\":%zu,\"prepare_ms\":%.0f,"
        "\"upload_ms\":%.0f,\"lod_levels\":[%s]}\n",
        context.description().c_str(), layer.features.size(), vertices, prepareMs, uploadMs, levels.c_str());

    OffscreenTarget target(1600, 1000);
    for (const int samples : {4, 1}) {
        renderer.setSampleCount(samples);
        Viewport view({}, 1.0, 1600, 1000);
        view.fitBbox(prepared.bounds, 0.02);
        renderer.render(view, &target.framebuffer());  // warm-up: allocates the multisample buffer
        glFinish();

        std::vector<double> frameMs;
        std::vector<std::pair<std::string, std::vector<double>>> phases;
        size_t triangles = 0, segments = 0;
        for (const Step& step : script()) {
            if (phases.empty() || phases.back().first != step.phase) {
                phases.push_back({step.phase, {}});
                if (!pngDir.empty() && samples == 4) {
                    const std::string path = pngDir + "/bench_render_" + step.phase + ".png";
                    renderer.render(view, &target.framebuffer());
                    writePng(path, target.readPixels());
                }
            }
            view.zoomAbout({800, 500}, step.zoomFactor);
            view.panByPixels(step.panX, step.panY);
            const auto frameStart = Clock::now();
            renderer.render(view, &target.framebuffer());
            glFinish();  // count the GPU (here: llvmpipe threads) work, not just command submission
            const double ms = millisecondsSince(frameStart);
            frameMs.push_back(ms);
            phases.back().second.push_back(ms);
            triangles += renderer.lastStats().trianglesSubmitted;
            segments += renderer.lastStats().segmentsSubmitted;
        }
        auto percentile = [](std::vector<double> v, double q) {
            std::sort(v.begin(), v.end());
            return v[static_cast<size_t>(q * static_cast<double>(v.size() - 1))];
        };
        std::printf(
            "{\"bench\":\"render\",\"size\":\"1600x1000\",\"msaa\":%d,\"frames\":%zu,\"median_ms\":%.2f,"
            "\"p95_ms\":%.2f,\"max_ms\":%.2f,\"avg_triangles\":%zu,\"avg_segments\":%zu",
            samples, frameMs.size(), percentile(frameMs, 0.5), percentile(frameMs, 0.95),
            *std::max_element(frameMs.begin(), frameMs.end()), triangles / frameMs.size(), segments / frameMs.size());
        for (const auto& [phase, times] : phases)
            std::printf(",\"%s_median_ms\":%.2f", phase.c_str(), percentile(times, 0.5));
        std::printf("}\n");
    }
    return 0;
}
