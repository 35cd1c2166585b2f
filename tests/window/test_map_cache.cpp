// The prepared-map cache (mapping/prepared_map_cache.hpp) as the window uses it: a map read from the
// cache is the map prepared afresh, array for array; a file that is damaged, cut short, made for other
// boundaries or made by hand with a bad index is never used; a folder that cannot be written costs
// nothing but time; MapLoader writes the cache after the map is loaded.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "engine/boundary_import.hpp"
#include "engine/project.hpp"
#include "gui/window/logic/app_paths.hpp"
#include "gui/window/map_loader.hpp"
#include "mapping/map_scene.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;
using mapping::MapSnapshot;

std::string bytesOf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
}

void expectSameMap(const MapSnapshot& a, const MapSnapshot& b) {
    ASSERT_EQ(a.boundaryLayer.levels.size(), b.boundaryLayer.levels.size());
    EXPECT_EQ(a.boundaryLayer.origin.x, b.boundaryLayer.origin.x);
    EXPECT_EQ(a.boundaryLayer.origin.y, b.boundaryLayer.origin.y);
    for (size_t i = 0; i < a.boundaryLayer.levels.size(); ++i) {
        const mapping::LodGeometry& x = a.boundaryLayer.levels[i];
        const mapping::LodGeometry& y = b.boundaryLayer.levels[i];
        EXPECT_EQ(x.minResolution, y.minResolution);
        EXPECT_EQ(x.fillXy, y.fillXy);
        EXPECT_EQ(x.fillColours, y.fillColours);
        EXPECT_EQ(x.fillIndices, y.fillIndices);
        EXPECT_EQ(x.fillFeatures, y.fillFeatures);
        EXPECT_EQ(x.outlinesFollowFills, y.outlinesFollowFills);
        EXPECT_EQ(x.strokeXy, y.strokeXy);
        EXPECT_EQ(x.strokeStyles, y.strokeStyles);
        ASSERT_EQ(x.chunks.size(), y.chunks.size());
        for (size_t c = 0; c < x.chunks.size(); ++c) {
            EXPECT_EQ(x.chunks[c].firstIndex, y.chunks[c].firstIndex);
            EXPECT_EQ(x.chunks[c].indexCount, y.chunks[c].indexCount);
            EXPECT_EQ(x.chunks[c].strokeVertexCount, y.chunks[c].strokeVertexCount);
            EXPECT_EQ(x.chunks[c].bounds.minx, y.chunks[c].bounds.minx);
        }
    }
    ASSERT_EQ(a.boundaryLabels.size(), b.boundaryLabels.size());
    for (size_t i = 0; i < a.boundaryLabels.size(); ++i) {
        EXPECT_EQ(a.boundaryLabels[i].anchor.x, b.boundaryLabels[i].anchor.x);
        EXPECT_EQ(a.boundaryLabels[i].anchor.y, b.boundaryLabels[i].anchor.y);
        EXPECT_EQ(a.boundaryLabels[i].priority, b.boundaryLabels[i].priority);
        EXPECT_EQ(a.boundaryLabels[i].featureBbox.maxx, b.boundaryLabels[i].featureBbox.maxx);
    }
    EXPECT_EQ(a.boundaryAreaKm2, b.boundaryAreaKm2);
    // The pick index is built either way: each buurt is found at its own label's anchor.
    ASSERT_EQ(b.boundaryPicker.polygonFeatureCount(), b.boundaries.size());
    for (size_t i = 0; i < b.boundaryLabels.size(); ++i)
        EXPECT_EQ(b.boundaryPicker.pick(b.boundaryLabels[i].anchor), i);
}

class MapCache : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("samenkaart-mapcache-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        project_ = (dir_ / "wijk.sqlite").string();
        cacheFile_ = mapping::preparedMapCacheFile((dir_ / "cache" / "maps").string(), project_);
        BoundaryImportOptions import;
        import.source = sampleAssetsDirectory() + "/buurten.geojson";
        createProjectFromBoundaries(project_, import);
    }
    void TearDown() override { fs::remove_all(dir_); }

    struct Loaded {
        std::shared_ptr<const MapSnapshot> map;
        std::string cache;
    };
    Loaded load(const std::string& project, const std::string& cacheFile) {
        auto p = Project::open(project, true);
        mapping::MapSnapshotOptions::Timings timings;
        mapping::MapSnapshotOptions options;
        options.cacheFile = cacheFile;
        options.timings = &timings;
        Loaded loaded{mapping::loadMapSnapshot(*p, options), timings.cache};
        return loaded;
    }
    Loaded load() { return load(project_, cacheFile_); }

    fs::path dir_;
    std::string project_;
    std::string cacheFile_;
};

