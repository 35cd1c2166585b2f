// Renders small scenes offscreen and checks pixels at known positions (golden-image style, with a
// tolerance per channel). Needs a display: CTest runs this binary under xvfb-run.
#include "mapping/map_renderer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

#include "corpus_reader.hpp"
#include "gl_test_fixture.hpp"
#include "mapping/gl_state_guard.hpp"
#include "mapping/image_export.hpp"
#include "mapping/offscreen.hpp"
#include "synthetic_layer.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

Ring square(double x0, double y0, double size) {
    return {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}};
}

constexpr Rgba kWhite{255, 255, 255, 255};
constexpr Rgba kFillRed{200, 30, 30, 255};
constexpr Rgba kOutlineBlue{0, 0, 200, 255};
constexpr Rgba kPinGreen{20, 160, 60, 255};

::testing::AssertionResult colourNear(const RgbaImage& image, int x, int y, Rgba expected, int tolerance = 10) {
    const Rgba actual = image.at(x, y);
    auto close = [&](uint8_t a, uint8_t e) { return std::abs(int(a) - int(e)) <= tolerance; };
    if (close(actual.r, expected.r) && close(actual.g, expected.g) && close(actual.b, expected.b) &&
        close(actual.a, expected.a))
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "pixel (" << x << ", " << y << ") is " << int(actual.r) << ","
                                         << int(actual.g) << "," << int(actual.b) << "," << int(actual.a)
                                         << " instead of " << int(expected.r) << "," << int(expected.g) << ","
                                         << int(expected.b) << "," << int(expected.a);
}

std::string outputPath(const std::string& name) { return std::string(SAMENKAART_TEST_OUTPUT_DIR) + "/" + name; }

// A 200 x 200 px window on the world square 0..100 with 50 px around it: screen x = world x + 50,
// screen y = 150 - world y.
Viewport squareViewport() { return Viewport({50, 50}, 1.0, 200, 200); }

PolygonLayer squareWithHole() {
    PolygonLayer layer;
    layer.features = {{{square(0, 0, 100), square(30, 30, 40)}}};
    layer.styles = {{kFillRed, kOutlineBlue, 4.0f}};
    return layer;
}

}  // namespace

class MapRendererTest : public test_support::GlTest {};

TEST_F(MapRendererTest, SquareWithHoleHasFillHoleAndCrispOutline) {
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    renderer.addLayer(prepareLayer(squareWithHole()));
    const RgbaImage image = renderToImage(renderer, squareViewport());
    ASSERT_EQ(image.width, 200);
    ASSERT_EQ(image.height, 200);
    writePng(outputPath("square_with_hole.png"), image);

    bool allGood = true;
    auto check = [&](int x, int y, Rgba expected, const char* what) {
        const auto result = colourNear(image, x, y, expected);
        EXPECT_TRUE(result) << what;
        allGood = allGood && result;
    };
    check(65, 100, kFillRed, "fill, left part of the square");
    check(100, 60, kFillRed, "fill, above the hole");
    check(100, 100, kWhite, "the hole shows the background");
    check(20, 20, kWhite, "outside the square");
    check(49, 100, kOutlineBlue, "outer outline, left edge (x = 50 +- 2 px)");
    check(51, 100, kOutlineBlue, "outer outline, inside half");
    check(100, 150, kOutlineBlue, "outer outline, bottom edge");
    check(80, 100, kOutlineBlue, "hole outline, left edge");
    check(45, 100, kWhite, "outline is only 4 px wide");
    check(56, 100, kFillRed, "outline is only 4 px wide, inside");
    check(50, 50, kOutlineBlue, "outer corner is closed (square caps)");
    if (!allGood) {
        writePng(outputPath("actual.png"), image);
        ADD_FAILURE() << "wrote " << outputPath("actual.png");
    }
}

