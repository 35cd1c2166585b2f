// samenkaart render: the map of a project as a georeferenced PNG (mapping/map_picture.hpp, the same
// drawing as the window's), with an optional title, legend and scale bar, drawn in an offscreen context.
// --bench N times a scripted pan/zoom sequence instead and reports frame times as JSON.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <numbers>
#include <optional>
#include <sstream>

#include "engine/error.hpp"
#include "engine/pin_density.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "gui/cli/cli_support.hpp"
#include "gui/gl_context/offscreen_gl_context.hpp"
#include "mapping/gl_api.hpp"
#include "mapping/map_picture.hpp"

namespace samenkaart::cli {
namespace {

using namespace samenkaart::mapping;

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
    PinFilterOptions which;     // which pins: a session's (a session summary's map), categories, a period
    int samples = 0;            // 0: 4 for a picture; for --bench 1 on software GL (as the window would), else 4
    std::string pins = "pins";  // pins | clusters | density
    bool density = false;       // --density: --pins density
    double radius = kDefaultDensityRadius;  // the density GeoTIFF's kernel radius (metres)
    double cell = 0;                        // its cells (metres); 0: radius / 6
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
        s.height >= 1 && s.width <= kMaxPictureSide && s.height <= kMaxPictureSide)
        return s;
    throw Error("--size " + text, "expects WIDTHxHEIGHT in pixels, each from 1 to " + std::to_string(kMaxPictureSide) +
                                      ", e.g. 1600x1000");
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

bool endsWithTif(const std::string& path) {
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower.ends_with(".tif") || lower.ends_with(".tiff");
}

// --out FILE.tif: the density values themselves (pins per km²) as a Float32 GeoTIFF in the map's CRS,
// for QGIS, R or Python. Needs no display.
int runDensityTiff(const RenderOptions& o) {
    std::unique_ptr<Project> project = Project::open(o.project, true);
    const PinFilter filter = o.which.resolve();
    PinStore store(*project);
    store.checkFilter(filter);  // an unknown session or category is an error, not an empty map
    std::vector<Point> positions;
    for (const Pin& p : store.list(filter)) positions.push_back(p.position);
    const double cell = o.cell > 0 ? o.cell : o.radius / 6.0;
    Bbox area;
    if (!o.bbox.empty()) {
        area = parseBbox(o.bbox);
    } else {
        for (const Point& p : positions) area.expand(p);
        if (area.empty())
            throw Error(o.project, "has no pins to estimate a density of; give the area with --bbox",
                        ErrorKind::BadInput);
    }
    // The radius and cells are metres on the ground, whatever the map's units (Web Mercator's are not).
    const double units = mapUnitsPerMetre(project->mapCrs().definition, area.center());
    if (o.bbox.empty()) {
        const double reach = o.radius * units;
        area = {area.minx - reach, area.miny - reach, area.maxx + reach, area.maxy + reach};
    }
    const DensityGrid grid = estimatePinDensity(positions, area, cell, o.radius, units);
    writeDensityGeoTiff(o.out, grid, project->mapCrs().definition);
    float highest = 0;
    for (const float v : grid.values) highest = std::max(highest, v);
    std::printf(
        "Wrote %s (%d x %d cells of %g m, quartic kernel of radius %g m, %zu %s; highest %.1f pins per "
        "km\u00b2)\n",
        o.out.c_str(), grid.columns, grid.rows, grid.cellSize / units, grid.radius, grid.pins,
        grid.pins == 1 ? "pin" : "pins", static_cast<double>(highest));
    return kExitOk;
}

int runRender(RenderOptions o) {
    if (o.density) o.pins = "density";
    if (!o.out.empty() && endsWithTif(o.out)) {
        if (o.pins != "density") throw UsageError("render: a .tif holds the density's values: add --density");
        return runDensityTiff(o);
    }
    if (o.out.empty() && o.bench <= 0) throw UsageError("render: --out FILE.png is required (unless --bench N)");
    const ImageSize size = parseSize(o.size);
    MapPictureRequest request;
    request.project = o.project;
    request.width = size.width;
    request.height = size.height;
    if (!o.bbox.empty()) request.bbox = parseBbox(o.bbox);
    request.pins = o.which.resolve();
    request.title = o.title;
    request.legend = o.legend;
    request.scalebar = o.scalebar;
    request.labels = !o.noLabels;
    request.everyLevel = o.bench > 0;
    static const std::map<std::string, PinView> kViews{{"pins", PinView::Pins},
                                                       {"clusters", PinView::Clusters},
                                                       {"density", PinView::Density},
                                                       {"choropleth", PinView::DensityPerBuurt},
                                                       {"choropleth-count", PinView::CountPerBuurt}};
    request.pinView = kViews.at(o.pins);  // CLI11 took only these
    if (!o.out.empty()) checkPictureWritable(o.out);

    // Without a display there is nothing to draw with.
    const gui::OffscreenGlContext gl;
    request.samples = o.samples > 0 ? o.samples : (o.bench > 0 && isSoftwareRenderer() ? 1 : 4);
    MapPicture picture(request);
    const Viewport& viewport = picture.viewport();

    // The picture as asked: PNG, world file, .prj and .aux.xml.
    auto writePicture = [&] {
        const RgbaImage image = picture.draw();
        const auto start = std::chrono::steady_clock::now();
        const PictureFiles files = picture.write(o.out, image);
        const double writeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const Bbox shown = viewport.visibleBbox();
        std::cout << "Wrote " << files.png << " (" << size.width << " x " << size.height << " px, "
                  << viewport.resolution() << " map units per pixel) with " << files.worldFile << ", " << files.prj
                  << " and " << files.auxXml << "\n";
        std::cout.precision(12);
        std::cout << "Extent: " << shown.minx << " " << shown.miny << " " << shown.maxx << " " << shown.maxy << "\n";
        if (o.verbose) {
            std::fprintf(stderr, "samenkaart: render: %zu boundaries, %zu pins, GL renderer %s\n",
                         picture.snapshot().boundaries.size(), picture.pinCount(), gl.rendererName().c_str());
            for (const auto& [name, seconds] : picture.stages())
                std::fprintf(stderr, "  %-30s %7.3f s\n", name.c_str(), seconds);
            std::fprintf(stderr, "  %-30s %7.3f s\n", "write PNG and sidecar files", writeSeconds);
            const MapSnapshotOptions::Timings& t = picture.loadTimings();
            std::fprintf(stderr, "  (loading: read %.3f s, tessellate/LOD %.3f s, label anchors %.3f s in parallel)\n",
                         t.read, t.prepare, t.anchors);
        }
    };

    if (o.bench <= 0) {
        writePicture();
        return kExitOk;
    }

    MapRenderer& renderer = picture.renderer();
    const Bbox flightArea = request.bbox.value_or(viewport.visibleBbox());
    for (int i = 0; i < 3; ++i) picture.drawMap(benchViewport(viewport, flightArea, 0, o.bench));  // warm caches
    glFinish();
    std::vector<double> ms;
    size_t triangles = 0, segments = 0, labelCount = 0;
    int edgeOutlineFrames = 0;
    if (o.verbose) std::fprintf(stderr, "frame resolution ms triangles segments labels id_outlines\n");
    for (int i = 0; i < o.bench; ++i) {
        const Viewport v = benchViewport(viewport, flightArea, i, o.bench);
        const auto start = std::chrono::steady_clock::now();
        const size_t frameLabels = picture.drawMap(v);
        glFinish();  // llvmpipe and GPUs alike: the frame counts once it is really drawn
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        labelCount += frameLabels;
        triangles += renderer.lastStats().trianglesSubmitted;
        segments += renderer.lastStats().segmentsSubmitted;
        edgeOutlineFrames += renderer.lastStats().edgeOutlinePasses > 0 ? 1 : 0;
        if (o.verbose)
            std::fprintf(stderr, "%d %.3f %.2f %zu %zu %zu %d\n", i, v.resolution(), ms.back(),
                         renderer.lastStats().trianglesSubmitted, renderer.lastStats().segmentsSubmitted, frameLabels,
                         renderer.lastStats().edgeOutlinePasses);
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
        {"pins", picture.pinCount()},
        {"pin_view", o.pins},
        {"cluster_build_ms", picture.clusterBuildMs()},
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
    cmd->add_option("--out", o->out,
                    "PNG to write (map.pgw, world file, and map.prj, CRS, are written beside it); with --density a "
                    ".tif gets the density values");
    cmd->add_option("--size", o->size, "Picture size in pixels, WIDTHxHEIGHT")->default_str("1600x1000");
    cmd->add_option("--bbox", o->bbox,
                    "Area to show, MINX,MINY,MAXX,MAXY in the map's CRS (default: all boundaries and pins); "
                    "grown to the picture's aspect");
    cmd->add_option("--title", o->title, "Title shown in a bar across the top");
    cmd->add_flag("--legend", o->legend,
                  "Add a legend: the pin categories with their pin counts, or the density's or choropleth's scale");
    cmd->add_flag("--scalebar", o->scalebar, "Add a scale bar");
    cmd->add_flag("--no-labels", o->noLabels, "Leave out the buurt names");
    o->which.addTo(*cmd, "Show");
    cmd->add_option("--pins", o->pins,
                    "How pins are drawn: pins (each one), clusters (nearby pins as one marker with their count "
                    "and a bar of their categories), density (pins per km2 on a fixed scale, radius 300 m), "
                    "choropleth (each buurt coloured by its pins per km2) or choropleth-count (by its number of pins)")
        ->check(CLI::IsMember({"pins", "clusters", "density", "choropleth", "choropleth-count"}))
        ->default_str("pins");
    cmd->add_flag("--density", o->density,
                  "The same as --pins density; with --out FILE.tif the density values themselves as a Float32 "
                  "GeoTIFF (pins per km2, no display needed)");
    cmd->add_option("--radius", o->radius, "The GeoTIFF's kernel radius in metres (default 300)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--cell", o->cell, "The GeoTIFF's cell size in metres (default radius / 6, at most radius / 4)")
        ->check(CLI::PositiveNumber);
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
