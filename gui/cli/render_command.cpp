// samenkaart render: the map of a project as a georeferenced PNG, drawn offscreen by the same code as the
// window (MapSnapshot + MapScene + live pins + buurt labels), with an optional title, legend and scale bar.
// --bench N times a scripted pan/zoom sequence instead and reports frame times as JSON.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <numbers>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/boundary_store.hpp"
#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/export/qgis_style.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/safe_write.hpp"
#include "engine/sessions.hpp"
#include "gui/cli/cli_support.hpp"
#include "gui/gl_context/offscreen_gl_context.hpp"
#include "mapping/image_export.hpp"
#include "mapping/label_layer.hpp"
#include "mapping/map_scene.hpp"
#include "mapping/map_style.hpp"
#include "mapping/offscreen.hpp"
#include "mapping/overlay_painter.hpp"
#include "mapping/text_renderer.hpp"

namespace samenkaart::cli {
namespace {

using namespace samenkaart::mapping;

constexpr int kMaxImageSide = 16384;  // what Mesa and most GPUs can render into

struct RenderOptions {
    std::string project;
    std::string out;
    std::string size = "1600x1000";
    std::string bbox;
    std::string title;
    bool legend = false;
    bool scalebar = false;
    bool noLabels = false;
    bool verbose = false;
    int bench = 0;
    std::string session;  // only this session's pins (e.g. a session summary's map)
    int samples = 0;      // 0: 4 for a picture; for --bench 1 on software GL (as the window would), else 4
};

struct ImageSize {
    int width = 0;
    int height = 0;
};

ImageSize parseSize(const std::string& text) {
    ImageSize s;
    char x = 0;
    std::istringstream in(text);
    if (in >> s.width >> x >> s.height && (x == 'x' || x == 'X') && (in >> std::ws).eof() && s.width >= 1 &&
        s.height >= 1 && s.width <= kMaxImageSide && s.height <= kMaxImageSide)
        return s;
    throw Error("--size " + text,
                "expects WIDTHxHEIGHT in pixels, each from 1 to " + std::to_string(kMaxImageSide) + ", e.g. 1600x1000");
}

Bbox parseBbox(const std::string& text) {
    std::vector<double> v;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, ',')) {
        try {
            size_t used = 0;
            const double d = std::stod(part, &used);
            if (used != part.size() || !std::isfinite(d)) break;
            v.push_back(d);
        } catch (const std::exception&) {
            break;
        }
    }
    if (v.size() == 4 && v[0] < v[2] && v[1] < v[3] && text.back() != ',') return {v[0], v[1], v[2], v[3]};
    throw Error("--bbox " + text,
                "expects four numbers MINX,MINY,MAXX,MAXY in the map's CRS, with MINX < MAXX and MINY < MAXY");
}

std::string withExtension(const std::string& path, const std::string& extension) {
    return std::filesystem::path(path).replace_extension(extension).string();
}

// Refuses an output path that cannot be written before minutes of loading and drawing are spent.
void checkWritable(const std::string& path) {
    namespace fs = std::filesystem;
    const fs::path p(path);
    std::string extension = p.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (extension != ".png") throw Error(path, "the picture is written as PNG: give a file name ending in .png");
    const fs::path folder = p.has_parent_path() ? p.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(path, "cannot be written: the folder " + folder.string() + " does not exist");
    if (fs::is_directory(p, ec)) throw Error(path, "cannot be written: it is a folder");
    for (const std::string& file :
         {path, withExtension(path, ".pgw"), withExtension(path, ".prj"), path + ".aux.xml"}) {
        const bool exists = fs::exists(file, ec);
        if ((exists && ::access(file.c_str(), W_OK) != 0) || (!exists && ::access(folder.c_str(), W_OK) != 0))
            throw Error(file, "cannot be written: permission denied");
    }
}

// The text of the .prj beside the world file: WKT 1 as GDAL writes it, which GDAL, QGIS and ArcGIS read;
// a CRS that WKT 1 cannot express falls back to WKT 2.
std::string prjText(const MapCrs& crs) {
    const CrsDescription d = describeCrs(crs.definition);
    return d.wkt.empty() ? d.wkt2 : d.wkt;
}

