// The export dialog's logic without a window: its defaults (GeoPackage, a dated file name beside the
// project, anonymized when a personal category is exported), how its answers become the engine's
// ExportOptions, the consent count it shows, and the worker that runs a real export.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "engine/categories.hpp"
#include "engine/crs.hpp"
#include "engine/export/project_export.hpp"
#include "engine/export/selection.hpp"
#include "engine/export/text.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "gui/window/logic/export_choices.hpp"
#include "gui/window/logic/export_job.hpp"
#include "gui/window/logic/i18n.hpp"

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;

std::vector<Category> categories() {
    std::vector<Category> list(3);
    list[0].code = "kans";
    list[1].code = "hulpbron";
    list[1].personal = true;  // "who can help": pins may name a person
    list[2].code = "idee";
    return list;
}

fs::path tempDir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("samenkaart-export-dialog-" + std::to_string(::getpid())) / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

TEST(ExportDialog, DefaultsToAGeoPackageNamedAfterTheProjectAndDay) {
    const ExportChoices c =
        defaultExportChoices(categories(), "/data/wijk/vlinderhof.sqlite", "/data/wijk", "2026-11-22");
    EXPECT_EQ(c.format, ExportFormat::GeoPackage);
    EXPECT_EQ(c.outPath, "/data/wijk/vlinderhof-export-2026-11-22.gpkg");
    EXPECT_EQ(c.sessions, SessionScope::All);
    EXPECT_EQ(c.categories, (std::set<std::string>{"kans", "hulpbron", "idee"}));
    EXPECT_TRUE(c.from.empty() && c.to.empty() && c.coarsenMetres.empty() && c.crs.empty());
    EXPECT_FALSE(c.includeDeleted);
    EXPECT_FALSE(c.includeUnconsented);
    EXPECT_EQ(exportChoicesProblem(c, std::nullopt), nullptr);
}

TEST(ExportDialog, DefaultFileNameAndExtensionFollowTheFormat) {
    EXPECT_EQ(defaultExportFileName("/x/De Vlinderhof.sqlite", "2026-01-05", ExportFormat::Csv),
              "De Vlinderhof-export-2026-01-05.csv");
    EXPECT_EQ(withExportExtension("/x/a-export.gpkg", ExportFormat::GeoJson), "/x/a-export.geojson");
    EXPECT_EQ(withExportExtension("/x/a-export.geojson", ExportFormat::Csv), "/x/a-export.csv");
    EXPECT_EQ(withExportExtension("/x/naam", ExportFormat::GeoPackage), "/x/naam.gpkg");
    EXPECT_EQ(localDay().size(), 10u);
}

TEST(ExportDialog, DefaultFolderIsTheProjectsWhenWritable) {
    const fs::path dir = tempDir("folder");
    EXPECT_EQ(defaultExportFolder((dir / "p.sqlite").string(), "/elders"), dir.string());
    EXPECT_EQ(defaultExportFolder((dir / "missing" / "p.sqlite").string(), "/elders"), "/elders");
}

TEST(ExportDialog, AnonymizeIsOnWhenAPersonalCategoryIsExported) {
    const auto cats = categories();
    EXPECT_TRUE(anonymizeByDefault(cats, {}));  // all categories
    EXPECT_TRUE(anonymizeByDefault(cats, {"hulpbron"}));
    EXPECT_FALSE(anonymizeByDefault(cats, {"kans", "idee"}));
    std::vector<Category> none = cats;
    none[1].personal = false;
    EXPECT_FALSE(defaultExportChoices(none, "/p.sqlite", "/", "2026-11-22").anonymize);
    EXPECT_TRUE(defaultExportChoices(cats, "/p.sqlite", "/", "2026-11-22").anonymize);
}

