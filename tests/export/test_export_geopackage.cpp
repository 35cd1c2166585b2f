// `samenkaart export` of a real project, read back with GDAL, validate_gpkg.py and geopandas.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "tests/export/export_fixture.hpp"

using namespace samenkaart;
using namespace samenkaart::test;

namespace {

// The sample neighbourhood with: session 1 (consent) holding the sample's 12 pins, one of them
// edited and one moved, plus a pin exactly on a vertex two boundaries share and a deleted pin;
// session 2 (no consent) with 2 pins.
struct ExportTest : ::testing::Test {
    std::string dir = makeTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string project = makeSampleProject(dir, "vlinderhof");
    std::string sharedVertexPin, deletedPin, hostilePin;
    const std::string hostileTitle = "Robert'); DROP TABLE pins;--\n\"quoted\", komma 🌷 ĳsbaan\tTab";

    void SetUp() override {
        auto p = Project::open(project);
        SessionStore sessions(p->db());
        const int64_t s1 = sessions.start(
            {"Buurtavond De Vlinderhof", std::string("Fatima Yilmaz"), std::string("Buurthuis"), 9, {}, true});
        const int64_t s2 = sessions.start({"Zonder toestemming", {}, {}, {}, {}, false});
        PinStore pins(*p);
        const nlohmann::json sample =
            nlohmann::json::parse(readFile(std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample/sample_pins.json"));
        std::vector<std::string> ids;
        for (const auto& j : sample["pins"]) {
            NewPin n;
            n.sessionId = s1;
            n.category = j["category"];
            n.title = j["title"];
            n.description = j["description"];
            if (!j["contributor"].is_null()) n.contributor = j["contributor"].get<std::string>();
            n.position = {j["x"], j["y"]};
            ids.push_back(pins.add(n));
        }
        pins.edit(ids[0], {.title = std::string("Leegstaand pand (bijgewerkt)")});
        pins.move(ids[1], {155980.5, 464930.25});
        NewPin hostile{s1,
                       "hulpbron",
                       hostileTitle,
                       "regel 1\nregel 2, \"met\" komma's",
                       std::string("Ans"),
                       {{"who_can_help", "Jan de Vries"}},
                       {156000.125, 464500.0625}};
        hostilePin = pins.add(hostile);
        NewPin onVertex{s1, "idee", "Op de grens", "", {}, kNoFields, sharedVertex()};
        sharedVertexPin = pins.add(onVertex);
        deletedPin = pins.add({s1, "knelpunt", "Weg ermee", "", {}, kNoFields, {156100, 464600}});
        pins.remove(deletedPin);
        pins.add({s2, "kans", "Niet toegestemd 1", "", std::string("Piet"), kNoFields, {156200, 464700}});
        pins.add({s2, "kans", "Niet toegestemd 2", "", {}, kNoFields, {156300, 464800}});
    }

    // A vertex that two sample boundaries share.
    static Point sharedVertex() {
        auto ds = openVector(sampleBoundaries());
        std::map<std::pair<double, double>, std::set<GIntBig>> owners;
        for (auto& f : *ds->GetLayer(0)) {
            std::unique_ptr<OGRGeometry> g(OGRGeometryFactory::forceToMultiPolygon(f->GetGeometryRef()->clone()));
            for (const OGRPolygon* poly : *g->toMultiPolygon())
                for (const OGRLinearRing* ring : *poly)
                    for (const OGRPoint& pt : *ring) owners[{pt.getX(), pt.getY()}].insert(f->GetFID());
        }
        for (const auto& [xy, fids] : owners)
            if (fids.size() == 2) return {xy.first, xy.second};
        ADD_FAILURE() << "the sample has no shared vertex";
        return {};
    }

    nlohmann::json metadataOf(GDALDataset& ds) {
        OGRLayer* r = ds.ExecuteSQL(
            "SELECT m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r ON "
            "r.md_file_id = m.id WHERE r.reference_scope = 'geopackage'",
            nullptr, nullptr);
        EXPECT_NE(r, nullptr);
        nlohmann::json j;
        if (r) {
            if (OGRFeature* f = r->GetNextFeature()) {
                j = nlohmann::json::parse(f->GetFieldAsString(0));
                OGRFeature::DestroyFeature(f);
            }
            ds.ReleaseResultSet(r);
        }
        return j;
    }
};

}  // namespace

TEST_F(ExportTest, GeoPackageHoldsEveryLayerAndPassesValidation) {
    const std::string out = dir + "/research.gpkg";
    // --keep-aliases: everything as it is in the project (privacy by default is tested in
    // test_export_privacy.cpp).
    CliResult r = runSamenkaart({"export", project, "--out", out, "--keep-aliases"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Exported 14 pins, 10 boundaries, 2 sessions"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("2 pins were left out because their session has no recorded consent"), std::string::npos)
        << r.err;

    const std::string validate = validateGpkgScript();
    if (validate.empty()) {
        ADD_FAILURE() << "validate_gpkg.py not found (install python3-gdal)";
    } else {
        std::string cmd = "/usr/bin/python3 " + validate + " '" + out + "' 2>&1";
        FILE* p = popen(cmd.c_str(), "r");
        std::string text;
        char buf[4096];
        while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
        EXPECT_EQ(pclose(p), 0) << text;
        EXPECT_EQ(text, "") << text;
    }

    auto ds = openVector(out);
    ASSERT_TRUE(ds);
    EXPECT_EQ(featureCount(*ds, "pins"), 14);  // 12 sample + hostile + on-vertex; not deleted, not unconsented
    EXPECT_EQ(featureCount(*ds, "boundaries"), 10);
    EXPECT_EQ(featureCount(*ds, "pin_counts"), 10);
    EXPECT_EQ(featureCount(*ds, "sessions"), 2);
    EXPECT_EQ(featureCount(*ds, "categories"), 4);
    EXPECT_EQ(featureCount(*ds, "pin_history"), 16);  // 14 creates, 1 edit, 1 move
    EXPECT_EQ(featureCount(*ds, "layer_styles"), 2);

    OGRLayer* pins = ds->GetLayerByName("pins");
    ASSERT_TRUE(pins->GetSpatialRef());
    EXPECT_STREQ(pins->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    EXPECT_EQ(wkbFlatten(pins->GetGeomType()), wkbPoint);
    OGRFeatureDefn* d = pins->GetLayerDefn();
    for (const char* f :
         {"pin_id", "session_title", "session_date", "session_facilitator", "category_label_nl", "category_label_en",
          "title", "description", "contributor", "attributes", "buurt", "lon", "lat", "created_at"})
        EXPECT_GE(d->GetFieldIndex(f), 0) << f;
    EXPECT_EQ(d->GetFieldDefn(d->GetFieldIndex("created_at"))->GetType(), OFTDateTime);
    EXPECT_EQ(d->GetFieldDefn(d->GetFieldIndex("session_date"))->GetType(), OFTDate);

    // The hostile pin, byte for byte, denormalised, in its buurt.
    pins->SetAttributeFilter(("pin_id = '" + hostilePin + "'").c_str());
    OGRFeatureUniquePtr f(pins->GetNextFeature());
    ASSERT_TRUE(f);
    EXPECT_EQ(std::string(f->GetFieldAsString("title")), hostileTitle);
    EXPECT_EQ(std::string(f->GetFieldAsString("session_facilitator")), "Fatima Yilmaz");
    EXPECT_EQ(std::string(f->GetFieldAsString("category_label_en")), "Resource");
    EXPECT_EQ(std::string(f->GetFieldAsString("contributor")), "Ans");
    EXPECT_FALSE(std::string(f->GetFieldAsString("buurt")).empty());
    EXPECT_EQ(f->GetGeometryRef()->toPoint()->getX(), 156000.125);
    EXPECT_EQ(f->GetGeometryRef()->toPoint()->getY(), 464500.0625);
    EXPECT_NEAR(f->GetFieldAsDouble("lon"), 5.4018, 0.001);

    // pin_counts: every pin in a buurt counted exactly once, the one on the shared vertex too.
    long long total = 0;
    for (auto& c : *ds->GetLayerByName("pin_counts")) {
        long long perCategory = 0;
        for (const char* col : {"n_kans", "n_hulpbron", "n_knelpunt", "n_idee"})
            perCategory += c->GetFieldAsInteger64(col);
        EXPECT_EQ(perCategory, c->GetFieldAsInteger64("total"));
        total += c->GetFieldAsInteger64("total");
    }
    long long inside = 0;
    pins->SetAttributeFilter("buurt_fid IS NOT NULL");
    inside = pins->GetFeatureCount(TRUE);
    EXPECT_EQ(total, inside);
    EXPECT_EQ(inside, 14);

    // Metadata: what, when, which version, the CRS, filters and privacy.
    const nlohmann::json md = metadataOf(*ds);
    EXPECT_EQ(md["generator"], std::string("Samenkaart ") + SAMENKAART_VERSION);
    EXPECT_EQ(md["crs"]["definition"], "EPSG:28992");
    EXPECT_EQ(md["privacy"]["anonymized"], false);
    EXPECT_EQ(md["privacy"]["pins_left_out_without_consent"], 2);
    EXPECT_EQ(md["projects"][0]["project"], "vlinderhof");
    EXPECT_FALSE(md["exported_at"].get<std::string>().empty());
    OGRLayer* refs = ds->ExecuteSQL("SELECT count(*) FROM gpkg_metadata_reference WHERE reference_scope = 'table'",
                                    nullptr, nullptr);
    ASSERT_TRUE(refs);
    OGRFeatureUniquePtr rc(refs->GetNextFeature());
    EXPECT_EQ(rc->GetFieldAsInteger(0), 7);  // a codebook per layer
    ds->ReleaseResultSet(refs);

    // QGIS styles: categorized on category with the app's colours, graduated on total.
    std::map<std::string, std::string> qml;
    for (auto& s : *ds->GetLayerByName("layer_styles"))
        qml[s->GetFieldAsString("f_table_name")] = s->GetFieldAsString("styleQML");
    EXPECT_NE(qml["pins"].find("type=\"categorizedSymbol\" attr=\"category\""), std::string::npos);
    EXPECT_NE(qml["pins"].find("46,158,91,255"), std::string::npos);  // kans #2e9e5b
    EXPECT_NE(qml["pin_counts"].find("type=\"graduatedSymbol\" attr=\"total\""), std::string::npos);
    OGRLayer* contents =
        ds->ExecuteSQL("SELECT data_type FROM gpkg_contents WHERE table_name = 'layer_styles'", nullptr, nullptr);
    ASSERT_TRUE(contents);
    OGRFeatureUniquePtr ct(contents->GetNextFeature());
    ASSERT_TRUE(ct);
    EXPECT_STREQ(ct->GetFieldAsString(0), "attributes");
    ds->ReleaseResultSet(contents);
    ds.reset();

    runPythonCheck({out, "--pins", "14", "--boundaries", "10", "--sessions", "2", "--epsg", "28992", "--sjoin"});
}

TEST_F(ExportTest, CrsOptionReprojectsEveryLayer) {
    const std::string out = dir + "/wgs84.gpkg";
    CliResult r = runSamenkaart({"export", project, "--out", out, "--crs", "EPSG:4326"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    auto ds = openVector(out);
    ASSERT_TRUE(ds);
    for (const char* layer : {"pins", "boundaries", "pin_counts"}) {
        OGRLayer* l = ds->GetLayerByName(layer);
        ASSERT_TRUE(l && l->GetSpatialRef()) << layer;
        EXPECT_STREQ(l->GetSpatialRef()->GetAuthorityCode(nullptr), "4326") << layer;
        OGREnvelope env;
        ASSERT_EQ(l->GetExtent(&env), OGRERR_NONE);
        EXPECT_GT(env.MinX, 5.0) << layer;
        EXPECT_LT(env.MaxX, 6.0) << layer;
        EXPECT_GT(env.MinY, 52.0) << layer;
        EXPECT_LT(env.MaxY, 53.0) << layer;
    }
    ds.reset();
    runPythonCheck({out, "--pins", "14", "--boundaries", "10", "--epsg", "4326"});
}

TEST_F(ExportTest, FiltersAndIncludeOptions) {
    struct Case {
        std::vector<std::string> args;
        long long pins;
    };
    const std::string today = nowIso8601().substr(0, 10);
    for (const Case& c : std::vector<Case>{{{"--category", "kans"}, 3},
                                           {{"--category", "kans", "--category", "idee"}, 6},
                                           {{"--session", "2"}, 0},
                                           {{"--session", "2", "--include-unconsented"}, 2},
                                           {{"--include-unconsented"}, 16},
                                           {{"--include-deleted"}, 15},
                                           {{"--from", today, "--to", today}, 14},
                                           {{"--to", "2000-01-01"}, 0}}) {
        const std::string out = dir + "/filtered.gpkg";
        std::vector<std::string> args{"export", project, "--out", out, "--overwrite"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        std::string label;
        for (const auto& a : c.args) label += a + " ";
        CliResult r = runSamenkaart(args);
        ASSERT_EQ(r.exitCode, 0) << label << r.err;
        auto ds = openVector(out);
        ASSERT_TRUE(ds);
        EXPECT_EQ(featureCount(*ds, "pins"), c.pins) << label;
        if (c.args.front() == "--include-deleted") {
            OGRLayer* l = ds->GetLayerByName("pins");
            l->SetAttributeFilter("deleted_at IS NOT NULL");
            EXPECT_EQ(l->GetFeatureCount(TRUE), 1);
        }
    }
}

TEST_F(ExportTest, GeoJsonAndCsvCarryThePins) {
    const std::string geojson = dir + "/pins.geojson";
    CliResult r = runSamenkaart({"export", project, "--out", geojson});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    {
        auto ds = openVector(geojson);
        ASSERT_TRUE(ds);
        EXPECT_EQ(featureCount(*ds, "pins"), 14);
        OGRLayer* l = ds->GetLayer(0);
        ASSERT_TRUE(l->GetSpatialRef());
        EXPECT_STREQ(l->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
        l->SetAttributeFilter(("pin_id = '" + hostilePin + "'").c_str());
        OGRFeatureUniquePtr f(l->GetNextFeature());
        ASSERT_TRUE(f);
        EXPECT_EQ(std::string(f->GetFieldAsString("title")), hostileTitle);
        EXPECT_EQ(f->GetGeometryRef()->toPoint()->getX(), 156000.125);
    }
    const std::string csv = dir + "/pins.csv";
    r = runSamenkaart({"export", project, "--out", csv, "--crs", "EPSG:4326"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string text = readFile(csv);
    EXPECT_EQ(text.rfind("WKT,", 0), 0u) << text.substr(0, 200);
    EXPECT_NE(text.find(",lon,lat,"), std::string::npos);
    ensureGdalRegistered();
    const char* open[] = {"GEOM_POSSIBLE_NAMES=WKT", "KEEP_GEOM_COLUMNS=NO", nullptr};
    DatasetPtr ds(static_cast<GDALDataset*>(GDALOpenEx(csv.c_str(), GDAL_OF_VECTOR, nullptr, open, nullptr)));
    ASSERT_TRUE(ds);
    OGRLayer* l = ds->GetLayer(0);
    EXPECT_EQ(l->GetFeatureCount(TRUE), 14);
    bool found = false;
    for (auto& f : *l) {
        if (std::string(f->GetFieldAsString("pin_id")) != hostilePin) continue;
        found = true;
        EXPECT_EQ(std::string(f->GetFieldAsString("title")), hostileTitle);
        const OGRPoint* p = f->GetGeometryRef()->toPoint();
        // The same double in both columns: WKT and lon/lat are written with 17 significant digits.
        EXPECT_EQ(p->getX(), std::stod(f->GetFieldAsString("lon")));
        EXPECT_EQ(p->getY(), std::stod(f->GetFieldAsString("lat")));
        // Times exactly as stored (ISO 8601 UTC), not GDAL's CSV date form.
        const std::string created = f->GetFieldAsString("created_at");
        EXPECT_EQ(created.size() >= 20 && created[4] == '-' && created[10] == 'T' && created.back() == 'Z', true)
            << created;
        EXPECT_EQ(std::string(f->GetFieldAsString("session_date")).find('/'), std::string::npos);
    }
    EXPECT_TRUE(found);
}

// CSV and GeoJSON have no place for metadata inside, so the export writes it beside the file as
// FILE.metadata.json: the same file-level document as the GeoPackage's, the file's own columns in
// order with their meanings, and the category codebook. The command names both files.
TEST_F(ExportTest, CsvAndGeoJsonCarryTheirMetadataBeside) {
    const std::string csv = dir + "/pins.csv";
    CliResult r =
        runSamenkaart({"export", project, "--out", csv, "--crs", "EPSG:4326", "--session", "1", "--category", "kans",
                       "--category", "idee", "--from", "2000-01-01", "--anonymize", "--coarsen", "100"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string sidecar = csv + ".metadata.json";
    EXPECT_NE(r.out.find(" to " + csv + " (CSV, WGS 84) with its metadata in " + sidecar), std::string::npos) << r.out;
    ASSERT_TRUE(std::filesystem::exists(sidecar));
    const nlohmann::json md = nlohmann::json::parse(readFile(sidecar), nullptr, false);
    ASSERT_TRUE(md.is_object()) << "not valid JSON: " << readFile(sidecar);
    EXPECT_EQ(md["data_file"]["name"], "pins.csv");
    EXPECT_EQ(md["data_file"]["format"], "CSV");
    EXPECT_EQ(md["crs"]["definition"], "EPSG:4326");
    EXPECT_EQ(md["crs"]["name"], "WGS 84");
    EXPECT_EQ(md["command"], "export");
    EXPECT_EQ(md["filters"]["sessions"], nlohmann::json::array({1}));
    EXPECT_EQ(md["filters"]["categories"], nlohmann::json::array({"kans", "idee"}));
    EXPECT_EQ(md["filters"]["from"], "2000-01-01");
    EXPECT_TRUE(md["filters"]["to"].is_null());
    EXPECT_EQ(md["privacy"]["anonymized"], true);
    EXPECT_EQ(md["privacy"]["coarsened"]["metres"], 100.0);
    EXPECT_EQ(md["projects"][0]["file"], "vlinderhof.sqlite");
    EXPECT_EQ(md["categories"].size(), 4u);
    // The columns are the file's, in its order, each with a meaning.
    const std::string text = readFile(csv);
    std::vector<std::string> header;
    std::stringstream line(text.substr(0, text.find('\n')));
    for (std::string cell; std::getline(line, cell, ',');) header.push_back(cell);
    std::vector<std::string> described;
    for (const auto& c : md["columns"]) {
        described.push_back(c["name"]);
        EXPECT_FALSE(c["description"].get<std::string>().empty()) << c["name"];
    }
    EXPECT_EQ(described, header);
    // As many pins as the file holds.
    const char* open[] = {"GEOM_POSSIBLE_NAMES=WKT", "KEEP_GEOM_COLUMNS=NO", nullptr};
    {
        ensureGdalRegistered();
        DatasetPtr ds(static_cast<GDALDataset*>(GDALOpenEx(csv.c_str(), GDAL_OF_VECTOR, nullptr, open, nullptr)));
        ASSERT_TRUE(ds);
        EXPECT_EQ(md["counts"]["pins"], ds->GetLayer(0)->GetFeatureCount(TRUE));
    }

    // GeoJSON, no filters: the consent rule and what it left out are recorded.
    const std::string geojson = dir + "/pins.geojson";
    r = runSamenkaart({"export", project, "--out", geojson, "--keep-aliases"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("with its metadata in " + geojson + ".metadata.json"), std::string::npos) << r.out;
    const nlohmann::json gj = nlohmann::json::parse(readFile(geojson + ".metadata.json"));
    EXPECT_EQ(gj["data_file"]["format"], "GeoJSON");
    EXPECT_EQ(gj["crs"]["definition"], "EPSG:28992");
    EXPECT_EQ(gj["privacy"]["anonymized"], false);
    EXPECT_TRUE(gj["privacy"]["coarsened"].is_null());
    EXPECT_EQ(gj["privacy"]["pins_left_out_without_consent"], 2);
    EXPECT_EQ(gj["counts"]["pins"], 14);  // the sample's 12, the hostile one and the one on the vertex
    const nlohmann::json features = nlohmann::json::parse(readFile(geojson))["features"];
    std::vector<std::string> properties;
    for (const auto& [key, value] : features[0]["properties"].items()) properties.push_back(key);
    properties.push_back("geometry");
    std::vector<std::string> columns;
    for (const auto& c : gj["columns"]) columns.push_back(c["name"]);
    std::sort(properties.begin(), properties.end());
    std::sort(columns.begin(), columns.end());
    EXPECT_EQ(columns, properties);

    // An earlier export's metadata is not replaced silently, and nothing is written then.
    std::filesystem::remove(csv);
    r = runSamenkaart({"export", project, "--out", csv});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: " + sidecar +
                         ": already exists (the metadata of an earlier export); choose another name or add "
                         "--overwrite\n");
    EXPECT_FALSE(std::filesystem::exists(csv));
    r = runSamenkaart({"export", project, "--out", csv, "--overwrite"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    // Privacy by default: the project's personal category (hulpbron) is among those exported.
    EXPECT_EQ(nlohmann::json::parse(readFile(sidecar))["privacy"]["anonymized"], true);
    // A GeoPackage keeps its metadata inside and gets no sidecar.
    ASSERT_EQ(runSamenkaart({"export", project, "--out", dir + "/all.gpkg"}).exitCode, 0);
    EXPECT_FALSE(std::filesystem::exists(dir + "/all.gpkg.metadata.json"));
    // No temporary file is left behind.
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        EXPECT_EQ(entry.path().filename().string().rfind(".partial-", 0), std::string::npos) << entry.path();
}

TEST_F(ExportTest, RoundTripThroughPinImportKeepsPositionsAndText) {
    const std::string out = dir + "/roundtrip.gpkg";
    ASSERT_EQ(runSamenkaart({"export", project, "--out", out, "--keep-aliases"}).exitCode, 0);
    const std::string copy = makeSampleProject(dir, "copy");
    ASSERT_EQ(runSamenkaart({"session", "start", copy, "--title", "Import", "--consent"}).exitCode, 0);
    CliResult r = runSamenkaart(
        {"pin", "import", copy, out, "--layer", "pins", "--session", "1", "--category-field", "category"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Imported 14 of 14"), std::string::npos) << r.out;

    auto a = Project::open(project, true);
    auto b = Project::open(copy, true);
    auto key = [](const Pin& p) { return p.title + "\x1f" + p.description; };
    std::map<std::string, Pin> before;
    for (const Pin& p : PinStore(*a).list())
        if (p.sessionId == 1) before[key(p)] = p;
    const auto after = PinStore(*b).list();
    ASSERT_EQ(after.size(), before.size());
    for (const Pin& p : after) {
        auto it = before.find(key(p));
        ASSERT_NE(it, before.end()) << p.title;
        EXPECT_EQ(p.position, it->second.position) << p.title;  // bit for bit
        EXPECT_EQ(p.category, it->second.category);
        EXPECT_EQ(p.contributor, it->second.contributor);
        EXPECT_EQ(p.attributes, it->second.attributes);
    }
}

TEST_F(ExportTest, RefusalsAreOneLineAndUsageIsExitTwo) {
    CliResult r = runSamenkaart({"export", project, "--out", dir + "/out.txt"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err,
              "samenkaart: " + dir + "/out.txt: the file name must end in .gpkg (GeoPackage), .geojson or .csv\n");
    const std::string out = dir + "/once.gpkg";
    ASSERT_EQ(runSamenkaart({"export", project, "--out", out}).exitCode, 0);
    r = runSamenkaart({"export", project, "--out", out});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("already exists"), std::string::npos);
    r = runSamenkaart({"export", project, "--out", dir + "/d.gpkg", "--from", "2026-13-01"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: --from 2026-13-01: is not a date of the form YYYY-MM-DD\n");
    r = runSamenkaart({"export", project, "--out", dir + "/s.gpkg", "--session", "42"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: session 42: does not exist in this project\n");
    EXPECT_FALSE(std::filesystem::exists(dir + "/s.gpkg"));
    r = runSamenkaart({"export", project});
    EXPECT_EQ(r.exitCode, 2);
    r = runSamenkaart({"export", dir + "/missing.sqlite", "--out", dir + "/m.gpkg"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(r.err, "samenkaart: " + dir + "/missing.sqlite: no such file\n");
}