TEST_F(MapCache, TheSecondLoadReadsWhatTheFirstPrepared) {
    const Loaded fresh = load();
    EXPECT_EQ(fresh.cache, "missing");
    ASSERT_TRUE(fresh.map->cacheKeyToStore);
    ASSERT_GT(fresh.map->boundaries.size(), 3u);
    EXPECT_EQ(mapping::storePreparedMap(*fresh.map, cacheFile_), "");
    ASSERT_TRUE(fs::exists(cacheFile_));

    const Loaded cached = load();
    EXPECT_EQ(cached.cache, "used");
    EXPECT_FALSE(cached.map->cacheKeyToStore);  // nothing to write again
    expectSameMap(*fresh.map, *cached.map);
    // Without a cache file the load is as it always was.
    const Loaded uncached = load(project_, "");
    EXPECT_EQ(uncached.cache, "off");
    EXPECT_FALSE(uncached.map->cacheKeyToStore);
    expectSameMap(*uncached.map, *cached.map);
}

TEST_F(MapCache, ADamagedOrCutFileIsPreparedAfreshAndReplaced) {
    const Loaded fresh = load();
    ASSERT_EQ(mapping::storePreparedMap(*fresh.map, cacheFile_), "");
    const std::string good = bytesOf(cacheFile_);
    ASSERT_GT(good.size(), 1000u);

    struct Damage {
        const char* what;
        std::string bytes;
        const char* outcome;
    };
    std::vector<Damage> damages;
    auto flipped = [&good](size_t at) {
        std::string b = good;
        b[at] = static_cast<char>(b[at] ^ 0x5a);
        return b;
    };
    damages.push_back({"a byte in the triangles", flipped(good.size() / 3), "damaged"});
    damages.push_back({"a byte in the areas at the end", flipped(good.size() - 3), "damaged"});
    damages.push_back({"a byte of the checksum", flipped(40), "damaged"});
    damages.push_back({"a byte of the key", flipped(20), "stale"});
    damages.push_back({"the magic", flipped(0), "damaged"});
    damages.push_back({"cut in half", good.substr(0, good.size() / 2), "damaged"});
    damages.push_back({"cut inside the header", good.substr(0, 10), "damaged"});
    damages.push_back({"grown by a byte", good + "x", "damaged"});
    damages.push_back({"empty", "", "damaged"});
    for (const Damage& d : damages) {
        SCOPED_TRACE(d.what);
        writeBytes(cacheFile_, d.bytes);
        const Loaded again = load();
        EXPECT_EQ(again.cache.substr(0, std::string(d.outcome).size()), d.outcome) << again.cache;
        ASSERT_TRUE(again.map->cacheKeyToStore);
        expectSameMap(*fresh.map, *again.map);
        EXPECT_EQ(mapping::storePreparedMap(*again.map, cacheFile_), "");
        EXPECT_EQ(bytesOf(cacheFile_), good) << "the rewritten cache differs from the first";
    }
}

TEST_F(MapCache, AFileWithAGoodChecksumButABadIndexIsRefused) {
    // Made by hand (or by a faulty writer): the checksum is right, so only the checks of the arrays
    // themselves keep the renderer from reading outside its buffers.
    const Loaded fresh = load();
    auto store = [&](const mapping::PreparedVectorLayer& layer, const std::vector<mapping::LabelRequest>& labels) {
        ASSERT_EQ(mapping::writePreparedMap(cacheFile_, *fresh.map->cacheKeyToStore,
                                            {layer, labels, fresh.map->boundaryAreaKm2}),
                  "");
    };
    mapping::PreparedVectorLayer layer = fresh.map->boundaryLayer;
    layer.levels.front().fillIndices.back() = static_cast<uint32_t>(layer.levels.front().fillXy.size());
    store(layer, fresh.map->boundaryLabels);
    const Loaded again = load();
    EXPECT_EQ(again.cache, "damaged (a triangle index outside the vertices)");
    expectSameMap(*fresh.map, *again.map);

    layer = fresh.map->boundaryLayer;
    layer.levels.back().chunks.back().indexCount += 3;
    store(layer, fresh.map->boundaryLabels);
    EXPECT_EQ(load().cache, "damaged (a chunk outside its arrays)");

    std::vector<mapping::LabelRequest> labels = fresh.map->boundaryLabels;
    labels.pop_back();
    store(fresh.map->boundaryLayer, labels);
    EXPECT_EQ(load().cache, "damaged (a label count unlike the boundaries')");

    // Feature numbers can only be checked once the boundaries are read (the file is read beside them).
    layer = fresh.map->boundaryLayer;
    layer.levels.front().fillFeatures.front() = static_cast<uint32_t>(fresh.map->boundaries.size() + 1);
    store(layer, fresh.map->boundaryLabels);
    const Loaded beyond = load();
    EXPECT_EQ(beyond.cache, "damaged (a feature number beyond the boundaries)");
    expectSameMap(*fresh.map, *beyond.map);
}

