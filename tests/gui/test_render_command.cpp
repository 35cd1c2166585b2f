// `samenkaart render` run as a user would: the picture agrees with GDAL's own rasterisation of the same
// boundaries, GDAL reads back the CRS and corners, a full composition matches a golden image (with a
// tolerance, as maplibre's render tests do), and mistakes give the documented exit codes.
// Needs a display: CTest runs this binary under xvfb-run.
#include <gtest/gtest.h>

#include <gdal_priv.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "mapping/image_export.hpp"
#include "tests/support/cli_runner.hpp"

using namespace samenkaart;
using samenkaart::test::runSamenkaart;

namespace fs = std::filesystem;

namespace {

constexpr mapping::Rgba kBackground{244, 241, 234, 255};  // mapping::kMapBackground

std::string sampleBoundaries() { return std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample/buurten.geojson"; }

std::string shellOutput(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
        ::pclose(pipe);
    }
    return out;
}

// Any raster GDAL reads, as RGBA (a one-band raster is repeated into r, g and b).
mapping::RgbaImage readImage(const std::string& path) {
    mapping::RgbaImage image;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) return image;
    image.width = ds->GetRasterXSize();
    image.height = ds->GetRasterYSize();
    const size_t n = static_cast<size_t>(image.width) * static_cast<size_t>(image.height);
    image.pixels.assign(n * 4, 255);
    const int bands = ds->GetRasterCount();
    for (int c = 0; c < 4; ++c) {
        const int band = bands == 1 ? 1 : c + 1;
        if (band > bands) continue;
        if (ds->GetRasterBand(band)->RasterIO(GF_Read, 0, 0, image.width, image.height, image.pixels.data() + c,
                                              image.width, image.height, GDT_Byte, 4, image.width * 4) != CE_None)
            return {};
    }
    return image;
}

std::array<double, 6> readWorldFile(const std::string& path) {
    std::array<double, 6> v{};
    std::ifstream in(path);
    for (double& d : v) in >> d;
    return v;
}