TEST(ExportDialog, AnonymizeFollowsTheCategoriesUntilTheFacilitatorChooses) {
    const auto cats = categories();
    ExportChoices c = defaultExportChoices(cats, "/p.sqlite", "/", "2026-11-22");
    c.categories.erase("hulpbron");
    followCategories(c, cats);
    EXPECT_FALSE(c.anonymize);
    c.categories.insert("hulpbron");
    followCategories(c, cats);
    EXPECT_TRUE(c.anonymize);
    c.anonymize = false;  // the facilitator unticked it
    c.anonymizeChosen = true;
    c.categories.erase("kans");
    followCategories(c, cats);
    EXPECT_FALSE(c.anonymize);
}

TEST(ExportDialog, ChoicesBecomeTheSameOptionsAsTheCommandLine) {
    const auto cats = categories();
    ExportChoices c = defaultExportChoices(cats, "/p.sqlite", "/", "2026-11-22");
    ExportOptions o = toExportOptions(c, cats, 7);
    EXPECT_TRUE(o.sessions.empty());
    EXPECT_TRUE(o.categories.empty());  // all of them: no filter
    EXPECT_EQ(o.anonymize, Anonymize::Always);
    EXPECT_FALSE(o.crs || o.from || o.to || o.coarsenMetres || o.includeDeleted || o.includeUnconsented || o.overwrite);

    c.sessions = SessionScope::Current;
    c.categories = {"idee", "kans"};
    c.from = "2026-11-01";
    c.to = "2026-11-30";
    c.coarsenMetres = "12,5";  // a Dutch decimal comma
    c.crs = "EPSG:4326";
    c.anonymize = false;
    c.includeDeleted = true;
    c.includeUnconsented = true;
    EXPECT_EQ(exportChoicesProblem(c, 7), nullptr);
    o = toExportOptions(c, cats, 7);
    EXPECT_EQ(o.sessions, (std::vector<int64_t>{7}));
    EXPECT_EQ(o.categories, (std::vector<std::string>{"kans", "idee"}));  // in the project's order
    EXPECT_EQ(o.from, "2026-11-01");
    EXPECT_EQ(o.to, "2026-11-30");
    ASSERT_TRUE(o.coarsenMetres);
    EXPECT_DOUBLE_EQ(*o.coarsenMetres, 12.5);
    EXPECT_EQ(o.crs, "EPSG:4326");
    EXPECT_EQ(o.anonymize, Anonymize::Never);
    EXPECT_TRUE(o.includeDeleted && o.includeUnconsented);
    EXPECT_NO_THROW(validateExportOptions(o));

    c.sessions = SessionScope::Chosen;
    c.chosenSessions = {3, 1};
    EXPECT_EQ(toExportOptions(c, cats, 7).sessions, (std::vector<int64_t>{1, 3}));
}

TEST(ExportDialog, WrongAnswersNameTheirProblem) {
    const auto cats = categories();
    const ExportChoices ok = defaultExportChoices(cats, "/p.sqlite", "/", "2026-11-22");
    auto problem = [&](auto change, std::optional<int64_t> current = std::nullopt) {
        ExportChoices c = ok;
        change(c);
        const char* key = exportChoicesProblem(c, current);
        EXPECT_TRUE(key == nullptr || catalogHas(key)) << key;
        return key ? std::string(key) : std::string();
    };
    EXPECT_EQ(problem([](ExportChoices& c) { c.outPath.clear(); }), "export.need_file");
    EXPECT_EQ(problem([](ExportChoices& c) { c.categories.clear(); }), "export.need_category");
    EXPECT_EQ(problem([](ExportChoices& c) { c.sessions = SessionScope::Current; }), "export.no_current_session");
    EXPECT_EQ(problem([](ExportChoices& c) { c.sessions = SessionScope::Chosen; }), "export.need_session");
    EXPECT_EQ(problem([](ExportChoices& c) { c.from = "1-11-2026"; }), "export.bad_from");
    EXPECT_EQ(problem([](ExportChoices& c) { c.to = "2026-13-01"; }), "export.bad_to");
    EXPECT_EQ(problem([](ExportChoices& c) {
                  c.from = "2026-11-02";
                  c.to = "2026-11-01";
              }),
              "export.from_after_to");
    EXPECT_EQ(problem([](ExportChoices& c) { c.coarsenMetres = "-5"; }), "export.bad_coarsen");
    EXPECT_EQ(problem([](ExportChoices& c) { c.coarsenMetres = "veel"; }), "export.bad_coarsen");
    EXPECT_EQ(problem([](ExportChoices& c) { c.coarsenMetres = " 250 "; }), "");
}

