#include "mapping/image_export.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
// The reader half of stb, compiled here only to check what the writer produced.
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

std::filesystem::path scratchFile(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("samenkaart_test_" + name);
}

}  // namespace

TEST(ImageExport, PngRoundTripsPixelsTopRowFirst) {
    RgbaImage image{3, 2, {}};
    for (int i = 0; i < 6; ++i) {
        const auto v = static_cast<uint8_t>(i * 40);
        image.pixels.insert(image.pixels.end(), {v, static_cast<uint8_t>(255 - v), 7, 255});
    }
    const auto path = scratchFile("roundtrip.png");
    const ExportResult result = writePng(path.string(), image);
    ASSERT_TRUE(result.ok) << result.error;
    int w = 0, h = 0, channels = 0;
    stbi_uc* loaded = stbi_load(path.c_str(), &w, &h, &channels, 4);
    ASSERT_NE(loaded, nullptr);
    EXPECT_EQ(w, 3);
    EXPECT_EQ(h, 2);
    EXPECT_TRUE(std::equal(image.pixels.begin(), image.pixels.end(), loaded));
    stbi_image_free(loaded);
    std::filesystem::remove(path);
}

TEST(ImageExport, UnwritablePathGivesAnErrorNamingTheFile) {
    const ExportResult result = writePng("/nonexistent-folder/map.png", RgbaImage{1, 1, {0, 0, 0, 255}});
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find("/nonexistent-folder/map.png"), std::string::npos);
    EXPECT_FALSE(writePng("/tmp/empty.png", RgbaImage{}).ok);
}

TEST(ImageExport, WorldFilePlacesTheCentreOfTheTopLeftPixel) {
    // 1600 x 1000 px at 0.5 m: the view spans 155000 +- 400, 463000 +- 250.
    Viewport viewport({155000, 463000}, 0.5, 1600, 1000);
    std::istringstream lines(worldFileText(viewport));
    double a, d, b, e, c, f;
    lines >> a >> d >> b >> e >> c >> f;
    EXPECT_DOUBLE_EQ(a, 0.5);
    EXPECT_DOUBLE_EQ(d, 0.0);
    EXPECT_DOUBLE_EQ(b, 0.0);
    EXPECT_DOUBLE_EQ(e, -0.5);
    EXPECT_NEAR(c, 154600.25, 1e-6);
    EXPECT_NEAR(f, 463249.75, 1e-6);

    viewport.setFramebufferScale(2.0);  // a Retina render has twice the pixels, each half the size
    std::istringstream retina(worldFileText(viewport));
    retina >> a;
    EXPECT_DOUBLE_EQ(a, 0.25);

    const auto path = scratchFile("map.pgw");
    ASSERT_TRUE(writeWorldFile(path.string(), viewport).ok);
    std::ifstream in(path);
    std::stringstream content;
    content << in.rdbuf();
    EXPECT_EQ(content.str(), worldFileText(viewport));
    std::filesystem::remove(path);
}