// Shows `bbox` in an image of the given size; the bbox grows along one axis to the image's aspect, so the
// pixels stay square and the world file describes exactly the picture.
Viewport viewportFor(const Bbox& bbox, ImageSize size) {
    Viewport v;
    v.setResolutionRange(1e-12, 1e12);  // any CRS unit: metres, feet, degrees
    v.setSize(size.width, size.height);
    v.setCentre(bbox.center());
    v.setResolution(std::max(bbox.width() / size.width, bbox.height() / size.height));
    return v;
}

// Frame i of n of the bench's scripted flight: from the whole area down to 1/64 of it and back out,
// while the centre wanders over the middle of the area, as someone exploring the map would.
Viewport benchViewport(const Viewport& overview, const Bbox& area, int i, int n) {
    const double t = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
    const double zoomSteps = 6.0 * (0.5 - 0.5 * std::cos(2 * std::numbers::pi * t));
    Viewport v = overview;
    v.setResolution(overview.resolution() / std::pow(2.0, zoomSteps));
    const Point c = area.center();
    v.setCentre({c.x + 0.3 * area.width() * std::sin(2 * std::numbers::pi * 2 * t),
                 c.y + 0.3 * area.height() * std::sin(2 * std::numbers::pi * 3 * t)});
    return v;
}

