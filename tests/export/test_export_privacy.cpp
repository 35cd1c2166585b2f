// Privacy in exports: anonymized by default when a personal category is exported (the window's
// rule, in the engine once), --anonymize, --keep-aliases, --coarsen and the consent rule.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "tests/export/export_fixture.hpp"

using namespace samenkaart;
using namespace samenkaart::test;

namespace {

const char* kAlias = "Buurvrouw-Ans-7781";
const char* kHelper = "Helper-Jan-5531";
const char* kOtherAlias = "Buurman-Piet-4410";

struct PrivacyTest : ::testing::Test {
    std::string dir = makeTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string project = makeSampleProject(dir, "privacy");
    int64_t consented = 0, unconsented = 0;

    void SetUp() override {
        auto p = Project::open(project);
        SessionStore sessions(p->db());
        consented = sessions.start({"Met toestemming", std::string("Fatima"), {}, 5, {}, true});
        unconsented = sessions.start({"Zonder toestemming", std::string("Fatima"), {}, 5, {}, false});
        PinStore pins(*p);
        // A personal category's extra field, a non-personal one, and aliases that are later edited.
        const std::string a = pins.add({consented,
                                        "hulpbron",
                                        "Gereedschap lenen",
                                        "",
                                        std::string(kAlias),
                                        {{"who_can_help", kHelper}},
                                        {156010.4, 464520.7}});
        pins.edit(a, {.contributor = std::string(kOtherAlias)});
        pins.add({consented, "kans", "Moestuin", "", std::string(kAlias), {{"note", "houden"}}, {156333.3, 464777.7}});
        pins.add({consented, "idee", "Bankje", "", {}, kNoFields, {155601.9, 464101.1}});
        pins.add({unconsented, "knelpunt", "Oversteek", "", std::string("Geheim"), kNoFields, {156200, 464300}});
    }

    std::string exportTo(const std::string& name, const std::vector<std::string>& extra, CliResult* result = nullptr) {
        const std::string out = dir + "/" + name;
        std::vector<std::string> args{"export", project, "--out", out, "--overwrite"};
        args.insert(args.end(), extra.begin(), extra.end());
        CliResult r = runSamenkaart(args);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        if (result) *result = r;
        return out;
    }
};

nlohmann::json fileMetadata(GDALDataset& ds) {
    OGRLayer* r = ds.ExecuteSQL("SELECT metadata FROM gpkg_metadata ORDER BY id LIMIT 1", nullptr, nullptr);
    nlohmann::json j;
    if (r) {
        OGRFeatureUniquePtr f(r->GetNextFeature());
        if (f) j = nlohmann::json::parse(f->GetFieldAsString(0));
        ds.ReleaseResultSet(r);
    }
    return j;
}

}  // namespace

TEST_F(PrivacyTest, AnonymizeLeavesNoAliasAnywhereInAnyFormat) {
    // With --keep-aliases the aliases are there (so the check below can see them).
    const std::string plain = exportTo("plain.gpkg", {"--keep-aliases"});
    EXPECT_NE(readFile(plain).find(kOtherAlias), std::string::npos);

    for (const char* name : {"anon.gpkg", "anon.geojson", "anon.csv"}) {
        const std::string out = exportTo(name, {"--anonymize"});
        // The text formats' metadata sidecar names no alias either.
        const std::string bytes =
            readFile(out) + (std::string(name) == "anon.gpkg" ? "" : readFile(out + ".metadata.json"));
        ASSERT_FALSE(bytes.empty()) << name;
        for (const char* secret : {kAlias, kOtherAlias, kHelper})
            EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " survives in " << name;
        // The non-personal category keeps its extra field.
        EXPECT_NE(bytes.find("houden"), std::string::npos) << name;
    }
    auto ds = openVector(dir + "/anon.gpkg");
    ASSERT_TRUE(ds);
    for (auto& f : *ds->GetLayerByName("pins")) EXPECT_TRUE(f->IsFieldNull(f->GetFieldIndex("contributor")));
    const nlohmann::json md = fileMetadata(*ds);
    EXPECT_EQ(md["privacy"]["anonymized"], true);
}

TEST_F(PrivacyTest, CoarsenedPointsSitOnTheGridAndCountsStayExact) {
    const std::string exact = exportTo("exact.gpkg", {});
    const std::string coarse = exportTo("coarse.gpkg", {"--coarsen", "250"});
    auto a = openVector(exact);
    auto b = openVector(coarse);
    ASSERT_TRUE(a && b);
    int n = 0;
    for (auto& f : *b->GetLayerByName("pins")) {
        const OGRPoint* p = f->GetGeometryRef()->toPoint();
        for (double v : {p->getX(), p->getY()}) {
            const double cells = v / 250.0 - 0.5;
            EXPECT_EQ(cells, std::floor(cells)) << v << " is not a cell centre";
        }
        ++n;
    }
    EXPECT_EQ(n, 3);
    // History snapshots are coarsened too.
    for (auto& h : *b->GetLayerByName("pin_history")) {
        const nlohmann::json after = nlohmann::json::parse(h->GetFieldAsString("after"));
        const double cells = after["x"].get<double>() / 250.0 - 0.5;
        EXPECT_EQ(cells, std::floor(cells));
    }
    // The buurt counts come from the true positions: identical to the exact export.
    std::map<GIntBig, GIntBig> totals;
    for (auto& f : *a->GetLayerByName("pin_counts")) totals[f->GetFID()] = f->GetFieldAsInteger64("total");
    for (auto& f : *b->GetLayerByName("pin_counts")) EXPECT_EQ(f->GetFieldAsInteger64("total"), totals[f->GetFID()]);
    const nlohmann::json md = fileMetadata(*b);
    EXPECT_EQ(md["privacy"]["coarsened"]["metres"], 250.0);
    EXPECT_FALSE(md["privacy"]["coarsened"]["method"].get<std::string>().empty());
}

