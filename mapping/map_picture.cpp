#include "mapping/map_picture.hpp"

#include "engine/pin_density.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <future>
#include <map>

#include "engine/boundary_store.hpp"
#include "engine/error.hpp"
#include "engine/export/qgis_style.hpp"
#include "engine/safe_write.hpp"
#include "engine/sessions.hpp"
#include "mapping/gl_api.hpp"
#include "mapping/map_style.hpp"
#include "mapping/overlay_painter.hpp"

namespace samenkaart::mapping {
namespace {

namespace fs = std::filesystem;

std::string withExtension(const std::string& path, const std::string& extension) {
    return fs::path(path).replace_extension(extension).string();
}

// The text of the .prj beside the world file: WKT 1 as GDAL writes it, which GDAL, QGIS and ArcGIS read;
// a CRS that WKT 1 cannot express falls back to WKT 2.
std::string prjText(const MapCrs& crs) {
    const CrsDescription d = describeCrs(crs.definition);
    return d.wkt.empty() ? d.wkt2 : d.wkt;
}

// Shows `bbox` in an image of the given size; the bbox grows along one axis to the image's aspect, so the
// pixels stay square and the world file describes exactly the picture.
Viewport viewportFor(const Bbox& bbox, int width, int height) {
    Viewport v;
    v.setResolutionRange(1e-12, 1e12);  // any CRS unit: metres, feet, degrees
    v.setSize(width, height);
    v.setCentre(bbox.center());
    v.setResolution(std::max(bbox.width() / width, bbox.height() / height));
    return v;
}

std::vector<LegendEntry> legendEntries(const std::vector<Category>& categories, const std::vector<Pin>& pins,
                                       bool english) {
    std::map<std::string, size_t> counts;
    for (const Pin& p : pins) ++counts[p.category];
    std::vector<LegendEntry> entries;
    entries.reserve(categories.size());
    for (const Category& c : categories)
        entries.push_back(
            {english && !c.labelEn.empty() ? c.labelEn : c.labelNl, parseHexColour(c.colour), counts[c.code]});
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
        text->addText(batch, kWarmUpCharacters, {4, 4}, TextStyle{});
        text->draw(batch, viewport, &target.framebuffer());
    }
    glFinish();
    renderer.removeLayer(squareId);
    renderer.removeLayer(pinId);
}

}  // namespace

PictureFiles pictureFiles(const std::string& pngPath) {
    return {pngPath, withExtension(pngPath, ".pgw"), withExtension(pngPath, ".prj"), pngPath + ".aux.xml"};
}

void checkPictureWritable(const std::string& pngPath) {
    const fs::path p(pngPath);
    std::string extension = p.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension != ".png")
        throw Error(pngPath, "the picture is written as PNG: give a file name ending in .png", ErrorKind::BadInput);
    const fs::path folder = p.has_parent_path() ? p.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(pngPath, "cannot be written: the folder " + folder.string() + " does not exist",
                    ErrorKind::NotFound);
    if (fs::is_directory(p, ec)) throw Error(pngPath, "cannot be written: it is a folder", ErrorKind::BadInput);
    const PictureFiles files = pictureFiles(pngPath);
    for (const std::string& file : {files.png, files.worldFile, files.prj, files.auxXml}) {
        const bool exists = fs::exists(file, ec);
        if ((exists && ::access(file.c_str(), W_OK) != 0) || (!exists && ::access(folder.c_str(), W_OK) != 0))
            throw Error(file, "cannot be written: permission denied", ErrorKind::ReadOnly);
    }
}