TEST_F(MapRendererTest, PinsAreDrawnAboveEverythingWithAWhiteRim) {
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    PointLayer pins;
    pins.points = {{15, 50}};
    pins.colours = {kPinGreen};
    pins.radiusPx = 8.0f;
    renderer.addLayer(prepareLayer(pins));  // added first, still drawn last
    renderer.addLayer(prepareLayer(squareWithHole()));
    const RgbaImage image = renderToImage(renderer, squareViewport());
    writePng(outputPath("pin_over_polygon.png"), image);
    // The pin's centre (world 15, 50) is at screen (65, 100); pixel centres sit half a pixel off.
    EXPECT_TRUE(colourNear(image, 65, 100, kPinGreen));
    EXPECT_TRUE(colourNear(image, 65, 92, kWhite, 40));  // in the rim, 7.5 px above the centre
    EXPECT_TRUE(colourNear(image, 65, 89, kFillRed));    // beyond the pin
}

// No category is told by colour alone: pins of one colour but different symbols look different, and
// the pin whose card is open has a dark ring (issue 12: Kans green and Knelpunt red look alike to
// red-green colour blind people).
TEST_F(MapRendererTest, PinsCarryTheirCategorysSymbolAndTheOpenOneARing) {
    const std::vector<PinSymbol> symbols = {PinSymbol::None,    PinSymbol::Star, PinSymbol::Hand,
                                            PinSymbol::Warning, PinSymbol::Bulb, PinSymbol::Dot};
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    PointLayer pins;
    for (size_t i = 0; i < symbols.size(); ++i) pins.points.push_back({25.0 + 50.0 * static_cast<double>(i), 50});
    pins.colours = {kPinGreen};
    pins.symbols = symbols;
    pins.radiusPx = 16.0f;
    pins.ringed = 1;
    renderer.addLayer(prepareLayer(pins));
    const Viewport viewport({150, 50}, 1.0, 300, 100);  // pin i's centre at screen (25 + 50 i, 50)
    const RgbaImage image = renderToImage(renderer, viewport);
    writePng(outputPath("pin_symbols.png"), image);
    auto pixel = [&](int x, int y) {
        const size_t at = (static_cast<size_t>(y) * static_cast<size_t>(image.width) + static_cast<size_t>(x)) * 4;
        return Rgba{image.pixels[at], image.pixels[at + 1], image.pixels[at + 2], image.pixels[at + 3]};
    };
    auto differing = [&](size_t a, size_t b) {
        int count = 0;
        for (int dy = -12; dy <= 12; ++dy)
            for (int dx = -12; dx <= 12; ++dx) {
                const Rgba p = pixel(25 + 50 * static_cast<int>(a) + dx, 50 + dy);
                const Rgba q = pixel(25 + 50 * static_cast<int>(b) + dx, 50 + dy);
                if (std::abs(p.r - q.r) + std::abs(p.g - q.g) + std::abs(p.b - q.b) > 90) ++count;
            }
        return count;
    };
    for (size_t a = 0; a < symbols.size(); ++a)
        for (size_t b = a + 1; b < symbols.size(); ++b)
            EXPECT_GT(differing(a, b), 15) << "symbols " << a << " and " << b << " look alike";
    // Green is dark enough for a near-black symbol (theme.hpp, inkOn): the star's centre is dark.
    const Rgba star = pixel(75, 50);
    EXPECT_LT(star.r + star.g + star.b, 150) << int(star.r) << "," << int(star.g) << "," << int(star.b);
    // The ring: dark all around the ringed pin, 1.42 radii out; nothing there around the others.
    auto darkAround = [&](size_t i) {
        int dark = 0;
        for (int k = 0; k < 36; ++k) {
            const double angle = k * 3.14159265 / 18.0;
            const Rgba p =
                pixel(25 + 50 * static_cast<int>(i) + static_cast<int>(std::lround(std::cos(angle) * 16 * 1.42)),
                      50 + static_cast<int>(std::lround(std::sin(angle) * 16 * 1.42)));
            if (p.r + p.g + p.b < 200) ++dark;
        }
        return dark;
    };
    EXPECT_GE(darkAround(1), 34);
    EXPECT_EQ(darkAround(2), 0);
    EXPECT_EQ(darkAround(0), 0);
}