TEST_F(MapCache, OtherBoundariesOrAnotherCrsMakeItStale) {
    const Loaded fresh = load();
    ASSERT_EQ(mapping::storePreparedMap(*fresh.map, cacheFile_), "");
    // The same buurten in Web Mercator, loaded with the first project's cache file.
    const std::string mercator = (dir_ / "mercator.sqlite").string();
    BoundaryImportOptions import;
    import.source = sampleAssetsDirectory() + "/buurten.geojson";
    import.mapCrs = "EPSG:3857";
    createProjectFromBoundaries(mercator, import);
    const Loaded stale = load(mercator, cacheFile_);
    EXPECT_EQ(stale.cache, "stale");
    const Loaded uncached = load(mercator, "");
    EXPECT_EQ(uncached.cache, "off");
    expectSameMap(*uncached.map, *stale.map);  // nothing of the first project's file reached it

    // The key follows every coordinate, colour and the CRS.
    const mapping::PrepareOptions prepare;
    const std::vector<mapping::PolygonStyle> styles = mapping::boundaryStyles(fresh.map->boundaries);
    const std::string crs = fresh.map->crsDefinition;
    const mapping::PreparedMapKey key = mapping::preparedMapKey({fresh.map->boundaries, styles, crs, prepare});
    EXPECT_EQ(mapping::preparedMapKey({fresh.map->boundaries, styles, crs, prepare}), key);
    std::vector<Boundary> nudged = fresh.map->boundaries;
    nudged[1].geometry[0][0][2].x += 1e-9;
    EXPECT_NE(mapping::preparedMapKey({nudged, styles, crs, prepare}), key);
    std::vector<mapping::PolygonStyle> recoloured = styles;
    recoloured[0].fill.r ^= 1;
    EXPECT_NE(mapping::preparedMapKey({fresh.map->boundaries, recoloured, crs, prepare}), key);
    EXPECT_NE(mapping::preparedMapKey({fresh.map->boundaries, styles, "EPSG:3857", prepare}), key);
    mapping::PrepareOptions coarser;
    coarser.lodMinimumVertices = 1000;
    EXPECT_NE(mapping::preparedMapKey({fresh.map->boundaries, styles, crs, coarser}), key);
}

TEST_F(MapCache, AFolderThatCannotBeWrittenOnlyMeansNoCache) {
    // A regular file where the folder should be: as a read-only disk, but also for root.
    writeBytes(dir_ / "not-a-folder", "x");
    const std::string unwritable = mapping::preparedMapCacheFile((dir_ / "not-a-folder" / "maps").string(), project_);
    const Loaded fresh = load(project_, unwritable);
    EXPECT_EQ(fresh.cache, "missing");
    const std::string why = mapping::storePreparedMap(*fresh.map, unwritable);
    EXPECT_NE(why.find("not-a-folder"), std::string::npos) << why;
    EXPECT_EQ(load(project_, unwritable).map->boundaries.size(), fresh.map->boundaries.size());
}

TEST_F(MapCache, TheFolderKeepsTheMostRecentlyUsedFiles) {
    const Loaded fresh = load();
    const fs::path folder = dir_ / "cache" / "maps";
    std::vector<std::string> files;
    for (int i = 0; i < 5; ++i) {
        files.push_back((folder / ("p" + std::to_string(i) + ".map")).string());
        ASSERT_EQ(mapping::writePreparedMap(
                      files.back(), *fresh.map->cacheKeyToStore,
                      {fresh.map->boundaryLayer, fresh.map->boundaryLabels, fresh.map->boundaryAreaKm2}, 100),
                  "");
        fs::last_write_time(files.back(), fs::file_time_type::clock::now() - std::chrono::hours(10 - i));
    }
    // p0 was used last (reading touches it); then p5 is written and the two least recently used go.
    ASSERT_EQ(mapping::readPreparedMap(files[0], *fresh.map->cacheKeyToStore, fresh.map->boundaries.size()).outcome,
              mapping::CacheRead::Used);
    ASSERT_EQ(
        mapping::writePreparedMap((folder / "p5.map").string(), *fresh.map->cacheKeyToStore,
                                  {fresh.map->boundaryLayer, fresh.map->boundaryLabels, fresh.map->boundaryAreaKm2}, 3),
        "");
    EXPECT_TRUE(fs::exists(files[0]));
    EXPECT_FALSE(fs::exists(files[1]));
    EXPECT_FALSE(fs::exists(files[2]));
    EXPECT_TRUE(fs::exists(files[4]));
    EXPECT_TRUE(fs::exists(folder / "p5.map"));
}

TEST_F(MapCache, TheLoaderWritesTheCacheInTheUsersCacheFolder) {
    const char* before = std::getenv("XDG_CACHE_HOME");
    const std::string saved = before ? before : "";
    ::setenv("XDG_CACHE_HOME", (dir_ / "xdg").c_str(), 1);
    const std::string expected =
        mapping::preparedMapCacheFile((dir_ / "xdg" / "samenkaart" / "maps").string(), project_);
    { MapLoader loader(project_, nullptr); }  // waits for the thread, which writes after the map is handed over
    ASSERT_TRUE(fs::exists(expected));
    {
        MapLoader loader(project_, nullptr);
        while (loader.loading()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        EXPECT_TRUE(loader.takeSnapshot());
        EXPECT_EQ(loader.timings().cache, "used");
    }
    if (before)
        ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else
        ::unsetenv("XDG_CACHE_HOME");
}

}  // namespace
}  // namespace samenkaart::gui