MapPicture::MapPicture(const MapPictureRequest& request) : request_(request) {
    if (request.width < 1 || request.height < 1 || request.width > kMaxPictureSide || request.height > kMaxPictureSide)
        throw Error(request.project, "a picture is 1 to " + std::to_string(kMaxPictureSide) + " pixels wide and high",
                    ErrorKind::BadInput);
    project_ = Project::open(request.project, true);
    crs_ = project_->mapCrs();
    PinStore store(*project_);
    store.checkFilter(request.pins);  // an unknown session or category is an error, not an empty map
    pins_ = store.list(request.pins);
    // The boundaries' extent through the spatial index, so the scale is known before they are read.
    const Bbox boundaryExtent = samenkaart::boundaryExtent(*project_);
    Bbox area = boundaryExtent;
    for (const Pin& p : pins_) area.expand(p.position);
    if (!request.bbox && area.empty())
        throw Error(request.project, "has no boundaries or pins to show; give the area with --bbox",
                    ErrorKind::BadInput);

    viewport_ = viewportFor(request.bbox.value_or(area), request.width, request.height);
    if (!request.bbox) {
        // The whole area with a small margin, below the title bar when there is one.
        const double reservedTop = request.title.empty() ? 0.0 : kTitleBarHeightPx;
        Viewport fit = viewport_;
        fit.setSize(request.width, std::max(1.0, request.height - reservedTop));
        fit.fitBbox(area, 0.03);
        viewport_.setResolution(fit.resolution());
        viewport_.setCentre(fit.centre());
        viewport_.panByPixels(0, reservedTop / 2);
    }

    MapSnapshotOptions loadOptions;
    // Nobody taps a picture; the pins per buurt are counted with the index.
    loadOptions.pickIndex = choroplethMeasure(request.pinView).has_value();
    loadOptions.labelAnchors = request.labels;
    // One picture needs one level of detail; many views (the bench) get them all, as the window does.
    if (!request.everyLevel) loadOptions.viewResolution = viewport_.resolution();
    // A picture of part of the project reads only the buurten that can show in it: those whose bbox meets
    // the picture grown by the farthest a stroke can reach (MapRenderer's cull margin). A buurt outside
    // that has no pixel and no label in the picture (a label must lie inside the window and its buurt).
    if (!request.everyLevel && request.bbox) {
        const Bbox shown = viewport_.visibleBbox();
        const double margin = 32.0 * viewport_.resolution();
        loadOptions.area = Bbox{shown.minx - margin, shown.miny - margin, shown.maxx + margin, shown.maxy + margin};
        if (!boundaryExtent.empty()) loadOptions.boundaryOrigin = boundaryExtent.center();
    }
    loadOptions.timings = &loadTimings_;
    stageDone("open project, pins and extent");
    // The boundaries load on a worker with its own handle, while this thread sets up GL.
    auto loading = std::async(std::launch::async, [path = request.project, loadOptions] {
        auto own = Project::open(path, true);
        return loadMapSnapshot(*own, loadOptions);
    });

    renderer_.setBackground(kMapBackground);
    renderer_.setSampleCount(request.samples);
    const bool needText = request.labels || request.legend || request.scalebar || !request.title.empty() ||
                          request.pinView == PinView::Clusters;
    if (needText) text_.emplace(kDejaVuSansPath);
    target_.emplace(request.width, request.height);
    warmUpDrawing(renderer_, text_ ? &*text_ : nullptr, *target_, viewport_);
    stageDone("GL context and warm-up (while loading)");

    snapshot_ = loading.get();
    stageDone("rest of loading boundaries");
    scene_.emplace(renderer_);
    scene_->setSnapshot(snapshot_);
    // Many views (the bench) as the window has them once settled: every level on the GPU before the first.
    if (request.everyLevel)
        while (scene_->uploadPendingLevel()) {
        }
    const PinSnapshot pins = preparePins(pins_, snapshot_->categories, kPinRadiusPx);
    clusterBuildMs_ = pins.clusterBuildMs;
    scene_->setPins(pins);
    if (request.labels) scene_->setLabelText(&*text_);
    if (text_) scene_->setMarkerText(&*text_);
    scene_->setPinView(request.pinView, request.englishLegend ? ',' : '.');
    stageDone("upload to the GPU");
}

MapPicture::~MapPicture() = default;

void MapPicture::stageDone(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    stages_.emplace_back(name, std::chrono::duration<double>(now - stageStart_).count());
    stageStart_ = now;
}

size_t MapPicture::drawMap(const Viewport& view) { return scene_->draw(view, &target_->framebuffer()); }

