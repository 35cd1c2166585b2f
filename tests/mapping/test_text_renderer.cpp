// Text and labels drawn offscreen with DejaVu Sans: dark glyph pixels where the text is, a white halo
// around it, the map untouched elsewhere, and labels that do not fit their buurt left out.
#include "mapping/text_renderer.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "engine/error.hpp"
#include "gl_test_fixture.hpp"
#include "mapping/gl_state_guard.hpp"
#include "mapping/image_export.hpp"
#include "mapping/label_layer.hpp"
#include "mapping/map_renderer.hpp"
#include "mapping/offscreen.hpp"
#include "mapping/overlay_painter.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

constexpr Rgba kFill{170, 200, 235, 255};  // a pastel buurt fill

std::string outputPath(const std::string& name) { return std::string(SAMENKAART_TEST_OUTPUT_DIR) + "/" + name; }

int brightness(Rgba c) { return (c.r + c.g + c.b) / 3; }

void clearTarget(const OffscreenTarget& target, Rgba colour) {
    const GlStateGuard guard;
    glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer().id());
    glViewport(0, 0, target.width(), target.height());
    glClearColor(colour.r / 255.0f, colour.g / 255.0f, colour.b / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

struct PixelCounts {
    int dark = 0;   // glyph ink
    int white = 0;  // halo
    int other = 0;
};

PixelCounts countIn(const RgbaImage& image, const Bbox& rect) {
    PixelCounts c;
    for (int y = std::max(0, int(rect.miny)); y < std::min(image.height, int(rect.maxy)); ++y)
        for (int x = std::max(0, int(rect.minx)); x < std::min(image.width, int(rect.maxx)); ++x) {
            const Rgba p = image.at(x, y);
            if (brightness(p) < 120)
                ++c.dark;
            else if (p.r > 240 && p.g > 240 && p.b > 240)
                ++c.white;
            else
                ++c.other;
        }
    return c;
}

Ring square(double x0, double y0, double size) {
    return {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}};
}

}  // namespace

class TextRendererTest : public test_support::GlTest {};

TEST_F(TextRendererTest, CoversDutchAndLatin1AndMeasuresByAdvance) {
    TextRenderer text(kDejaVuSansPath);
    for (char32_t cp = 0x21; cp <= 0x7E; ++cp) EXPECT_TRUE(text.hasGlyph(cp)) << int(cp);
    for (char32_t cp = 0xA1; cp <= 0x17F; ++cp) EXPECT_TRUE(text.hasGlyph(cp)) << int(cp);
    EXPECT_TRUE(text.hasGlyph(0x20AC));  // euro sign

    const TextSize ij = text.measure("\u0133", 20.0f);
    EXPECT_GT(ij.width, 3.0);
    EXPECT_DOUBLE_EQ(ij.height, 20.0);
    // Width scales with the size; more letters are wider.
    const double w12 = text.measure("Poëtenbuurt", 12.0f).width;
    const double w24 = text.measure("Poëtenbuurt", 24.0f).width;
    EXPECT_NEAR(w24, 2 * w12, 0.01);
    EXPECT_GT(text.measure("Poëtenbuurten", 12.0f).width, w12);
    EXPECT_DOUBLE_EQ(text.measure("", 12.0f).width, 0.0);
    // Damaged UTF-8 still measures (as replacement characters), it does not throw.
    EXPECT_GT(text.measure("caf\xC3", 12.0f).width, text.measure("caf", 12.0f).width);
}

TEST_F(TextRendererTest, MissingFontNamesTheFile) {
    try {
        TextRenderer text("/nonexistent/font.ttf");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/font.ttf"), std::string::npos);
    }
}

TEST_F(TextRendererTest, TextIsDarkWithAWhiteHaloAndLeavesTheRestAlone) {
    TextRenderer text(kDejaVuSansPath);
    const OffscreenTarget target(240, 60);
    clearTarget(target, kFill);
    const Viewport screen({0, 0}, 1.0, 240, 60);
    TextBatch batch;
    const std::string label = "Poëtenbuurt ĳ €";
    const TextSize size = text.measure(label, 24.0f);
    text.addText(batch, label, {10, 15}, {24.0f, Rgba{30, 30, 40, 255}, Rgba{255, 255, 255, 255}, 3.0f});
    text.draw(batch, screen, &target.framebuffer());
    const RgbaImage image = target.readPixels();
    writePng(outputPath("text_halo.png"), image);

    const PixelCounts inside = countIn(image, {10, 15, 10 + size.width, 15 + size.height});
    EXPECT_GT(inside.dark, 150);
    EXPECT_GT(inside.white, 150);
    // Every dark pixel has white close by: the halo surrounds the ink.
    int darkWithoutHalo = 0;
    for (int y = 2; y < image.height - 2; ++y)
        for (int x = 2; x < image.width - 2; ++x) {
            if (brightness(image.at(x, y)) >= 120) continue;
            bool halo = false;
            for (int dy = -4; dy <= 4 && !halo; ++dy)
                for (int dx = -4; dx <= 4 && !halo; ++dx) {
                    const int nx = std::clamp(x + dx, 0, image.width - 1), ny = std::clamp(y + dy, 0, image.height - 1);
                    const Rgba p = image.at(nx, ny);
                    halo = p.r > 240 && p.g > 240 && p.b > 240;
                }
            if (!halo) ++darkWithoutHalo;
        }
    EXPECT_EQ(darkWithoutHalo, 0);
    // Outside the text box (halo included) the fill is untouched.
    const PixelCounts right = countIn(image, {10 + size.width + 6, 0, 240, 60});
    EXPECT_EQ(right.dark + right.white, 0);
    EXPECT_EQ(image.at(235, 5), kFill);
}