class RenderCommand : public ::testing::Test {
protected:
    static void SetUpTestSuite() { GDALAllRegister(); }
    void SetUp() override {
        dir_ =
            test::makeTempDir(std::string("render-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        project_ = dir_ + "/wijk.sqlite";
        const auto r = runSamenkaart({"new", project_, "--boundaries", sampleBoundaries()});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    void addSamplePins() {
        const auto session = runSamenkaart({"session", "start", project_, "--title", "Buurtavond De Vlinderhof"});
        ASSERT_EQ(session.exitCode, 0) << session.err;
        const std::string sessionId = session.out.substr(0, session.out.find('\n'));
        std::ifstream in(std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample/sample_pins.json");
        const auto sample = nlohmann::json::parse(in);
        for (const auto& pin : sample["pins"]) {
            char x[64], y[64];
            std::snprintf(x, sizeof x, "%.2f", pin["x"].get<double>());
            std::snprintf(y, sizeof y, "%.2f", pin["y"].get<double>());
            const auto r = runSamenkaart({"pin", "add", project_, "--session", sessionId, "--category",
                                          pin["category"].get<std::string>(), "--title",
                                          pin["title"].get<std::string>(), "--xy", x, y});
            ASSERT_EQ(r.exitCode, 0) << r.err;
        }
    }
    std::string dir_;
    std::string project_;
};

}  // namespace

TEST_F(RenderCommand, AgreesWithGdalRasterizeAndIsGeoreferenced) {
    // A 4:3 bbox for an 800 x 600 picture, so the picture covers exactly this bbox.
    const double minx = 154700, miny = 463300, maxx = 158300, maxy = 466000;
    const std::string out = dir_ + "/map.png";
    const auto r = runSamenkaart(
        {"render", project_, "--out", out, "--no-labels", "--size", "800x600", "--bbox", "154700,463300,158300,466000"},
        120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_TRUE(fs::exists(dir_ + "/map.pgw"));
    ASSERT_TRUE(fs::exists(dir_ + "/map.prj"));

    // What gdalinfo reports: the requested corners and the project's CRS.
    const auto info = nlohmann::json::parse(shellOutput("gdalinfo -json '" + out + "'"), nullptr, false);
    ASSERT_FALSE(info.is_discarded());
    EXPECT_EQ(info["size"], nlohmann::json({800, 600}));
    const auto& corners = info["cornerCoordinates"];
    EXPECT_NEAR(corners["upperLeft"][0].get<double>(), minx, 1e-3);
    EXPECT_NEAR(corners["upperLeft"][1].get<double>(), maxy, 1e-3);
    EXPECT_NEAR(corners["lowerRight"][0].get<double>(), maxx, 1e-3);
    EXPECT_NEAR(corners["lowerRight"][1].get<double>(), miny, 1e-3);
    const std::string wkt = info["coordinateSystem"]["wkt"].get<std::string>();
    EXPECT_NE(wkt.find("Amersfoort / RD New"), std::string::npos) << wkt;
    EXPECT_NE(wkt.find("ID[\"EPSG\",28992]"), std::string::npos) << wkt;
    // The .prj alone is enough for GDAL/OGR too.
    EXPECT_NE(shellOutput("gdalsrsinfo -o epsg '" + dir_ + "/map.prj' 2>&1").find("28992"), std::string::npos);

    // GDAL burns the same boundaries (straight from the project's SpatiaLite layer) onto the grid the
    // world file describes.
    const auto world = readWorldFile(dir_ + "/map.pgw");
    const double pixel = world[0];
    const double left = world[4] - pixel / 2, top = world[5] + pixel / 2;
    char extent[256];
    std::snprintf(extent, sizeof extent, "%.6f %.6f %.6f %.6f", left, top - 600 * pixel, left + 800 * pixel, top);
    const std::string burned = dir_ + "/gdal.tif";
    ASSERT_EQ(std::system(("gdal_rasterize -q -burn 255 -ts 800 600 -te " + std::string(extent) +
                           " -ot Byte -l boundaries '" + project_ + "' '" + burned + "'")
                              .c_str()),
              0);

    const mapping::RgbaImage ours = readImage(out);
    const mapping::RgbaImage theirs = readImage(burned);
    ASSERT_EQ(ours.width, 800);
    ASSERT_EQ(ours.height, 600);
    ASSERT_EQ(theirs.width, 800);
    ASSERT_EQ(theirs.height, 600);
    size_t agree = 0, inside = 0;
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 800; ++x) {
            const mapping::Rgba p = ours.at(x, y);
            const bool oursInside =
                std::abs(p.r - kBackground.r) + std::abs(p.g - kBackground.g) + std::abs(p.b - kBackground.b) > 6;
            const bool theirsInside = theirs.at(x, y).r == 255;
            agree += oursInside == theirsInside;
            inside += theirsInside;
        }
    const double agreement = static_cast<double>(agree) / (800.0 * 600.0);
    std::printf("render vs gdal_rasterize: %.3f%% of pixels agree (%zu inside)\n", agreement * 100, inside);
    EXPECT_GT(inside, 100000u);  // the wijk fills a good part of the picture
    EXPECT_GE(agreement, 0.99);
}

TEST_F(RenderCommand, DefaultAreaKeepsTheAspectAndShowsEveryBoundary) {
    const std::string out = dir_ + "/all.png";
    const auto r = runSamenkaart({"render", project_, "--out", out, "--size", "300x500"}, 120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto world = readWorldFile(dir_ + "/all.pgw");
    EXPECT_DOUBLE_EQ(world[0], -world[3]);  // square pixels
    // The sample wijk spans about 155400..157700 x 463500..465600; all of it is inside the picture.
    const double left = world[4] - world[0] / 2, top = world[5] - world[3] / 2;
    EXPECT_LT(left, 155400);
    EXPECT_GT(left + 300 * world[0], 157700);
    EXPECT_GT(top, 465600);
    EXPECT_LT(top + 500 * world[3], 463500);
}

// The whole composition at 640 x 400: boundaries, pins, labels, title, legend and scale bar. llvmpipe is
// deterministic enough that a small tolerance absorbs driver and rounding differences. To accept a new
// look: SAMENKAART_UPDATE_GOLDEN=1, then look at the image before committing it.
TEST_F(RenderCommand, FullCompositionMatchesTheGoldenImage) {
    addSamplePins();
    const std::string out = dir_ + "/composition.png";
    const auto r = runSamenkaart({"render", project_, "--out", out, "--size", "640x400", "--title",
                                  "Wijk De Vlinderhof", "--legend", "--scalebar"},
                                 120);
    ASSERT_EQ(r.exitCode, 0) << r.err;

    const std::string expectedSource = std::string(SAMENKAART_SOURCE_DIR) + "/tests/gui/golden/vlinderhof_640x400.png";
    if (std::getenv("SAMENKAART_UPDATE_GOLDEN")) {
        fs::copy_file(out, expectedSource, fs::copy_options::overwrite_existing);
        GTEST_SKIP() << "golden image written to " << expectedSource << ": look at it before committing";
    }
    const fs::path results = fs::path(SAMENKAART_TEST_OUTPUT_DIR) / "golden" / "vlinderhof_640x400";
    fs::create_directories(results);
    fs::copy_file(expectedSource, results / "expected.png", fs::copy_options::overwrite_existing);
    fs::remove(results / "actual.png");
    fs::remove(results / "diff.png");

    const mapping::RgbaImage expected = readImage(expectedSource);
    const mapping::RgbaImage actual = readImage(out);
    ASSERT_EQ(expected.width, actual.width);
    ASSERT_EQ(expected.height, actual.height);
    constexpr int kChannelTolerance = 16;
    constexpr double kAllowedDifferingRatio = 0.005;
    mapping::RgbaImage diff = actual;
    size_t differing = 0;
    for (size_t i = 0; i < actual.pixels.size(); i += 4) {
        int worst = 0;
        for (size_t c = 0; c < 4; ++c) worst = std::max(worst, std::abs(actual.pixels[i + c] - expected.pixels[i + c]));
        const bool differs = worst > kChannelTolerance;
        differing += differs;
        // Differences in red over a faded copy of the picture.
        for (size_t c = 0; c < 3; ++c) diff.pixels[i + c] = static_cast<uint8_t>(180 + actual.pixels[i + c] / 4);
        if (differs) diff.pixels[i] = 255, diff.pixels[i + 1] = 0, diff.pixels[i + 2] = 0;
        diff.pixels[i + 3] = 255;
    }
    const double ratio = static_cast<double>(differing) / (static_cast<double>(actual.pixels.size()) / 4);
    if (ratio > kAllowedDifferingRatio) {
        fs::copy_file(out, results / "actual.png", fs::copy_options::overwrite_existing);
        mapping::writePng((results / "diff.png").string(), diff);
    }
    EXPECT_LE(ratio, kAllowedDifferingRatio) << differing << " pixels differ by more than " << kChannelTolerance
                                             << "; see " << results.string() << "/{expected,actual,diff}.png";
}

TEST_F(RenderCommand, MistakesGiveOneClearLineAndTheDocumentedExitCode) {
    const std::string out = dir_ + "/m.png";
    auto r = runSamenkaart({"render", project_, "--out", out, "--bbox", "1,2,3"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("samenkaart: --bbox 1,2,3: expects four numbers"), std::string::npos) << r.err;
    r = runSamenkaart({"render", project_, "--out", out, "--bbox", "5,0,1,10"});  // min > max
    EXPECT_EQ(r.exitCode, 1);
    r = runSamenkaart({"render", project_, "--out", out, "--size", "0x100"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("samenkaart: --size 0x100:"), std::string::npos) << r.err;
    r = runSamenkaart({"render", project_, "--out", out, "--size", "big"});
    EXPECT_EQ(r.exitCode, 1);

    r = runSamenkaart({"render", project_, "--out", dir_ + "/no/such/folder/m.png"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("samenkaart: " + dir_ + "/no/such/folder/m.png: cannot be written"), std::string::npos)
        << r.err;
    r = runSamenkaart({"render", project_, "--out", dir_});  // a folder
    EXPECT_EQ(r.exitCode, 1);
    r = runSamenkaart({"render", project_, "--out", "/proc/m.png"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_FALSE(r.err.empty());

    r = runSamenkaart({"render", dir_ + "/missing.sqlite", "--out", out});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("samenkaart: " + dir_ + "/missing.sqlite:"), std::string::npos) << r.err;

    // Usage mistakes: exit 2.
    EXPECT_EQ(runSamenkaart({"render", project_}).exitCode, 2);  // neither --out nor --bench
    EXPECT_EQ(runSamenkaart({"render", project_, "--out", out, "--frobnicate"}).exitCode, 2);
    EXPECT_EQ(runSamenkaart({"render", "--out", out}).exitCode, 2);

    // Without a display: one line that says what to do.
    r = runSamenkaart({"render", project_, "--out", out}, 60, {"DISPLAY=", "WAYLAND_DISPLAY="});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: render: no X display (run under xvfb-run)\n");
    EXPECT_FALSE(fs::exists(out));
}

TEST_F(RenderCommand, BenchPrintsFrameTimesAsTheLastLine) {
    const auto r = runSamenkaart({"render", project_, "--bench", "5", "--size", "320x200"}, 120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::string last = r.out.substr(0, r.out.size() - 1);
    last = last.substr(last.rfind('\n') == std::string::npos ? 0 : last.rfind('\n') + 1);
    const auto report = nlohmann::json::parse(last, nullptr, false);
    ASSERT_FALSE(report.is_discarded()) << r.out;
    EXPECT_EQ(report["frames"], 5);
    for (const char* key : {"median_ms", "p95_ms", "p99_ms", "triangles"}) {
        ASSERT_TRUE(report.contains(key)) << key;
        EXPECT_GT(report[key].get<double>(), 0.0) << key;
    }
    EXPECT_LE(report["median_ms"].get<double>(), report["p95_ms"].get<double>());
    ASSERT_TRUE(report.contains("id_outline_frames"));
    EXPECT_GE(report["id_outline_frames"].get<int>(), 0);
    EXPECT_LE(report["id_outline_frames"].get<int>(), 5);
}

// --pins clusters: the sample's pins drawn as clusters at the whole-wijk view (fewer markers than
// pins, dark discs) and the bench's JSON says which view it timed and how long the index took.
TEST_F(RenderCommand, ClustersDrawFewerMarkersAndTheBenchReportsTheirBuild) {
    addSamplePins();
    const std::string pinsPng = dir_ + "/pins.png", clustersPng = dir_ + "/clusters.png";
    auto r = runSamenkaart({"render", project_, "--out", pinsPng, "--size", "400x300", "--no-labels"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSamenkaart(
        {"render", project_, "--out", clustersPng, "--size", "400x300", "--no-labels", "--pins", "clusters"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // The cluster discs are a dark blue (kClusterFill over the map) that nothing else on the sample map
    // has: not the fills, the pins nor the outlines.
    const auto darkPixels = [](const std::string& path) {
        const auto image = readImage(path);
        size_t dark = 0;
        for (int y = 0; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x) {
                const mapping::Rgba c = image.at(x, y);
                dark += c.r + c.g + c.b < 240 && c.b > c.r + 20 ? 1 : 0;
            }
        return dark;
    };
    const size_t inClusters = darkPixels(clustersPng), inPins = darkPixels(pinsPng);
    EXPECT_GT(inClusters, 700U) << inPins;
    EXPECT_LT(inPins, 150U) << inClusters;

    r = runSamenkaart({"render", project_, "--bench", "3", "--size", "320x200", "--pins", "clusters"}, 120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::string last = r.out.substr(0, r.out.size() - 1);
    last = last.substr(last.rfind('\n') == std::string::npos ? 0 : last.rfind('\n') + 1);
    const auto report = nlohmann::json::parse(last, nullptr, false);
    ASSERT_FALSE(report.is_discarded()) << r.out;
    EXPECT_EQ(report["pin_view"], "clusters");
    EXPECT_GT(report["pins"].get<int>(), 10);
    EXPECT_GE(report["cluster_build_ms"].get<double>(), 0.0);

    r = runSamenkaart({"render", project_, "--out", clustersPng, "--pins", "heat"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("heat"), std::string::npos) << r.err;
}

// --category and --from / --until choose the pins drawn, as the window's filter does; the legend
// keys only the categories shown (a category left out is not a 0).
TEST_F(RenderCommand, FilteredPinsAreTheOnlyOnesDrawn) {
    addSamplePins();
    auto near = [](const mapping::RgbaImage& image, int r, int g, int b) {
        size_t n = 0;
        for (size_t i = 0; i + 3 < image.pixels.size(); i += 4)
            n += std::abs(image.pixels[i] - r) <= 8 && std::abs(image.pixels[i + 1] - g) <= 8 &&
                 std::abs(image.pixels[i + 2] - b) <= 8;
        return n;
    };
    const std::string all = dir_ + "/all.png", kans = dir_ + "/kans.png", none = dir_ + "/none.png";
    ASSERT_EQ(runSamenkaart({"render", project_, "--out", all, "--size", "800x600", "--no-labels"}).exitCode, 0);
    auto r = runSamenkaart(
        {"render", project_, "--out", kans, "--size", "800x600", "--no-labels", "--category", "kans", "--legend"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSamenkaart({"render", project_, "--out", none, "--size", "800x600", "--no-labels", "--until", "2020-01-01"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto imageAll = readImage(all), imageKans = readImage(kans), imageNone = readImage(none);
    // Kans is #2e9e5b, Knelpunt #d0462f (engine/categories.cpp).
    EXPECT_GT(near(imageAll, 0x2e, 0x9e, 0x5b), 30u);
    EXPECT_GT(near(imageAll, 0xd0, 0x46, 0x2f), 30u);
    EXPECT_GT(near(imageKans, 0x2e, 0x9e, 0x5b), 30u);
    EXPECT_EQ(near(imageKans, 0xd0, 0x46, 0x2f), 0u);  // neither on the map nor in the legend
    EXPECT_EQ(near(imageNone, 0x2e, 0x9e, 0x5b), 0u);
    EXPECT_EQ(near(imageNone, 0xd0, 0x46, 0x2f), 0u);
    r = runSamenkaart({"render", project_, "--out", none, "--category", "kansen"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err.rfind("samenkaart: category kansen: is not in this project", 0), 0u) << r.err;
}