TEST_F(MapRendererTest, RasterLayerKeepsItsTopRowAtTheTop) {
    MapRenderer renderer;
    RasterLayer raster;
    raster.width = 2;
    raster.height = 2;
    raster.rgba = {255, 0, 0,   255, 0,   255, 0, 255,   // top row: red, green
                   0,   0, 255, 255, 255, 255, 0, 255};  // bottom row: blue, yellow
    raster.bounds = {0, 0, 100, 100};
    renderer.addLayer(raster);
    renderer.setSampleCount(1);
    const RgbaImage image = renderToImage(renderer, squareViewport());
    // Texel centres: world (25, 75) top-left ... screen (75, 75).
    EXPECT_TRUE(colourNear(image, 75, 75, {255, 0, 0, 255}));
    EXPECT_TRUE(colourNear(image, 125, 75, {0, 255, 0, 255}));
    EXPECT_TRUE(colourNear(image, 75, 125, {0, 0, 255, 255}));
    EXPECT_TRUE(colourNear(image, 125, 125, {255, 255, 0, 255}));
}

TEST_F(MapRendererTest, GlStateIsRestoredAfterRendering) {
    MapRenderer renderer;
    renderer.addLayer(prepareLayer(squareWithHole()));
    OffscreenTarget other(32, 32);
    glBindFramebuffer(GL_FRAMEBUFFER, other.framebuffer().id());
    glViewport(1, 2, 3, 4);
    glDisable(GL_BLEND);
    glEnable(GL_SCISSOR_TEST);
    glClearColor(0.25f, 0.5f, 0.75f, 1.0f);
    const OffscreenTarget target(200, 200);
    renderer.render(squareViewport(), &target.framebuffer());

    GLint framebuffer = 0, viewport[4] = {};
    GLfloat clear[4] = {};
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer);
    glGetIntegerv(GL_VIEWPORT, viewport);
    glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
    EXPECT_EQ(static_cast<GLuint>(framebuffer), other.framebuffer().id());
    EXPECT_EQ(viewport[0], 1);
    EXPECT_EQ(viewport[3], 4);
    EXPECT_FALSE(glIsEnabled(GL_BLEND));
    EXPECT_TRUE(glIsEnabled(GL_SCISSOR_TEST));
    EXPECT_FLOAT_EQ(clear[2], 0.75f);
    glDisable(GL_SCISSOR_TEST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

namespace {
// 2,500 generated buurten in one style: enough vertices for several levels of detail.
PolygonLayer syntheticBuurten() {
    test_support::SyntheticLayerSpec spec;
    spec.featureCount = 2500;
    PolygonLayer layer;
    layer.features = test_support::makeSyntheticLayer(spec);
    layer.styles = {{{180, 200, 230, 255}, {40, 60, 90, 255}, 1.0f}};
    return layer;
}
}  // namespace

TEST_F(MapRendererTest, ZoomedOutUsesCoarserLevelsAndZoomedInCullsChunks) {
    const PreparedVectorLayer prepared = prepareLayer(syntheticBuurten());
    ASSERT_GT(prepared.levels.size(), 1u);
    EXPECT_LT(prepared.levels.back().fillIndices.size(), prepared.levels.front().fillIndices.size() / 4);

    MapRenderer renderer;
    renderer.addLayer(prepared);
    Viewport view({}, 1.0, 400, 300);
    view.fitBbox(prepared.bounds);
    const RgbaImage overview = renderToImage(renderer, view);
    const RenderStats far = renderer.lastStats();
    writePng(outputPath("synthetic_overview.png"), overview);
    EXPECT_GT(far.finestLodLevel, 0);

    view.zoomAbout({200, 150}, 64.0);
    renderToImage(renderer, view);
    const RenderStats near = renderer.lastStats();
    EXPECT_EQ(near.finestLodLevel, 0);
    EXPECT_LT(near.trianglesSubmitted, prepared.levels.front().fillIndices.size() / 3 / 4);
    EXPECT_GT(near.trianglesSubmitted, 0u);
}

TEST_F(MapRendererTest, ADeferredLayerUploadsLevelsWhenNeededAndDrawsTheSame) {
    // The window's buurten (MapScene): only the level the first view draws is uploaded before it shows.
    const PolygonLayer layer = syntheticBuurten();
    const auto prepared = std::make_shared<const PreparedVectorLayer>(prepareLayer(layer));
    ASSERT_GT(prepared->levels.size(), 2u);
    Viewport whole({}, 1.0, 400, 300);
    whole.fitBbox(prepared->bounds);
    Viewport near = whole;
    near.zoomAbout({200, 150}, 64.0);
    // A choropleth's colours, set before some levels are uploaded, reach them all the same.
    std::vector<Rgba> fills(layer.features.size());
    for (size_t i = 0; i < fills.size(); ++i) fills[i] = {static_cast<uint8_t>(i * 7), 90, 160, 255};

    MapRenderer eager;
    const auto eagerId = eager.addLayer(*prepared);
    EXPECT_FALSE(eager.uploadsPending());
    MapRenderer deferred;
    const auto deferredId = deferred.addLayer(prepared);
    EXPECT_TRUE(deferred.uploadsPending());
    EXPECT_EQ(renderToImage(deferred, whole).pixels, renderToImage(eager, whole).pixels);
    EXPECT_TRUE(deferred.uploadsPending());  // the finer levels wait
    eager.setFeatureFills(eagerId, *prepared, fills);
    deferred.setFeatureFills(deferredId, *prepared, fills);
    EXPECT_EQ(renderToImage(deferred, near).pixels, renderToImage(eager, near).pixels);  // level 0, uploaded now
    EXPECT_EQ(deferred.lastStats().finestLodLevel, 0);
    size_t uploads = 0;
    while (deferred.uploadPendingLevel()) ++uploads;
    EXPECT_EQ(uploads, prepared->levels.size() - 2);  // every level but the two drawn
    EXPECT_FALSE(deferred.uploadsPending());
    for (double zoom : {2.0, 4.0, 8.0, 16.0}) {
        Viewport between = whole;
        between.zoomAbout({200, 150}, zoom);
        EXPECT_EQ(renderToImage(deferred, between).pixels, renderToImage(eager, between).pixels) << zoom;
    }
}

TEST_F(MapRendererTest, ReadBackPutsTheTopRowFirst) {
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    PolygonLayer topHalf;
    topHalf.features = {{{{{-100, 50}, {200, 50}, {200, 200}, {-100, 200}}}}};
    topHalf.styles = {{kFillRed, kOutlineBlue, 0.0f}};
    renderer.addLayer(prepareLayer(topHalf));
    const RgbaImage image = renderToImage(renderer, squareViewport());
    EXPECT_TRUE(colourNear(image, 100, 10, kFillRed));  // screen top = world north
    EXPECT_TRUE(colourNear(image, 100, 190, kWhite));
}

TEST_F(MapRendererTest, MassachusettsTownsRenderWithPins) {
    PolygonLayer towns;
    for (auto& feature : test_support::readCorpusPolygons(
             test_support::sharedDataPath("/vsizip/shapefile-corpus/shapefile-js/files/maSP.zip")))
        towns.features.push_back(std::move(feature.geometry));
    ASSERT_EQ(towns.features.size(), 351u);
    for (size_t i = 0; i < towns.features.size(); ++i)
        towns.styles.push_back({{static_cast<uint8_t>(150 + (i * 53) % 100), static_cast<uint8_t>(190 + (i * 29) % 60),
                                 static_cast<uint8_t>(160 + (i * 71) % 90), 255},
                                {50, 50, 50, 255},
                                1.0f});
    PointLayer pins;
    Bbox all;
    for (const auto& f : towns.features) all.expand(bboxOf(f));
    for (int i = 0; i < 12; ++i)
        pins.points.push_back({all.minx + all.width() * (0.1 + 0.07 * i), all.miny + all.height() * (0.3 + 0.03 * i)});
    pins.colours = {{230, 120, 20, 255}};

    MapRenderer renderer;
    renderer.setBackground({235, 242, 250, 255});
    renderer.addLayer(prepareLayer(towns));
    renderer.addLayer(prepareLayer(pins));
    Viewport view({}, 1.0, 800, 500);
    view.fitBbox(all, 0.03);
    const RgbaImage image = renderToImage(renderer, view);
    writePng(outputPath("massachusetts.png"), image);
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
    size_t land = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) land += image.at(x, y) != Rgba{235, 242, 250, 255};
    // The state covers roughly half of its bbox; a broken fill would leave only outlines (a few %).
    EXPECT_GT(static_cast<double>(land) / (image.width * image.height), 0.3);
}