TEST_F(TextRendererTest, RectanglesAndDiscsAreSolid) {
    TextRenderer text(kDejaVuSansPath);
    const OffscreenTarget target(100, 50);
    clearTarget(target, kFill);
    TextBatch batch;
    text.addRect(batch, {10, 10, 40, 30}, Rgba{200, 30, 30, 255});
    text.addDisc(batch, {70, 25}, 12.0f, Rgba{20, 160, 60, 255}, Rgba{255, 255, 255, 255}, 3.0f);
    text.draw(batch, Viewport({0, 0}, 1.0, 100, 50), &target.framebuffer());
    const RgbaImage image = target.readPixels();
    EXPECT_EQ(image.at(11, 11), (Rgba{200, 30, 30, 255}));
    EXPECT_EQ(image.at(39, 29), (Rgba{200, 30, 30, 255}));
    EXPECT_EQ(image.at(41, 31), kFill);
    const Rgba centre = image.at(70, 25);
    EXPECT_NEAR(centre.g, 160, 3);
    const Rgba rim = image.at(70 + 10, 25);  // 10 px out: inside the 3 px rim
    EXPECT_GT(brightness(rim), 240);
    EXPECT_EQ(image.at(70 + 15, 25), kFill);
}

TEST_F(TextRendererTest, GlStateIsRestored) {
    TextRenderer text(kDejaVuSansPath);
    const OffscreenTarget target(64, 32);
    TextBatch batch;
    text.addText(batch, "Wijk", {2, 2}, {});
    GLint framebufferBefore = 0, programBefore = 0, viewportBefore[4];
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebufferBefore);
    glGetIntegerv(GL_CURRENT_PROGRAM, &programBefore);
    glGetIntegerv(GL_VIEWPORT, viewportBefore);
    const GLboolean blendBefore = glIsEnabled(GL_BLEND);
    text.draw(batch, Viewport({0, 0}, 1.0, 64, 32), &target.framebuffer());
    GLint framebuffer = 0, program = 0, viewport[4];
    glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &framebuffer);
    glGetIntegerv(GL_CURRENT_PROGRAM, &program);
    glGetIntegerv(GL_VIEWPORT, viewport);
    EXPECT_EQ(framebuffer, framebufferBefore);
    EXPECT_EQ(program, programBefore);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(viewport[i], viewportBefore[i]);
    EXPECT_EQ(glIsEnabled(GL_BLEND), blendBefore);
    EXPECT_EQ(glGetError(), static_cast<GLenum>(GL_NO_ERROR));
}