double percentile(std::vector<double> sorted, double p) {
    if (sorted.empty()) return 0.0;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank: the smallest value with at least p of the samples at or below it.
    const auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

std::vector<LegendEntry> legendEntries(const std::vector<Category>& categories, const std::vector<Pin>& pins) {
    std::map<std::string, size_t> counts;
    for (const Pin& p : pins) ++counts[p.category];
    std::vector<LegendEntry> entries;
    for (const Category& c : categories) entries.push_back({c.labelNl, parseHexColour(c.colour), counts[c.code]});
    return entries;
}

// Characters drawn once while the boundaries load: their glyphs are in the atlas before the labels need them.
constexpr const char* kWarmUpCharacters =
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 -'.,()/& \u00e9\u00eb\u00ef\u00f6\u00fc";

// Mesa's llvmpipe compiles each shader variant at its first draw (hundreds of milliseconds). Drawing a
// stand-in map - one buurt with its outline, a pin, a word - with the same renderer, target and states
// while a worker still reads the boundaries takes that, and the glyph atlas, off the critical path.
void warmUpDrawing(MapRenderer& renderer, TextRenderer* text, const OffscreenTarget& target, const Viewport& viewport) {
    const Point c = viewport.centre();
    const double r = 20 * viewport.resolution();
    PolygonLayer square;
    square.features = {{{{{c.x - r, c.y - r}, {c.x + r, c.y - r}, {c.x + r, c.y + r}, {c.x - r, c.y + r}}}}};
    square.styles = {{boundaryFill(0), kBoundaryOutline, 1.5f}};
    const MapRenderer::LayerId squareId = renderer.addLayer(prepareLayer(square));
    const MapRenderer::LayerId pinId =
        renderer.addLayer(prepareLayer(PointLayer{{c}, {kBoundaryOutline}, kPinRadiusPx, {}, {}}));
    renderer.render(viewport, &target.framebuffer());
    if (text) {
        TextBatch batch;
        text->addText(batch, kWarmUpCharacters, {4, 4}, LabelStyle{}.text);
        text->draw(batch, viewport, &target.framebuffer());
    }
    glFinish();
    renderer.removeLayer(squareId);
    renderer.removeLayer(pinId);
}

int runRender(const RenderOptions& o) {
    if (o.out.empty() && o.bench <= 0) throw UsageError("render: --out FILE.png is required (unless --bench N)");
    const ImageSize size = parseSize(o.size);
    const std::optional<Bbox> requestedBbox = o.bbox.empty() ? std::nullopt : std::optional(parseBbox(o.bbox));
    if (!o.out.empty()) checkWritable(o.out);

    // Where the time goes, for --verbose: stage name and seconds.
    std::vector<std::pair<std::string, double>> stages;
    auto clock = std::chrono::steady_clock::now();
    auto stageDone = [&](const char* name) {
        const auto now = std::chrono::steady_clock::now();
        stages.emplace_back(name, std::chrono::duration<double>(now - clock).count());
        clock = now;
    };

    auto project = Project::open(o.project, true);
    PinFilter filter;
    if (!o.session.empty()) {
        filter.sessionId = parseSessionId(o.session);
        SessionStore(project->db()).get(*filter.sessionId);  // an unknown session is an error, not an empty map
    }
    const std::vector<Pin> pins = PinStore(*project).list(filter);
    // The boundaries' extent through the spatial index, so the scale is known before they are read.
    const Bbox boundaryExtent = samenkaart::boundaryExtent(*project);
    Bbox area = boundaryExtent;
    for (const Pin& p : pins) area.expand(p.position);
    if (!requestedBbox && area.empty())
        throw Error(o.project, "has no boundaries or pins to show; give the area with --bbox");

    Viewport viewport = viewportFor(requestedBbox.value_or(area), size);
    if (!requestedBbox) {
        // The whole area with a small margin, below the title bar when there is one.
        const double reservedTop = o.title.empty() ? 0.0 : kTitleBarHeightPx;
        Viewport fit = viewport;
        fit.setSize(size.width, std::max(1.0, size.height - reservedTop));
        fit.fitBbox(area, 0.03);
        viewport.setResolution(fit.resolution());
        viewport.setCentre(fit.centre());
        viewport.panByPixels(0, reservedTop / 2);
    }

    MapSnapshotOptions::Timings loadTimings;
    MapSnapshotOptions loadOptions;
    loadOptions.pickIndex = false;  // nobody clicks on a PNG
    loadOptions.labelAnchors = !o.noLabels;
    // One picture needs one level of detail; the bench zooms, so it gets them all, as the window does.
    if (o.bench <= 0) loadOptions.viewResolution = viewport.resolution();
    // A picture of part of the project reads only the buurten that can show in it: those whose bbox meets
    // the picture grown by the farthest a stroke can reach (MapRenderer's cull margin). A buurt outside
    // that has no pixel and no label in the picture (a label must lie inside the window and its buurt).
    if (o.bench <= 0 && requestedBbox) {
        const Bbox shown = viewport.visibleBbox();
        const double margin = 32.0 * viewport.resolution();
        loadOptions.area = Bbox{shown.minx - margin, shown.miny - margin, shown.maxx + margin, shown.maxy + margin};
        if (!boundaryExtent.empty()) loadOptions.boundaryOrigin = boundaryExtent.center();
    }
    loadOptions.timings = &loadTimings;
    stageDone("open project, pins and extent");
    // The boundaries load on a worker with its own handle, while this thread sets up GL.
    auto loading = std::async(std::launch::async, [&o, loadOptions] {
        auto own = Project::open(o.project, true);
        return loadMapSnapshot(*own, loadOptions);
    });

    // Without a display there is nothing to draw with (the worker's result is then waited for and dropped).
    const gui::OffscreenGlContext gl;
    MapRenderer renderer;
    renderer.setBackground(kMapBackground);
    if (o.samples > 0)
        renderer.setSampleCount(o.samples);
    else
        renderer.setSampleCount(o.bench > 0 && isSoftwareRenderer() ? 1 : 4);
    const bool needText = !o.noLabels || o.legend || o.scalebar || !o.title.empty();
    std::optional<TextRenderer> text;
    if (needText) text.emplace(kDejaVuSansPath);
    OffscreenTarget target(size.width, size.height);
    warmUpDrawing(renderer, text ? &*text : nullptr, target, viewport);
    stageDone("GL context and warm-up (while loading)");

    const std::shared_ptr<const MapSnapshot> snapshot = loading.get();
    stageDone("rest of loading boundaries");
    MapScene scene(renderer);
    scene.setSnapshot(snapshot);
    scene.setPins(preparePins(pins, snapshot->categories, kPinRadiusPx));
    stageDone("upload to the GPU");
    std::optional<LabelLayer> labels;
    if (!o.noLabels) {
        labels.emplace(*text);
        std::vector<Point> pinPositions;
        for (const Pin& p : pins) pinPositions.push_back(p.position);
        labels->setKeepClear(std::move(pinPositions), kPinRadiusPx + 3.0f);  // as the window does: no label on a pin
    }

    auto drawMap = [&](const Viewport& v) -> size_t {
        renderer.render(v, &target.framebuffer());
        return labels ? labels->draw(*snapshot, v, &target.framebuffer()) : 0;
    };

    // The picture as asked: the map, then title, legend and scale bar on top; PNG, world file and .prj.
    auto writePicture = [&] {
        drawMap(viewport);
        glFinish();
        stageDone("draw map and labels");
        std::optional<TextRenderer> bold;
        if (!o.title.empty() || o.legend) bold.emplace(kDejaVuSansBoldPath);
        if (bold || o.scalebar) {
            OverlayPainter overlay(*text, bold ? *bold : *text);
            if (!o.title.empty()) overlay.addTitleBar(o.title, viewport);
            if (o.legend) overlay.addLegend("Legenda", legendEntries(snapshot->categories, pins), viewport);
            if (o.scalebar) overlay.addScaleBar(viewport, !describeCrs(project->mapCrs().definition).geographic);
            overlay.draw(viewport, &target.framebuffer());
            // The legend's markers are the categories' pins, symbols and all: the key matches the map
            // by shape as well as by colour.
            if (o.legend && overlay.legendMarkers().size() == snapshot->categories.size()) {
                PointLayer markers;
                markers.radiusPx = static_cast<float>(OverlayPainter::kLegendMarkerRadiusPx);
                for (size_t i = 0; i < snapshot->categories.size(); ++i) {
                    markers.points.push_back(viewport.screenToWorld(overlay.legendMarkers()[i]));
                    markers.colours.push_back(parseHexColour(snapshot->categories[i].colour));
                    markers.symbols.push_back(pinSymbol(snapshot->categories[i].icon));
                }
                renderer.drawPointsOnTop(prepareLayer(markers), viewport, &target.framebuffer());
            }
        }
        const RgbaImage image = target.readPixels();
        stageDone("overlay and read back");
        if (const ExportResult r = writePng(o.out, image); !r.ok) throw Error(o.out, r.error, r.kind);
        const std::string worldFile = withExtension(o.out, ".pgw");
        if (const ExportResult r = writeWorldFile(worldFile, viewport); !r.ok) throw Error(worldFile, r.error, r.kind);
        const std::string prjFile = withExtension(o.out, ".prj");
        const std::string crsText = prjText(project->mapCrs());
        writeFileSafely(prjFile, crsText);
        // GDAL takes a PNG's CRS from its .aux.xml (it reads the world file but not the .prj).
        writeFileSafely(o.out + ".aux.xml", "<PAMDataset>\n  <SRS>" + xmlEscape(crsText) + "</SRS>\n</PAMDataset>\n");
        const Bbox shown = viewport.visibleBbox();
        std::cout << "Wrote " << o.out << " (" << size.width << " x " << size.height << " px, " << viewport.resolution()
                  << " map units per pixel) with " << worldFile << ", " << prjFile << " and " << o.out << ".aux.xml"
                  << "\n";
        std::cout.precision(12);
        std::cout << "Extent: " << shown.minx << " " << shown.miny << " " << shown.maxx << " " << shown.maxy << "\n";
        stageDone("write PNG and sidecar files");
        if (o.verbose) {
            std::fprintf(stderr, "samenkaart: render: %zu boundaries, %zu pins, GL renderer %s\n",
                         snapshot->boundaries.size(), pins.size(), gl.rendererName().c_str());
            for (const auto& [name, seconds] : stages) std::fprintf(stderr, "  %-30s %7.3f s\n", name.c_str(), seconds);
            std::fprintf(stderr, "  (loading: read %.3f s, tessellate/LOD %.3f s, label anchors %.3f s in parallel)\n",
                         loadTimings.read, loadTimings.prepare, loadTimings.anchors);
        }
    };

    if (o.bench <= 0) {
        writePicture();
        return kExitOk;
    }

    const Bbox flightArea = requestedBbox.value_or(viewport.visibleBbox());
    for (int i = 0; i < 3; ++i) drawMap(benchViewport(viewport, flightArea, 0, o.bench));  // warm caches
    glFinish();
    std::vector<double> ms;
    size_t triangles = 0, segments = 0, labelCount = 0;
    int edgeOutlineFrames = 0;
    if (o.verbose) std::fprintf(stderr, "frame resolution ms map_ms labels_ms triangles segments labels id_outlines\n");
    for (int i = 0; i < o.bench; ++i) {
        const Viewport v = benchViewport(viewport, flightArea, i, o.bench);
        const auto start = std::chrono::steady_clock::now();
        size_t frameLabels = 0;
        double mapMs = 0.0;
        if (o.verbose) {
            // The map and the labels apart: each finished before the next starts, which costs a little.
            renderer.render(v, &target.framebuffer());
            glFinish();
            mapMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            if (labels) frameLabels = labels->draw(*snapshot, v, &target.framebuffer());
        } else {
            frameLabels = drawMap(v);
        }
        glFinish();  // llvmpipe and GPUs alike: the frame counts once it is really drawn
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        labelCount += frameLabels;
        triangles += renderer.lastStats().trianglesSubmitted;
        segments += renderer.lastStats().segmentsSubmitted;
        edgeOutlineFrames += renderer.lastStats().edgeOutlinePasses > 0 ? 1 : 0;
        if (o.verbose)
            std::fprintf(stderr, "%d %.3f %.2f %.2f %.2f %zu %zu %zu %d\n", i, v.resolution(), ms.back(), mapMs,
                         ms.back() - mapMs, renderer.lastStats().trianglesSubmitted,
                         renderer.lastStats().segmentsSubmitted, frameLabels, renderer.lastStats().edgeOutlinePasses);
    }
    double sum = 0;
    for (double m : ms) sum += m;
    const auto frames = static_cast<double>(o.bench);
    const nlohmann::json report = {
        {"frames", o.bench},
        {"width", size.width},
        {"height", size.height},
        {"samples", renderer.sampleCount()},
        {"labels", !o.noLabels},
        {"renderer", gl.rendererName()},
        {"median_ms", percentile(ms, 0.5)},
        {"p95_ms", percentile(ms, 0.95)},
        {"p99_ms", percentile(ms, 0.99)},
        {"mean_ms", sum / frames},
        {"max_ms", percentile(ms, 1.0)},
        {"triangles", static_cast<double>(triangles) / frames},
        {"outline_segments", static_cast<double>(segments) / frames},  // stroked; not those drawn from ids
        {"id_outline_frames", edgeOutlineFrames},
        {"labels_per_frame", static_cast<double>(labelCount) / frames},
    };
    if (!o.out.empty()) writePicture();
    std::cout << report.dump() << "\n";  // the last line, for scripts
    return kExitOk;
}

}  // namespace