RgbaImage MapPicture::draw() {
    drawMap(viewport_);
    glFinish();
    stageDone("draw map and labels");
    std::optional<TextRenderer> bold;
    if (!request_.title.empty() || request_.legend) bold.emplace(kDejaVuSansBoldPath);
    if (bold || request_.scalebar) {
        OverlayPainter overlay(*text_, bold ? *bold : *text_);
        if (!request_.title.empty()) overlay.addTitleBar(request_.title, viewport_);
        const bool english = request_.englishLegend;
        if (request_.legend && request_.pinView == PinView::Density) {
            std::vector<std::pair<std::string, Rgba>> classes;
            for (size_t i = 0; i < densityClasses().size(); ++i) {
                const DensityColour c = densityClasses()[i].colour;
                classes.emplace_back(densityClassLabel(i, english), Rgba{c.r, c.g, c.b, c.a});
            }
            char heading[96];
            std::snprintf(heading, sizeof heading,
                          english ? "Pins per km\u00b2 (radius %.0f m)" : "Pins per km\u00b2 (straal %.0f m)",
                          kMapDensityRadius);
            overlay.addDensityLegend(heading, classes, viewport_);
        } else if (const auto measure = choroplethMeasure(request_.pinView); request_.legend && measure) {
            std::vector<std::pair<std::string, Rgba>> classes;
            const auto scale = choroplethClasses(*measure);
            for (size_t i = 0; i < scale.size(); ++i) {
                const DensityColour c = scale[i].colour;
                classes.emplace_back(choroplethClassLabel(*measure, i, english), Rgba{c.r, c.g, c.b, c.a});
            }
            const char* heading = *measure == ChoroplethMeasure::Count
                                      ? "Pins per buurt"  // the same words in both languages
                                      : (english ? "Pins per km\u00b2 of the buurt" : "Pins per km\u00b2 van de buurt");
            overlay.addDensityLegend(heading, classes, viewport_);
        }
        // The legend's categories: those the filter shows (a category left out is not a 0).
        std::vector<Category> keyed;
        for (const Category& c : snapshot_->categories)
            if (!request_.pins.categories ||
                std::ranges::find(*request_.pins.categories, c.code) != request_.pins.categories->end())
                keyed.push_back(c);
        if (request_.legend && (request_.pinView == PinView::Pins || request_.pinView == PinView::Clusters)) {
            overlay.addLegend(request_.legendHeading, legendEntries(keyed, pins_, request_.englishLegend), viewport_,
                              request_.englishLegend ? ',' : '.');
        }
        if (request_.scalebar) overlay.addScaleBar(viewport_, !describeCrs(crs_.definition).geographic);
        overlay.draw(viewport_, &target_->framebuffer());
        // The legend's markers are the categories' pins, symbols and all: the key matches the map
        // by shape as well as by colour.
        if (request_.legend && (request_.pinView == PinView::Pins || request_.pinView == PinView::Clusters) &&
            overlay.legendMarkers().size() == keyed.size()) {
            PointLayer markers;
            markers.radiusPx = static_cast<float>(OverlayPainter::kLegendMarkerRadiusPx);
            for (size_t i = 0; i < keyed.size(); ++i) {
                markers.points.push_back(viewport_.screenToWorld(overlay.legendMarkers()[i]));
                markers.colours.push_back(parseHexColour(keyed[i].colour));
                markers.symbols.push_back(pinSymbol(keyed[i].icon));
            }
            renderer_.drawPointsOnTop(prepareLayer(markers), viewport_, &target_->framebuffer());
        }
    }
    RgbaImage image = target_->readPixels();
    stageDone("overlay and read back");
    return image;
}

PictureFiles MapPicture::write(const std::string& pngPath, const RgbaImage& image) const {
    PictureFiles files = pictureFiles(pngPath);
    if (const ExportResult r = writePng(files.png, image); !r.ok) throw Error(files.png, r.error, r.kind);
    if (const ExportResult r = writeWorldFile(files.worldFile, viewport_); !r.ok)
        throw Error(files.worldFile, r.error, r.kind);
    const std::string crsText = prjText(crs_);
    writeFileSafely(files.prj, crsText);
    // GDAL takes a PNG's CRS from its .aux.xml (it reads the world file but not the .prj).
    writeFileSafely(files.auxXml, "<PAMDataset>\n  <SRS>" + xmlEscape(crsText) + "</SRS>\n</PAMDataset>\n");
    return files;
}

}  // namespace samenkaart::mapping
