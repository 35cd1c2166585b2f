// Writing a rendered map to disk: a PNG, and a world file that places it in the map CRS so GIS software
// (QGIS, ArcGIS, GDAL) shows it at the right spot.
#pragma once

#include <string>

#include "engine/error.hpp"
#include "mapping/offscreen.hpp"
#include "mapping/viewport.hpp"

namespace samenkaart::mapping {

struct ExportResult {
    bool ok = true;
    std::string error;  // in words for the user, naming the file
    ErrorKind kind = ErrorKind::Other;
};

// Both write through engine/safe_write.hpp: the file appears whole or not at all.
ExportResult writePng(const std::string& path, const RgbaImage& image);

// The six lines of an ESRI world file for an image of `viewport` at its framebuffer size: pixel width,
// two rotation terms (0), negative pixel height, and the centre of the top-left pixel.
std::string worldFileText(const Viewport& viewport);
ExportResult writeWorldFile(const std::string& path, const Viewport& viewport);

}  // namespace samenkaart::mapping
