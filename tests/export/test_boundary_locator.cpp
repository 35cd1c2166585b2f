#include <gtest/gtest.h>

#include <random>

#include "engine/boundary_locator.hpp"

using namespace samenkaart;

namespace {

MultiPolygon square(double x0, double y0, double x1, double y1) { return {{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}}}; }

}  // namespace

TEST(BoundaryLocator, SharedEdgeAndVertexGoToTheLowestIndex) {
    BoundaryLocator loc;
    loc.add(square(0, 0, 10, 10));   // 0
    loc.add(square(10, 0, 20, 10));  // 1, shares the edge x = 10
    loc.add(square(0, 10, 10, 20));  // 2, shares y = 10 with 0
    loc.build();
    EXPECT_EQ(loc.locate({5, 5}), 0u);
    EXPECT_EQ(loc.locate({15, 5}), 1u);
    EXPECT_EQ(loc.locate({10, 5}), 0u);   // on the shared edge
    EXPECT_EQ(loc.locate({10, 10}), 0u);  // on the vertex shared by all three
    EXPECT_EQ(loc.locate({5, 10}), 0u);
    EXPECT_EQ(loc.locate({20, 10}), 1u);  // on an outer corner: closed polygons contain it
    EXPECT_FALSE(loc.locate({25, 5}));
    EXPECT_FALSE(loc.locate({-0.001, 5}));
}

TEST(BoundaryLocator, HolesAndEnclavesAndMultiPolygons) {
    BoundaryLocator loc;
    MultiPolygon withHole = {{{{0, 0}, {10, 0}, {10, 10}, {0, 10}}, {{4, 4}, {6, 4}, {6, 6}, {4, 6}}}};
    loc.add(withHole);            // 0
    loc.add(square(4, 4, 6, 6));  // 1: the enclave filling the hole
    MultiPolygon exclave = square(20, 0, 22, 2);
    exclave.push_back(square(30, 0, 32, 2).front());
    loc.add(exclave);  // 2: two parts
    loc.build();
    EXPECT_EQ(loc.locate({5, 5}), 1u);  // in the hole: the enclave's
    EXPECT_EQ(loc.locate({4, 5}), 0u);  // on the hole's edge: on 0's boundary, and 0 is lower
    EXPECT_EQ(loc.locate({2, 2}), 0u);
    EXPECT_EQ(loc.locate({31, 1}), 2u);
    EXPECT_FALSE(loc.locate({25, 1}));
}

TEST(BoundaryLocator, ExactlyOneOwnerForPointsNearASlantedSharedEdge) {
    // Two triangles sharing a slanted diagonal; points scattered very close to it must each be
    // counted once (never in both, never in neither).
    BoundaryLocator loc;
    loc.add({{{{0, 0}, {1000.3, 0}, {1000.3, 777.7}}}});
    loc.add({{{{0, 0}, {1000.3, 777.7}, {0, 777.7}}}});
    loc.build();
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> t(0.01, 0.99), eps(-1e-9, 1e-9);
    for (int i = 0; i < 20000; ++i) {
        const double s = t(rng);
        const Point p{1000.3 * s + eps(rng), 777.7 * s + eps(rng)};
        EXPECT_TRUE(loc.locate(p).has_value()) << p.x << " " << p.y;
    }
}

TEST(BoundaryLocator, AgreesWithBruteForceOnAGrid) {
    BoundaryLocator loc;
    std::vector<MultiPolygon> cells;
    for (int r = 0; r < 20; ++r)
        for (int c = 0; c < 20; ++c) cells.push_back(square(c * 7.0, r * 7.0, c * 7.0 + 7.0, r * 7.0 + 7.0));
    for (const auto& m : cells) loc.add(m);
    loc.build();
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(-5.0, 145.0);
    for (int i = 0; i < 5000; ++i) {
        const Point p{u(rng), u(rng)};
        std::optional<size_t> want;
        for (size_t k = 0; k < cells.size() && !want; ++k)
            if (bboxOf(cells[k]).contains(p)) want = k;
        EXPECT_EQ(loc.locate(p), want) << p.x << " " << p.y;
    }
}
