// The map of a project as a georeferenced picture: its boundaries, its pins (all of them or one
// session's), the buurt names, and optionally a title bar, a legend with the pin counts and a scale
// bar; written as PNG with a world file, a .prj and GDAL's .aux.xml beside it. One use case for both
// front ends: `samenkaart render` draws it in an offscreen context, and the window's session summary
// draws the session's map with it on a worker thread with a context of its own. The map itself is
// drawn by MapScene::draw, as in the window.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/crs.hpp"
#include "engine/geometry.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "mapping/image_export.hpp"
#include "mapping/map_renderer.hpp"
#include "mapping/map_scene.hpp"
#include "mapping/offscreen.hpp"
#include "mapping/text_renderer.hpp"
#include "mapping/viewport.hpp"

namespace samenkaart::mapping {

// What Mesa and most GPUs can render into.
inline constexpr int kMaxPictureSide = 16384;

struct MapPictureRequest {
    std::string project;
    int width = 1600;
    int height = 1000;
    std::optional<Bbox> bbox;  // in the map's CRS, grown to the picture's aspect; default: all
                               // boundaries and pins, with a small margin
    PinFilter pins;            // which pins (an unknown session or category is an error)
    std::string title;         // a bar across the top; empty: none
    bool legend = false;
    std::string legendHeading = "Legenda";
    bool englishLegend = false;  // the categories' English labels and 12,345 (not 12.345) in the legend
    bool scalebar = false;
    bool labels = true;               // the buurt names
    int samples = 4;                  // anti-aliasing samples per pixel
    bool everyLevel = false;          // prepare every level of detail (for drawing many views, as --bench does)
    PinView pinView = PinView::Pins;  // each pin, or clusters (their counts grouped as the legend's)
};

// The four files a picture is: the PNG and, beside it, its world file, .prj and .aux.xml.
struct PictureFiles {
    std::string png, worldFile, prj, auxXml;
};
PictureFiles pictureFiles(const std::string& pngPath);

// Refuses an output path that cannot be written (not .png, no such folder, a folder, no permission
// for any of the four files) before any time is spent loading and drawing. Throws Error.
void checkPictureWritable(const std::string& pngPath);

class MapPicture {
public:
    // Opens the project read-only, reads its pins and the boundaries' extent, and loads the boundaries
    // on a worker while this thread warms up GL. Needs a current OpenGL 3.3 core context on this
    // thread for its whole life. Throws Error (no boundaries or pins to show, an unknown session, an
    // unreadable project).
    explicit MapPicture(const MapPictureRequest& request);
    ~MapPicture();
    MapPicture(const MapPicture&) = delete;
    MapPicture& operator=(const MapPicture&) = delete;

    // The picture's view: the requested area, or everything (below the title bar when there is one).
    const Viewport& viewport() const { return viewport_; }
    // The map and the names for another view into the picture's target (--bench). Returns the names drawn.
    size_t drawMap(const Viewport& view);
    // The picture as asked: the map and the names, then title, legend and scale bar; read back.
    RgbaImage draw();
    // Writes the image and its three sidecar files, each safely (engine/safe_write.hpp).
    PictureFiles write(const std::string& pngPath, const RgbaImage& image) const;

    MapRenderer& renderer() { return renderer_; }
    const MapSnapshot& snapshot() const { return *snapshot_; }
    size_t pinCount() const { return pins_.size(); }
    double clusterBuildMs() const { return clusterBuildMs_; }
    // Where the time went: stage name and seconds, in order (render --verbose).
    const std::vector<std::pair<std::string, double>>& stages() const { return stages_; }
    const MapSnapshotOptions::Timings& loadTimings() const { return loadTimings_; }

private:
    void stageDone(const char* name);

    MapPictureRequest request_;
    std::unique_ptr<Project> project_;
    MapCrs crs_;
    std::vector<Pin> pins_;
    double clusterBuildMs_ = 0;
    Viewport viewport_;
    MapSnapshotOptions::Timings loadTimings_;
    std::vector<std::pair<std::string, double>> stages_;
    std::chrono::steady_clock::time_point stageStart_ = std::chrono::steady_clock::now();
    MapRenderer renderer_;
    std::optional<TextRenderer> text_;
    std::optional<OffscreenTarget> target_;
    std::shared_ptr<const MapSnapshot> snapshot_;
    std::optional<MapScene> scene_;
};

}  // namespace samenkaart::mapping