void addRenderCommands(CLI::App& app, CommandAction& action) {
    auto o = std::make_shared<RenderOptions>();
    CLI::App* cmd = app.add_subcommand("render",
                                       "Draw the project's map into a georeferenced PNG (needs a display, "
                                       "e.g. xvfb-run)");
    cmd->add_option("PROJECT", o->project, "Project file")->required();
    cmd->add_option("--out", o->out, "PNG to write; map.pgw (world file) and map.prj (CRS) are written beside it");
    cmd->add_option("--size", o->size, "Picture size in pixels, WIDTHxHEIGHT")->default_str("1600x1000");
    cmd->add_option("--bbox", o->bbox,
                    "Area to show, MINX,MINY,MAXX,MAXY in the map's CRS (default: all boundaries and pins); "
                    "grown to the picture's aspect");
    cmd->add_option("--title", o->title, "Title shown in a bar across the top");
    cmd->add_flag("--legend", o->legend, "Add a legend of the pin categories with their pin counts");
    cmd->add_flag("--scalebar", o->scalebar, "Add a scale bar");
    cmd->add_flag("--no-labels", o->noLabels, "Leave out the buurt names");
    cmd->add_option("--session", o->session, "Show only this session's pins");
    cmd->add_flag("--verbose", o->verbose, "Print how long each stage took (to stderr)");
    cmd->add_option("--samples", o->samples,
                    "Anti-aliasing samples per pixel (1 turns it off; default 4, with --bench 1 on software GL)")
        ->check(CLI::Range(1, 16));
    cmd->add_option("--bench", o->bench,
                    "Render N frames of a scripted pan/zoom sequence and print frame times as JSON (last line)")
        ->check(CLI::Range(1, 100000));
    cmd->callback([&action, o] { action = [o] { return runRender(*o); }; });
}

}  // namespace samenkaart::cli
