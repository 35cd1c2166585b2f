// A session's map as a georeferenced PNG, drawn in this process by the picture use case that
// `samenkaart render` uses (mapping/map_picture.hpp): the same map, names, title, legend and scale
// bar. It draws in an offscreen GL context of its own on a worker thread, so the window keeps
// drawing its frames meanwhile.
#pragma once

#include <cstdint>
#include <string>

#include "gui/gl_context/offscreen_gl_context.hpp"

namespace samenkaart::gui {

struct SessionMapRequest {
    std::string projectPath;
    int64_t sessionId = 0;
    std::string title;
    std::string folder;    // created when missing
    bool english = false;  // the legend's heading and category names
};

// Where a project's session maps go: "NAME-kaarten" beside the project when that folder is
// writable, else "kaarten" in the data directory.
std::string sessionMapFolder(const std::string& projectPath);

// Draws the session's pins over the project's map with `gl` current on the calling thread, and
// writes sessie-ID-DATE.png (with its world file, .prj and .aux.xml) into the request's folder.
// Returns the PNG's path; throws Error naming the file and the cause.
std::string writeSessionMap(const OffscreenGlContext& gl, const SessionMapRequest& request);

}  // namespace samenkaart::gui