namespace {

constexpr Rgba kFillA{230, 220, 200, 255};
constexpr Rgba kFillB{200, 220, 240, 255};
constexpr Rgba kOutlineGrey{60, 60, 70, 255};
constexpr Rgba kHighlight{250, 160, 0, 255};

// A chequerboard of 20 x 20 squares of 5 world units: at 1 unit per pixel, 2,000 outline segments in
// 200 x 200 pixels, enough that one sample draws the outlines from feature ids. Square (i, j) covers
// x 5i..5i+5, y 5j..5j+5.
PolygonLayer chequerboard(std::optional<size_t> highlighted = std::nullopt) {
    PolygonLayer layer;
    for (int j = 0; j < 20; ++j)
        for (int i = 0; i < 20; ++i) {
            layer.features.push_back({{square(5.0 * i, 5.0 * j, 5.0)}});
            const bool highlight = highlighted && *highlighted == layer.features.size() - 1;
            layer.styles.push_back(
                {(i + j) % 2 ? kFillA : kFillB, highlight ? kHighlight : kOutlineGrey, highlight ? 4.0f : 1.5f});
        }
    return layer;
}

// The world square 0..100 on 200 x 200 pixels at 0.5 units per pixel: screen x = 2 * world x,
// screen y = 200 - 2 * world y. A square is 10 x 10 pixels.
Viewport chequerboardViewport() { return Viewport({50, 50}, 0.5, 200, 200); }

}  // namespace

