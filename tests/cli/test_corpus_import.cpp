// Every file of the shared shapefile corpus either imports (with the expected count and warnings)
// or is refused with exit 1 and one message naming the file. None crashes or hangs.
// Expectations come from tests/corpus_expectations.json, written by tests/survey_corpus.py from
// what GDAL itself reads in each file.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/sqlite_db.hpp"
#include "tests/support/cli_runner.hpp"

using samenkaart::test::runSamenkaart;

namespace {

struct CorpusCase {
    nlohmann::json entry;
    std::string name;
};

std::vector<CorpusCase> loadCases() {
    std::ifstream in(SAMENKAART_CORPUS_EXPECTATIONS);
    std::vector<CorpusCase> cases;
    if (!in) return cases;
    for (const auto& e : nlohmann::json::parse(in)) {
        std::string name = e["path"].get<std::string>();
        for (char& c : name)
            if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
        cases.push_back({e, name});
    }
    return cases;
}

// Our warning text for each kind of repair the survey predicts.
std::string expectedPhrase(const std::string& surveyWarning) {
    if (surveyWarning.find(".shx") != std::string::npos) return "index file (.shx) was missing";
    if (surveyWarning.find("no CRS") != std::string::npos) return "WGS 84 is assumed";
    if (surveyWarning.find("Z/M") != std::string::npos) return "measure (M) values were dropped";
    if (surveyWarning.find("invalid geometries") != std::string::npos) return "repaired";
    if (surveyWarning.find("null/empty") != std::string::npos) return "empty shape";
    if (surveyWarning.find("UTF-8") != std::string::npos) return "Windows-1252";
    if (surveyWarning.find("polygon layers") != std::string::npos) return "using";
    return {};
}

// Keeps gtest from dumping the case's bytes in its messages.
void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.entry["path"].get<std::string>(); }

// Polygons GDAL reads from the layer we import, minus null/empty ones. The survey keeps the layers
// of a rebuilt-.shx read under "restore_shx"; for a zip whose data sits in a sub-folder it only
// states the count in its reason ("2 polygon features from ...").
long long expectedBoundaryCount(const nlohmann::json& e) {
    for (const nlohmann::json* layers :
         {&e["layers"], e.contains("restore_shx") ? &e["restore_shx"]["layers"] : nullptr}) {
        if (!layers) continue;
        for (const auto& layer : *layers)
            if (layer["name"] == e["expected_layer"])
                return layer["features_read"].get<long long>() - layer["null_or_empty"].get<long long>();
    }
    return std::stoll(e["expected_reason"].get<std::string>());
}

class CorpusImport : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(CorpusImport, ImportsOrRefusesClearly) {
    const std::string corpus = samenkaart::test::corpusDir();
    ASSERT_FALSE(corpus.empty()) << "the shared corpus (../shared/data/shapefile-corpus) is missing";
    const nlohmann::json& e = GetParam().entry;
    std::string src = e["open_path"].get<std::string>();
    src.replace(src.find("{corpus}"), 8, corpus);
    const std::string dir = samenkaart::test::makeTempDir("corpus-" + GetParam().name);
    const std::string project = dir + "/p.sqlite";

    auto r = runSamenkaart({"new", project, "--boundaries", src}, 120);
    ASSERT_FALSE(r.timedOut) << src << " hung";
    ASSERT_EQ(r.signal, 0) << src << " crashed with signal " << r.signal << "\n" << r.err;

    if (e["expected"] == "refuse") {
        EXPECT_EQ(r.exitCode, 1) << src << "\n" << r.out << r.err;
        // One clear line that names the file.
        EXPECT_EQ(r.err.rfind("samenkaart: ", 0), 0u) << r.err;
        EXPECT_NE(r.err.find(src), std::string::npos) << "message does not name the file: " << r.err;
        EXPECT_FALSE(std::filesystem::exists(project)) << "a refused import left a project behind";
        return;
    }
    ASSERT_EQ(r.exitCode, 0) << src << "\n" << r.err;
    const long long expected = expectedBoundaryCount(e);
    auto info = runSamenkaart({"info", project, "--json"});
    ASSERT_EQ(info.exitCode, 0) << info.err;
    auto j = nlohmann::json::parse(info.out);
    EXPECT_EQ(j["boundaries"].get<long long>(), expected) << src;
    EXPECT_EQ(j["pins"].get<long long>(), 0);
    samenkaart::Database db(project, samenkaart::Database::Mode::ReadOnly);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM boundaries WHERE ST_IsValid(geom) IS NOT 1"), 0)
        << "invalid geometry stored";
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM boundaries WHERE GeometryType(geom) <> 'MULTIPOLYGON'"), 0);
    for (const auto& w : e["expected_warnings"]) {
        const std::string phrase = expectedPhrase(w.get<std::string>());
        if (!phrase.empty()) {
            EXPECT_NE(r.err.find(phrase), std::string::npos) << "missing warning '" << w << "':\n" << r.err;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusImport, ::testing::ValuesIn(loadCases()),
                         [](const ::testing::TestParamInfo<CorpusCase>& param) { return param.param.name; });

}  // namespace