// The dialog's "N left out" is counted by the export's own selection (countExportPins, in
// engine/export/selection.cpp): for every set of options it is what the written file reports.
TEST(ExportDialog, CountsThePinsTheConsentRuleLeavesOutAsTheExportDoes) {
    const fs::path dir = tempDir("consent");
    const std::string projectPath = (dir / "wijk.sqlite").string();
    auto project = Project::createEmpty(projectPath, describeCrs("EPSG:28992"));
    SessionStore sessions(project->db());
    const int64_t consented = sessions.start({"Met toestemming", {}, {}, {}, {}, true});
    const int64_t unconsented = sessions.start({"Zonder toestemming", {}, {}, {}, {}, false});
    PinStore pins(*project);
    auto add = [&](int64_t session, const char* category, const char* created) {
        const std::string id =
            pins.add({session, category, "pin", "", std::nullopt, nlohmann::json::object(), {155500, 463500}});
        project->db().exec(std::string("UPDATE pins SET created_at = '") + created + "' WHERE id = '" + id + "'");
        return id;
    };
    add(consented, "kans", "2026-11-01T19:00:00.000Z");
    add(unconsented, "kans", "2026-11-02T19:00:00.000Z");
    add(unconsented, "idee", "2026-11-03T19:00:00.000Z");
    pins.remove(add(unconsented, "kans", "2026-11-04T19:00:00.000Z"));

    const std::vector<std::pair<std::function<void(ExportOptions&)>, int64_t>> cases = {
        {[](ExportOptions&) {}, 2},
        {[](ExportOptions& o) { o.includeDeleted = true; }, 3},
        {[](ExportOptions& o) { o.includeDeleted = true, o.categories = {"kans"}; }, 2},
        {[](ExportOptions& o) { o.includeDeleted = true, o.categories = {"kans"}, o.to = "2026-11-03"; }, 1},
        {[&](ExportOptions& o) { o.sessions = {consented}; }, 0},
        {[](ExportOptions& o) { o.includeUnconsented = true; }, 0},
    };
    int n = 0;
    for (const auto& [set, leftOut] : cases) {
        ExportOptions o;
        set(o);
        const ExportPinCount count = countExportPins(project->db(), o);
        EXPECT_EQ(count.leftOutUnconsented, leftOut) << "case " << n;
        const std::string out = (dir / ("case" + std::to_string(n++) + ".csv")).string();
        const ExportReport report = exportProject(projectPath, out, o);
        EXPECT_EQ(count.leftOutUnconsented, report.leftOutUnconsented) << out;
        EXPECT_EQ(count.exported, report.pins) << out;
    }
}

TEST(ExportDialog, FailuresAreSaidInWords) {
    EXPECT_STREQ(exportFailureKey(ErrorKind::Exists), "export.exists");
    EXPECT_STREQ(exportFailureKey(ErrorKind::DiskFull), "export.disk_full");
    EXPECT_STREQ(exportFailureKey(ErrorKind::ReadOnly), "export.read_only");
    EXPECT_STREQ(exportFailureKey(ErrorKind::Unsupported), "export.bad_extension");
    EXPECT_STREQ(exportFailureKey(ErrorKind::Other), "export.failed");
    for (ErrorKind kind :
         {ErrorKind::Other, ErrorKind::BadInput, ErrorKind::NotFound, ErrorKind::Exists, ErrorKind::Unsupported,
          ErrorKind::Damaged, ErrorKind::DiskFull, ErrorKind::ReadOnly, ErrorKind::Locked})
        EXPECT_TRUE(catalogHas(exportFailureKey(kind))) << static_cast<int>(kind);

    const fs::path dir = tempDir("folders");
    EXPECT_EQ(exportFolderProblem((dir / "a.gpkg").string()), nullptr);
    EXPECT_STREQ(exportFolderProblem((dir / "nope" / "a.gpkg").string()), "export.no_folder");
    EXPECT_STREQ(exportFolderProblem(dir.string()), "export.is_folder");
    EXPECT_TRUE(catalogHas("export.read_only"));
}