TEST_F(MapRendererTest, OneSampleDrawsManyOutlinesFromFeatureIdsEveryBorderOnce) {
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    renderer.setSampleCount(1);
    renderer.addLayer(prepareLayer(chequerboard()));
    const RgbaImage image = renderToImage(renderer, chequerboardViewport());
    writePng(outputPath("edge_outlines.png"), image);
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 1);
    EXPECT_EQ(renderer.lastStats().segmentsSubmitted, 0u);
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));

    // Every border between squares is one pixel wide and has no gap: along the vertical border at
    // screen x = 100 (world x = 50) the pixel column 100 is outline all the way, 99 and 101 are fills.
    int outlinePixels = 0, fillPixels = 0;
    for (int y = 1; y < 199; ++y) {
        outlinePixels += colourNear(image, 100, y, kOutlineGrey) ? 1 : 0;
        fillPixels += colourNear(image, 98, y, kFillA) || colourNear(image, 98, y, kFillB) ? 1 : 0;
        fillPixels += colourNear(image, 102, y, kFillA) || colourNear(image, 102, y, kFillB) ? 1 : 0;
    }
    EXPECT_EQ(outlinePixels, 198);
    EXPECT_GT(fillPixels, 2 * 198 * 8 / 10);           // only the horizontal borders cross these columns
    EXPECT_TRUE(colourNear(image, 105, 105, kFillA));  // the middle of square (10, 9)
    EXPECT_TRUE(colourNear(image, 95, 105, kFillB));   // and of its neighbour (9, 9)

    // With a margin around the layer the pass covers only the layer, and still its outer border: the
    // layer spans screen 20..220 both ways; a pixel differing from its left or lower neighbour is outline,
    // so that is column 20 (its first) and 220 (the first beyond), row 219 (its last) and 19 (above it).
    const RgbaImage framed = renderToImage(renderer, Viewport({50, 50}, 0.5, 240, 240));
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 1);
    EXPECT_TRUE(colourNear(framed, 20, 125, kOutlineGrey));
    EXPECT_TRUE(colourNear(framed, 220, 125, kOutlineGrey));
    EXPECT_TRUE(colourNear(framed, 125, 219, kOutlineGrey));
    EXPECT_TRUE(colourNear(framed, 125, 19, kOutlineGrey));
    EXPECT_TRUE(colourNear(framed, 10, 125, kWhite));
    EXPECT_TRUE(colourNear(framed, 230, 125, kWhite));

    // Four samples stroke every ring instead.
    renderer.setSampleCount(4);
    renderToImage(renderer, chequerboardViewport());
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 0);
    EXPECT_EQ(renderer.lastStats().segmentsSubmitted, 20u * 20u * 5u - 1u);
}

TEST_F(MapRendererTest, FewOutlinesAreStrokedEvenWithOneSample) {
    MapRenderer renderer;
    renderer.setSampleCount(1);
    renderer.addLayer(prepareLayer(squareWithHole()));
    renderToImage(renderer, squareViewport());
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 0);
    EXPECT_GT(renderer.lastStats().segmentsSubmitted, 0u);
}

