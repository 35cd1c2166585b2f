// The map scene in clusters mode, drawn offscreen: the markers' counts add up to the pins in view at
// every zoom, a cluster is drawn as a dark disc with its count, pins on one spot fan out when asked,
// and a tap finds the marker under it. Needs a display: CTest runs this binary under xvfb-run.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
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

// Pins per buurt: three 1 km buurten in RD New holding 0, 1 and 30 pins. Each is painted its class's
// colour over the paper (the empty one keeps the paper), the counts are the scene's, and going back to
// each pin gives the buurten their own colours again.
TEST_F(ClusterSceneTest, BuurtenTakeTheirChoroplethClassAndGiveItBack) {
    auto snapshot = std::make_shared<MapSnapshot>();
    for (int i = 0; i < 3; ++i) {
        Boundary b;
        const double x = 150000.0 + i * 1000.0;
        b.geometry.push_back(
            {{{x, 460000.0}, {x + 1000, 460000.0}, {x + 1000, 461000.0}, {x, 461000.0}, {x, 460000.0}}});
        b.bounds = {x, 460000.0, x + 1000, 461000.0};
        b.order = static_cast<size_t>(i);
        snapshot->boundaries.push_back(b);
        snapshot->extent.expand(b.bounds);
    }
    snapshot->boundaryLayer = prepareLayer(boundaryLayer(snapshot->boundaries));
    std::vector<MultiPolygon> shapes;
    for (const Boundary& b : snapshot->boundaries) shapes.push_back(b.geometry);
    snapshot->boundaryPicker = PickIndex(shapes);
    snapshot->boundaryAreaKm2 = boundaryAreasKm2(snapshot->boundaries, "EPSG:28992");
    std::vector<Pin> pins;
    for (int i = 0; i < 31; ++i) {
        Pin p;
        p.id = "b" + std::to_string(i);
        p.category = "kans";
        p.position = i == 0 ? Point{151500.0, 460500.0} : Point{152100.0 + i * 20.0, 460300.0 + i * 10.0};
        pins.push_back(p);
    }
    MapRenderer renderer;
    renderer.setBackground(kMapBackground);
    renderer.setSampleCount(1);
    MapScene scene(renderer);
    scene.setSnapshot(snapshot);
    scene.setPins(preparePins(pins, twoCategories(), kPinRadiusPx));
    const Viewport view({151500.0, 460500.0}, 5.0, 800, 400);
    OffscreenTarget target(800, 400);
    // Inside each buurt, clear of its pins and outline.
    const auto sample = [&](int buurt) {
        const RgbaImage image = target.readPixels();
        const Point at = view.worldToScreen({150100.0 + buurt * 1000.0, 460900.0});
        return image.at(static_cast<int>(at.x), static_cast<int>(at.y));
    };
    scene.draw(view, &target.framebuffer());
    const Rgba own[3] = {sample(0), sample(1), sample(2)};
    EXPECT_EQ(scene.boundaryPinCounts(), nullptr);

    const auto over = [](DensityColour c) {  // straight alpha over the paper, as the GPU blends it
        const auto mix = [&c](uint8_t top, uint8_t under) { return (top * c.a + under * (255 - c.a)) / 255.0; };
        return std::array<double, 3>{mix(c.r, kMapBackground.r), mix(c.g, kMapBackground.g),
                                     mix(c.b, kMapBackground.b)};
    };
    const auto near = [](Rgba got, std::array<double, 3> want) {
        return std::abs(got.r - want[0]) <= 3 && std::abs(got.g - want[1]) <= 3 && std::abs(got.b - want[2]) <= 3;
    };
    for (const PinView pinView : {PinView::CountPerBuurt, PinView::DensityPerBuurt}) {
        scene.setPinView(pinView);
        scene.draw(view, &target.framebuffer());
        ASSERT_NE(scene.boundaryPinCounts(), nullptr);
        EXPECT_EQ(scene.boundaryPinCounts()->counts, (std::vector<uint32_t>{0, 1, 30}));
        const ChoroplethMeasure measure = *choroplethMeasure(pinView);
        const Rgba paper = sample(0);
        EXPECT_TRUE(near(paper, {double(kMapBackground.r), double(kMapBackground.g), double(kMapBackground.b)}))
            << "the buurt without pins is not blank";
        for (int buurt : {1, 2}) {
            const double value = choroplethValue(measure, buurt == 1 ? 1 : 30, snapshot->boundaryAreaKm2[buurt]);
            const DensityColour want = choroplethClasses(measure)[*choroplethClassOf(measure, value)].colour;
            const Rgba got = sample(buurt);
            EXPECT_TRUE(near(got, over(want)))
                << "buurt " << buurt << ": " << int(got.r) << "," << int(got.g) << "," << int(got.b);
        }
    }
    // Pins prepared with the boundaries (as the window prepares them) carry each one's buurt, and the
    // scene counts those rather than finding them again: a snapshot that says every pin lies in the
    // first buurt is counted so.
    PinSnapshot located = preparePins(pins, twoCategories(), kPinRadiusPx, &snapshot->boundaryPicker);
    ASSERT_EQ(located.boundaryOf.size(), pins.size());
    EXPECT_EQ(std::count(located.boundaryOf.begin(), located.boundaryOf.end(), 2), 30);
    scene.setPins(located);
    EXPECT_EQ(scene.boundaryPinCounts()->counts, (std::vector<uint32_t>{0, 1, 30}));
    std::fill(located.boundaryOf.begin(), located.boundaryOf.end(), 0);
    scene.setPins(located);
    EXPECT_EQ(scene.boundaryPinCounts()->counts, (std::vector<uint32_t>{31, 0, 0}));
    scene.setPinView(PinView::Pins);
    scene.draw(view, &target.framebuffer());
    EXPECT_EQ(scene.boundaryPinCounts(), nullptr);
    for (int buurt = 0; buurt < 3; ++buurt) EXPECT_EQ(sample(buurt), own[buurt]) << "buurt " << buurt;
}

// What panels read of the pins instead of walking them every frame: the pins per category, counted
// once, a revision that changes with every preparation, and a pin's place by its id.
TEST(PinSnapshotFacts, CountsPerCategoryRevisionAndPlaceOfAnId) {
    const std::vector<Pin> pins = manyPins();
    const PinSnapshot a = preparePins(pins, twoCategories(), kPinRadiusPx);
    EXPECT_EQ(a.pinsOfCategory("kans"), 1499u);
    EXPECT_EQ(a.pinsOfCategory("knelpunt"), 1500u);
    EXPECT_EQ(a.pinsOfCategory("verdwenen"), 0u);  // not in the codebook: counted apart
    EXPECT_EQ(a.pinsPerCategory, (std::vector<size_t>{1499, 1500, 1}));
    EXPECT_EQ(a.indexOf("p17"), std::optional<size_t>(17));
    EXPECT_EQ(a.indexOf("p2999"), std::optional<size_t>(2999));
    EXPECT_EQ(a.indexOf("p3000"), std::nullopt);
    const PinSnapshot b = preparePins(std::vector<Pin>(pins.begin(), pins.begin() + 10), twoCategories(), kPinRadiusPx);
    EXPECT_NE(a.revision, b.revision);
    EXPECT_EQ(b.pinsPerCategory, (std::vector<size_t>{5, 5, 0}));
}
