#include "mapping/image_export.hpp"

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <zlib.h>

#include "engine/safe_write.hpp"

namespace {
// stb_image_write's own deflate took a tenth of a full `samenkaart render` (docs/render.md); zlib at a
// fast level is several times quicker and still compresses better. Lossless either way: same pixels.
// Called by stb, which frees the result with free().
unsigned char* zlibCompress(unsigned char* data, int length, int* outLength, int /*quality*/) {
    uLongf size = compressBound(static_cast<uLong>(length));
    auto* out = static_cast<unsigned char*>(std::malloc(size));
    if (!out) return nullptr;
    if (compress2(out, &size, data, static_cast<uLong>(length), 3) != Z_OK) {
        std::free(out);
        return nullptr;
    }
    *outLength = static_cast<int>(size);
    return out;
}
}  // namespace

// The one translation unit that compiles stb_image_write's implementation (static: its settings below
// belong to this file).
#define STBIW_ZLIB_COMPRESS zlibCompress
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wshadow"
#endif
#include <stb_image_write.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace {
// Every row without a PNG filter: stb otherwise runs all five filters on each row to pick one, which took
// about half of the encoding, and a map's flat colours deflate better unfiltered (a 1600 x 1000 buurten
// map: 375 kB instead of 470 kB, in about 60 % of the time; docs/render.md). Set once, before main.
[[maybe_unused]] const bool kUnfilteredRows = (stbi_write_force_png_filter = 0, true);
}  // namespace

namespace samenkaart::mapping {

namespace {
ExportResult writeSafely(const std::string& path, std::string_view bytes) {
    try {
        writeFileSafely(path, bytes);
        return {};
    } catch (const Error& e) {
        return {false, e.what(), e.kind()};
    }
}
}  // namespace

ExportResult writePng(const std::string& path, const RgbaImage& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.pixels.size() < static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 4)
        return {false, "cannot write " + path + ": the image is empty", ErrorKind::BadInput};
    std::string bytes;
    auto append = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
    };
    if (!stbi_write_png_to_func(append, &bytes, image.width, image.height, 4, image.pixels.data(), image.width * 4))
        return {false, "cannot write " + path + ": the PNG encoder failed"};
    return writeSafely(path, bytes);
}

std::string worldFileText(const Viewport& viewport) {
    // One image pixel is one framebuffer (physical) pixel.
    const double pixelSize = viewport.resolution() / viewport.framebufferScale();
    const Bbox visible = viewport.visibleBbox();
    char text[256];
    std::snprintf(text, sizeof text, "%.10f\n0.0\n0.0\n%.10f\n%.10f\n%.10f\n", pixelSize, -pixelSize,
                  visible.minx + pixelSize / 2, visible.maxy - pixelSize / 2);
    return text;
}

ExportResult writeWorldFile(const std::string& path, const Viewport& viewport) {
    return writeSafely(path, worldFileText(viewport));
}

}  // namespace samenkaart::mapping