TEST_F(MapRendererTest, AnOutlineInAnotherStyleIsStrokedOnTopOfTheFeatureIdOutlines) {
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    renderer.setSampleCount(1);
    renderer.addLayer(prepareLayer(chequerboard(20 * 9 + 10)));  // square (10, 9): screen x 100..110, y 100..110
    const RgbaImage image = renderToImage(renderer, chequerboardViewport());
    writePng(outputPath("edge_outlines_highlight.png"), image);
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 1);
    EXPECT_EQ(renderer.lastStats().segmentsSubmitted, 4u);  // the highlighted ring alone
    EXPECT_TRUE(colourNear(image, 100, 105, kHighlight));   // its left edge, 4 px wide
    EXPECT_TRUE(colourNear(image, 101, 105, kHighlight));
    EXPECT_TRUE(colourNear(image, 105, 105, kFillA));       // its middle
    EXPECT_TRUE(colourNear(image, 80, 105, kOutlineGrey));  // another border
}

TEST_F(MapRendererTest, FeatureIdOutlinesLookTheSameInATextureARenderbufferAndTheWindow) {
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    renderer.setSampleCount(1);
    renderer.addLayer(prepareLayer(chequerboard()));
    // 64 x 64 pixels, the size of the hidden test window.
    const Viewport view({50, 50}, 0.5, 64, 64);
    const RgbaImage inTexture = renderToImage(renderer, view);
    ASSERT_EQ(renderer.lastStats().edgeOutlinePasses, 1);

    auto readBack = [](GLuint framebuffer) {
        std::vector<uint8_t> pixels(64 * 64 * 4);
        glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, 64, 64, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
        glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
        return pixels;
    };
    // GL's rows run bottom-up; RgbaImage's top-down.
    auto flipped = [](const RgbaImage& image) {
        std::vector<uint8_t> pixels(image.pixels.size());
        for (int y = 0; y < 64; ++y)
            std::copy_n(image.pixels.begin() + static_cast<ptrdiff_t>(y) * 256, 256,
                        pixels.begin() + static_cast<ptrdiff_t>(63 - y) * 256);
        return pixels;
    };

    GlRenderbuffer colour = GlRenderbuffer::create();
    glBindRenderbuffer(GL_RENDERBUFFER, colour.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, 64, 64);
    GlFramebuffer withRenderbuffer = GlFramebuffer::create();
    glBindFramebuffer(GL_FRAMEBUFFER, withRenderbuffer.id());
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour.id());
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    renderer.render(view, &withRenderbuffer);
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 1);
    EXPECT_TRUE(readBack(withRenderbuffer.id()) == flipped(inTexture)) << "renderbuffer target";

    // The window's own framebuffer cannot be attached: drawn aside and copied.
    renderer.render(view, nullptr);
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 1);
    EXPECT_TRUE(readBack(0) == flipped(inTexture)) << "default framebuffer";

    // The target's texture is let go after each frame: deleting it leaves nothing behind in GL.
    {
        const OffscreenTarget target(64, 64);
        renderer.render(view, &target.framebuffer());
    }
    EXPECT_TRUE(renderToImage(renderer, view).pixels == inTexture.pixels);
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

TEST_F(MapRendererTest, FeatureIdOutlinesAreTwoPixelsWideOnAHighDensityDisplay) {
    MapRenderer renderer;
    renderer.setBackground(kWhite);
    renderer.setSampleCount(1);
    renderer.addLayer(prepareLayer(chequerboard()));
    Viewport view({50, 50}, 1.0, 100, 100);
    view.setFramebufferScale(2.0);  // 1.5 px outlines are 3 physical pixels
    const RgbaImage image = renderToImage(renderer, view);
    ASSERT_EQ(image.width, 200);
    EXPECT_EQ(renderer.lastStats().edgeOutlinePasses, 1);
    // The border at physical x = 100: both pixels beside it are outline, the next ones fill.
    EXPECT_TRUE(colourNear(image, 99, 105, kOutlineGrey));
    EXPECT_TRUE(colourNear(image, 100, 105, kOutlineGrey));
    EXPECT_TRUE(colourNear(image, 97, 105, kFillB));
    EXPECT_TRUE(colourNear(image, 102, 105, kFillA));
}