TEST_F(TextRendererTest, LabelLayerDrawsNamesAtAnchorsAndHidesThoseThatDoNotFit) {
    // Two buurten side by side: a big one (400 m) and a small one (60 m) in a 2 m/px view.
    MapSnapshot snapshot;
    Boundary big, small;
    big.name = "Vlinderhof";
    big.geometry = {{square(0, 0, 400)}};
    big.bounds = bboxOf(big.geometry);
    small.name = "De Kröller";
    small.geometry = {{square(400, 0, 60)}};
    small.bounds = bboxOf(small.geometry);
    snapshot.boundaries = {big, small};
    for (const Boundary& b : snapshot.boundaries) {
        LabelRequest r;
        r.anchor = b.bounds.center();
        r.featureBbox = b.bounds;
        r.priority = b.bounds.width() * b.bounds.height();
        snapshot.boundaryLabels.push_back(r);
    }
    PolygonLayer fills;
    for (const Boundary& b : snapshot.boundaries) fills.features.push_back(b.geometry);
    fills.styles = {{kFill, Rgba{70, 70, 80, 255}, 1.0f}};

    MapRenderer renderer;
    renderer.setBackground({244, 241, 234, 255});
    renderer.addLayer(prepareLayer(fills));
    TextRenderer text(kDejaVuSansPath);
    LabelLayer labels(text);
    const Viewport viewport({220, 200}, 2.0, 260, 220);
    const OffscreenTarget target(viewport.framebufferWidth(), viewport.framebufferHeight());
    renderer.render(viewport, &target.framebuffer());
    EXPECT_EQ(labels.draw(snapshot, viewport, &target.framebuffer()), 1u);
    const RgbaImage image = target.readPixels();
    writePng(outputPath("label_layer.png"), image);

    ASSERT_EQ(labels.lastPlaced().size(), 1u);
    EXPECT_EQ(labels.lastPlaced()[0].request, 0u);
    const Point anchor = viewport.worldToScreen({200, 200});
    const PixelCounts atAnchor = countIn(image, {anchor.x - 30, anchor.y - 8, anchor.x + 30, anchor.y + 8});
    EXPECT_GT(atAnchor.dark, 40);
    EXPECT_GT(atAnchor.white, 40);
    // The small buurt (30 px wide on screen) got no label: only its fill and outline there.
    const Point smallCentre = viewport.worldToScreen({430, 30});
    const PixelCounts inSmall =
        countIn(image, {smallCentre.x - 8, smallCentre.y - 8, smallCentre.x + 8, smallCentre.y + 8});
    EXPECT_EQ(inSmall.white, 0);

    // Zoomed in 4x on the small one (120 px wide) its name fits, also with the GUI's larger text scale.
    const Viewport closer({430, 30}, 0.5, 260, 220);
    renderer.render(closer, &target.framebuffer());
    EXPECT_EQ(labels.draw(snapshot, closer, &target.framebuffer(), 1.25f), 1u);
    ASSERT_EQ(labels.lastPlaced().size(), 1u);
    EXPECT_EQ(labels.lastPlaced()[0].request, 1u);
    const RgbaImage zoomed = target.readPixels();
    writePng(outputPath("label_layer_zoomed.png"), zoomed);
    EXPECT_GT(countIn(zoomed, {100, 100, 160, 120}).dark, 40);
}

TEST_F(TextRendererTest, OverlayDrawsTitleLegendAndScaleBar) {
    TextRenderer regular(kDejaVuSansPath), bold(kDejaVuSansBoldPath);
    const Viewport map({0, 0}, 5.0, 400, 260);  // 5 m/px: the bar's round length is 200 m (40 px) or more
    const OffscreenTarget target(400, 260);
    clearTarget(target, kFill);
    OverlayPainter overlay(regular, bold);
    overlay.addTitleBar("Wijk De Vlinderhof — kansen", map);
    overlay.addLegend("Legenda", {{"Kans", Rgba{30, 160, 80, 255}, 4}, {"Zorg", Rgba{220, 60, 50, 255}, 12}}, map);
    overlay.addScaleBar(map);
    overlay.draw(map, &target.framebuffer());
    const RgbaImage image = target.readPixels();
    writePng(outputPath("overlay.png"), image);
    EXPECT_GT(countIn(image, {0, 0, 400, overlay.titleBarHeight()}).dark, 100);  // the title's ink
    EXPECT_GT(countIn(image, {250, 40, 400, 120}).dark, 30);                     // legend text
    EXPECT_GT(countIn(image, {0, 200, 200, 260}).dark, 60);                      // the bar and "0 ... 200 m"
}

TEST(Legend, CountsHaveTheirDigitsGrouped) {
    EXPECT_EQ(groupDigits(0, '.'), "0");
    EXPECT_EQ(groupDigits(999, '.'), "999");
    EXPECT_EQ(groupDigits(1000, '.'), "1.000");
    EXPECT_EQ(groupDigits(100000, '.'), "100.000");
    EXPECT_EQ(groupDigits(1234567, ','), "1,234,567");
}

TEST(ScaleBar, RoundLengthsAndTheirNames) {
    EXPECT_DOUBLE_EQ(roundScaleLength(730.0), 500.0);
    EXPECT_DOUBLE_EQ(roundScaleLength(1000.0), 1000.0);
    EXPECT_DOUBLE_EQ(roundScaleLength(1999.0), 1000.0);
    EXPECT_DOUBLE_EQ(roundScaleLength(0.3), 0.2);
    EXPECT_EQ(scaleLengthText(500.0), "500 m");
    EXPECT_EQ(scaleLengthText(1000.0), "1 km");
    EXPECT_EQ(scaleLengthText(20000.0), "20 km");
    EXPECT_EQ(scaleLengthText(0.5), "50 cm");
    EXPECT_EQ(scaleLengthText(0.05, false), "0.05\u00B0");
}