TEST(ExportDialog, ANewNameNeverReplacesAFile) {
    const fs::path dir = tempDir("names");
    const std::string path = (dir / "wijk-export.gpkg").string();
    EXPECT_EQ(unusedFileName(path), path);
    std::ofstream(path) << "x";
    EXPECT_EQ(unusedFileName(path), (dir / "wijk-export-2.gpkg").string());
    std::ofstream((dir / "wijk-export-2.gpkg").string()) << "x";
    EXPECT_EQ(unusedFileName(path), (dir / "wijk-export-3.gpkg").string());
    // A CSV's metadata sidecar counts too: an export never replaces either file.
    const std::string csv = (dir / "pins.csv").string();
    EXPECT_EQ(unusedFileName(csv, ExportFormat::Csv), csv);
    std::ofstream(metadataSidecarPath(csv)) << "{}";
    EXPECT_TRUE(exportOutputExists(csv, ExportFormat::Csv));
    EXPECT_EQ(unusedFileName(csv, ExportFormat::Csv), (dir / "pins-2.csv").string());
}

TEST(ExportDialog, TheWorkerExportsWithItsOwnConnectionAndReportsProgress) {
    const fs::path dir = tempDir("job");
    const std::string projectPath = (dir / "wijk.sqlite").string();
    auto project = Project::createEmpty(projectPath, describeCrs("EPSG:28992"));
    const int64_t session = SessionStore(project->db()).start({"Buurtavond", {}, {}, {}, {}, true});
    PinStore pins(*project);
    for (int i = 0; i < 3; ++i) {
        NewPin n;
        n.sessionId = session;
        n.category = i == 0 ? "hulpbron" : "kans";
        n.title = "pin " + std::to_string(i);
        n.contributor = "Ans";
        n.position = {155500.0 + i, 463500.0};
        pins.add(n);
    }
    // The window keeps its own connection open (and may write) while the worker exports.
    const auto cats = CategoryStore(project->db()).list();
    ExportChoices c = defaultExportChoices(cats, projectPath, dir.string(), "2026-11-22");
    ExportJob job;
    job.start(projectPath, c.outPath, toExportOptions(c, cats, session));
    EXPECT_TRUE(job.running());
    std::optional<ExportOutcome> outcome;
    for (int i = 0; i < 600 && !outcome; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        outcome = job.takeOutcome();
    }
    ASSERT_TRUE(outcome) << "the export did not finish in 30 s";
    EXPECT_FALSE(job.running());
    ASSERT_TRUE(outcome->report) << outcome->error;
    EXPECT_EQ(outcome->report->pins, 3);
    EXPECT_EQ(outcome->report->outPath, c.outPath);
    EXPECT_DOUBLE_EQ(job.fraction(), 1.0);
    EXPECT_EQ(job.step(), ExportStep::Done);
    EXPECT_TRUE(fs::exists(c.outPath));

    // Again to the same file without overwrite: one message naming the file and the cause.
    job.start(projectPath, c.outPath, toExportOptions(c, cats, session));
    outcome.reset();
    for (int i = 0; i < 600 && !outcome; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        outcome = job.takeOutcome();
    }
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->report);
    EXPECT_NE(outcome->error.find(c.outPath), std::string::npos) << outcome->error;
    EXPECT_EQ(outcome->kind, ErrorKind::Exists);
    EXPECT_STREQ(exportFailureKey(outcome->kind), "export.exists");
}

}  // namespace
}  // namespace samenkaart::gui
