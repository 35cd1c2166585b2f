#include <gtest/gtest.h>

#include <string>

#include "engine/boundary_import.hpp"
#include "engine/boundary_store.hpp"
#include "engine/project.hpp"
#include "tests/engine/engine_fixture.hpp"

namespace samenkaart {
namespace {

std::string sampleProject(const std::string& name) {
    BoundaryImportOptions o;
    o.source = std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample/buurten.geojson";
    const std::string path = test::makeTempDir(name) + "/p.sqlite";
    createProjectFromBoundaries(path, o);
    return path;
}

Bbox extentOfGeometries(Project& project) {
    Bbox all;
    for (const Boundary& b : loadBoundaries(project)) all.expand(b.bounds);
    return all;
}

void expectSameBbox(const Bbox& a, const Bbox& b) {
    EXPECT_EQ(a.minx, b.minx);
    EXPECT_EQ(a.miny, b.miny);
    EXPECT_EQ(a.maxx, b.maxx);
    EXPECT_EQ(a.maxy, b.maxy);
}

TEST(BoundaryExtent, ThroughTheSpatialIndexIsExact) {
    auto project = Project::open(sampleProject("extent-index"), true);
    const Bbox expected = extentOfGeometries(*project);
    ASSERT_FALSE(expected.empty());
    // Exact, not the index's float boxes: the sample's coordinates are not floats.
    expectSameBbox(boundaryExtent(*project), expected);
}

TEST(BoundaryExtent, WithoutTheSpatialIndexReadsTheGeometries) {
    const std::string path = sampleProject("extent-no-index");
    {
        auto project = Project::open(path, false);
        project->db().exec("SELECT DisableSpatialIndex('boundaries', 'geom'); DROP TABLE idx_boundaries_geom;");
    }
    auto project = Project::open(path, true);
    expectSameBbox(boundaryExtent(*project), extentOfGeometries(*project));
}

TEST(BoundaryExtent, EmptyWithoutBoundaries) {
    auto project = test::makeEmptyRdProject("extent-empty");
    EXPECT_TRUE(boundaryExtent(*project).empty());
}

}  // namespace
}  // namespace samenkaart
