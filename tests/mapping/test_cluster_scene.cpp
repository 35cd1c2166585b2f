// The map scene in clusters mode, drawn offscreen: the markers' counts add up to the pins in view at
// every zoom, a cluster is drawn as a dark disc with its count, pins on one spot fan out when asked,
// and a tap finds the marker under it. Needs a display: CTest runs this binary under xvfb-run.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <vector>

#include "gl_test_fixture.hpp"
#include "mapping/map_scene.hpp"
#include "mapping/map_style.hpp"
#include "mapping/offscreen.hpp"
#include "mapping/text_renderer.hpp"

using namespace samenkaart;
using namespace samenkaart::mapping;

namespace {

class ClusterSceneTest : public test_support::GlTest {};

std::vector<Category> twoCategories() {
    Category kans;
    kans.code = "kans";
    kans.colour = "#1b9e77";
    kans.icon = "star";
    Category knelpunt;
    knelpunt.code = "knelpunt";
    knelpunt.colour = "#d95f02";
    knelpunt.icon = "warning";
    return {kans, knelpunt};
}

// 3,000 pins in a 10 km square, 25 of them on one spot (a community centre), and one with a category
// the codebook does not know.
std::vector<Pin> manyPins() {
    std::mt19937_64 rng(8);
    std::uniform_real_distribution<double> u(0.0, 10000.0);
    std::vector<Pin> pins;
    for (int i = 0; i < 3000; ++i) {
        Pin p;
        p.id = "p" + std::to_string(i);
        p.category = i % 2 ? "kans" : "knelpunt";
        p.position = i < 25 ? Point{5000.0, 5000.0} : Point{u(rng), u(rng)};
        pins.push_back(p);
    }
    pins.back().category = "verdwenen";
    return pins;
}

uint64_t pinsIn(const std::vector<Pin>& pins, const Bbox& b) {
    uint64_t n = 0;
    for (const Pin& p : pins) n += b.contains(p.position) ? 1 : 0;
    return n;
}

// A scene of manyPins() in clusters mode, with the font of the clusters' counts.
struct ClusterScene {
    MapRenderer renderer;
    TextRenderer text{kDejaVuSansPath};
    MapScene scene{renderer};
    std::vector<Pin> pins = manyPins();
    ClusterScene() {
        renderer.setBackground(kMapBackground);
        scene.setMarkerText(&text);
        scene.setPins(preparePins(pins, twoCategories(), kPinRadiusPx));
        scene.setPinView(PinView::Clusters, '.');
    }
};

TEST_F(ClusterSceneTest, MarkersAddUpToThePinsInViewAtEveryZoom) {
    ClusterScene fixture;
    MapScene& scene = fixture.scene;
    const std::vector<Pin>& pins = fixture.pins;
    OffscreenTarget target(800, 600);
    for (const double resolution : {20.0, 8.0, 2.0, 0.5}) {
        for (const Point centre : {Point{5000, 5000}, Point{1200, 8700}, Point{-2000, 5000}}) {
            const Viewport view(centre, resolution, 800, 600);
            scene.draw(view, &target.framebuffer());
            uint64_t sum = 0;
            for (const MapMarker& m : scene.markers()) sum += m.count;
            EXPECT_EQ(sum, pinsIn(pins, view.visibleBbox())) << "resolution " << resolution;
            EXPECT_EQ(scene.clusterView().pinsInView, sum);
        }
    }
    // Far out, few markers for many pins; close in, single pins only where they stand apart.
    scene.draw(Viewport({5000, 5000}, 20.0, 800, 600), &target.framebuffer());
    EXPECT_LT(scene.markers().size(), 40U);
    scene.setPinView(PinView::Pins);
    scene.draw(Viewport({5000, 5000}, 20.0, 800, 600), &target.framebuffer());
    EXPECT_TRUE(scene.markers().empty());
}

TEST_F(ClusterSceneTest, AClusterIsADarkDiscAndPinsOnOneSpotFanOutToBeTapped) {
    ClusterScene fixture;
    MapScene& scene = fixture.scene;
    const std::vector<Pin>& pins = fixture.pins;
    // Close in on the spot: its 25 pins are one marker with zero extent among single pins.
    const Viewport view({5000, 5000}, 0.5, 800, 600);
    OffscreenTarget target(800, 600);
    scene.draw(view, &target.framebuffer());
    const auto spot =
        std::find_if(scene.markers().begin(), scene.markers().end(), [](const MapMarker& m) { return m.count == 25; });
    ASSERT_NE(spot, scene.markers().end());
    EXPECT_EQ(spot->extent.width(), 0.0);
    const Point atScreen = view.worldToScreen(spot->world);
    // The disc: dark at its rim's inside (the count's white glyphs sit in the middle).
    const RgbaImage image = target.readPixels();
    const Rgba inside = image.at(static_cast<int>(atScreen.x - spot->radiusPx + 5), static_cast<int>(atScreen.y));
    EXPECT_LT(inside.r + inside.g + inside.b, 3 * 90) << "not the cluster's dark fill";
    const auto hit = markerAt(scene.markers(), view, atScreen, 0.0);
    ASSERT_TRUE(hit);
    EXPECT_EQ(scene.markers()[*hit].count, 25U);

    // Fanned: 25 markers of one pin each, around the spot, every one tappable and each a different pin.
    scene.setFannedSpot(spot->extent);
    scene.draw(view, &target.framebuffer());
    std::vector<size_t> fanned;
    for (size_t i = 0; i < scene.markers().size(); ++i) {
        const MapMarker& m = scene.markers()[i];
        if (m.offsetPx.x == 0.0 && m.offsetPx.y == 0.0) continue;
        ASSERT_TRUE(m.pin);
        EXPECT_EQ(m.count, 1U);
        EXPECT_EQ(pins[*m.pin].position.x, 5000.0);
        const Point drawn = view.worldToScreen(m.world);
        const auto tapped = markerAt(scene.markers(), view, {drawn.x + m.offsetPx.x, drawn.y + m.offsetPx.y}, 0.0);
        ASSERT_TRUE(tapped);
        EXPECT_EQ(*tapped, i);
        fanned.push_back(*m.pin);
    }
    std::sort(fanned.begin(), fanned.end());
    EXPECT_EQ(fanned.size(), 25U);
    EXPECT_EQ(std::unique(fanned.begin(), fanned.end()), fanned.end());
    uint64_t sum = 0;
    for (const MapMarker& m : scene.markers()) sum += m.count;
    EXPECT_EQ(sum, pinsIn(pins, view.visibleBbox()));

    scene.setFannedSpot(std::nullopt);
    scene.draw(view, &target.framebuffer());
    EXPECT_TRUE(
        std::any_of(scene.markers().begin(), scene.markers().end(), [](const MapMarker& m) { return m.count == 25; }));
    // Nothing beside the map, nor in a map without markers.
    EXPECT_FALSE(markerAt(scene.markers(), view, {-200, -200}, 24.0).has_value());
    EXPECT_FALSE(markerAt({}, view, atScreen, 24.0).has_value());
}

}  // namespace