TEST_F(PrivacyTest, PinsWithoutConsentAreLeftOutAndCounted) {
    CliResult r;
    std::string out = exportTo("consent.gpkg", {}, &r);
    EXPECT_NE(r.err.find("1 pins were left out because their session has no recorded consent"), std::string::npos)
        << r.err;
    {
        auto ds = openVector(out);
        EXPECT_EQ(featureCount(*ds, "pins"), 3);
        EXPECT_EQ(fileMetadata(*ds)["privacy"]["pins_left_out_without_consent"], 1);
        EXPECT_EQ(readFile(out).find("Geheim"), std::string::npos);
    }
    out = exportTo("consent.gpkg", {"--include-unconsented"}, &r);
    EXPECT_EQ(r.err.find("left out"), std::string::npos);
    EXPECT_EQ(featureCount(*openVector(out), "pins"), 4);

    ASSERT_EQ(runSamenkaart({"session", "consent", project, std::to_string(unconsented)}).exitCode, 0);
    out = exportTo("consent.gpkg", {}, &r);
    EXPECT_EQ(featureCount(*openVector(out), "pins"), 4);
}

// Issue 12: `samenkaart export` without flags wrote a hulpbron pin's contributor alias, with no
// warning, while the window anonymizes such an export by default.
TEST_F(PrivacyTest, ExportWithoutFlagsAnonymizesWhenAPersonalCategoryIsExported) {
    for (const char* name : {"default.gpkg", "default.geojson", "default.csv"}) {
        CliResult r;
        const std::string out = exportTo(name, {}, &r);
        const std::string bytes =
            readFile(out) + (std::string(name) == "default.gpkg" ? "" : readFile(out + ".metadata.json"));
        for (const char* secret : {kAlias, kOtherAlias, kHelper})
            EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " survives in " << name;
        EXPECT_NE(r.out.find("; anonymized"), std::string::npos) << r.out;
        EXPECT_EQ(r.err.find("contributor alias"), std::string::npos) << r.err;
    }
    auto ds = openVector(dir + "/default.gpkg");
    ASSERT_TRUE(ds);
    EXPECT_EQ(fileMetadata(*ds)["privacy"]["anonymized"], true);
}

TEST_F(PrivacyTest, KeepAliasesWritesThemWithAWarning) {
    CliResult r;
    const std::string out = exportTo("kept.gpkg", {"--keep-aliases"}, &r);
    EXPECT_NE(readFile(out).find(kOtherAlias), std::string::npos);
    EXPECT_EQ(r.out.find("anonymized"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("samenkaart: warning: " + out + ": 2 pins carry their contributor alias in this file"),
              std::string::npos)
        << r.err;
    auto ds = openVector(out);
    ASSERT_TRUE(ds);
    EXPECT_EQ(fileMetadata(*ds)["privacy"]["anonymized"], false);

    // --anonymize and --keep-aliases contradict each other: a usage error, nothing written.
    const CliResult both =
        runSamenkaart({"export", project, "--out", dir + "/both.gpkg", "--anonymize", "--keep-aliases"});
    EXPECT_EQ(both.exitCode, 2);
    EXPECT_FALSE(std::filesystem::exists(dir + "/both.gpkg"));
}

TEST_F(PrivacyTest, WithoutAPersonalCategoryAliasesAreWrittenAndWarnedAbout) {
    // Only kans (not personal): the same rule as the window leaves aliases in, and says so.
    CliResult r;
    const std::string out = exportTo("kans.gpkg", {"--category", "kans"}, &r);
    EXPECT_NE(readFile(out).find(kAlias), std::string::npos);
    EXPECT_NE(r.err.find("1 pin carries its contributor alias"), std::string::npos) << r.err;
}

TEST_F(PrivacyTest, MergeAnonymizesByDefaultToo) {
    const std::string other = makeSampleProject(dir, "tweede");
    const std::string out = dir + "/merged.gpkg";
    CliResult r = runSamenkaart({"merge", project, other, "--out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("; anonymized"), std::string::npos) << r.out;
    for (const char* secret : {kAlias, kOtherAlias, kHelper})
        EXPECT_EQ(readFile(out).find(secret), std::string::npos) << secret << " survives the merge";

    const std::string kept = dir + "/merged-kept.gpkg";
    r = runSamenkaart({"merge", project, other, "--out", kept, "--keep-aliases"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(readFile(kept).find(kOtherAlias), std::string::npos);
    EXPECT_NE(r.err.find("contributor alias"), std::string::npos) << r.err;
}
