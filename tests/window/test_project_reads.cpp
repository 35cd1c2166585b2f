// ProjectState reads the project once when it changes (refreshFacts, refreshPins), never in a
// panel's draw(), and a read that fails is noted and shown (the status bar's "Lezen mislukt"), never
// swallowed and never the end of the window: what was read last stays on screen.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "engine/categories.hpp"
#include "engine/crs.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "gui/window/project_state.hpp"

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;

void execElsewhere(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

TEST(ProjectReads, AFailedReadIsNotedAndTheLastFactsStay) {
    const fs::path dir = fs::temp_directory_path() / ("samenkaart-reads-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "wijk.sqlite").string();
    int64_t session = 0;
    {
        auto project = Project::createEmpty(path, describeCrs("EPSG:28992"));
        session = SessionStore(project->db()).start({"Buurtavond", {}, {}, {}, {}, false});
        PinStore(*project).add(
            {session, "kans", "Moestuin", "", std::nullopt, nlohmann::json::object(), {155000, 463000}});
    }
    ProjectState state(path, nullptr);
    state.setCurrentSession(session);
    const uint64_t before = state.generation();
    state.refreshFacts();
    EXPECT_GT(state.generation(), before);
    ASSERT_TRUE(state.facts().currentSession);
    EXPECT_EQ(state.facts().currentSession->title, "Buurtavond");
    EXPECT_TRUE(state.facts().canUndo);
    EXPECT_FALSE(state.facts().canRedo);
    EXPECT_TRUE(state.readFailure().empty());
    const mapping::MapSnapshot snapshot;
    state.refreshPins(snapshot, 10.0f);
    ASSERT_EQ(state.pinSnapshot().pins.size(), 1u);

    // Another program breaks what the window reads: the window says so and keeps what it showed.
    execElsewhere(path, "ALTER TABLE sessions RENAME TO sessions_away; ALTER TABLE pins RENAME TO pins_away");
    EXPECT_NO_THROW(state.refreshFacts());
    EXPECT_NE(state.readFailure().find(path), std::string::npos) << state.readFailure();
    ASSERT_TRUE(state.facts().currentSession);
    EXPECT_EQ(state.facts().currentSession->title, "Buurtavond");
    EXPECT_NO_THROW(state.refreshPins(snapshot, 10.0f));
    EXPECT_EQ(state.pinSnapshot().pins.size(), 1u);
    EXPECT_FALSE(state.readFailure().empty());

    // Once the file reads again, the message goes.
    execElsewhere(path, "ALTER TABLE sessions_away RENAME TO sessions; ALTER TABLE pins_away RENAME TO pins");
    state.refreshFacts();
    EXPECT_TRUE(state.readFailure().empty()) << state.readFailure();
    state.refreshPins(snapshot, 10.0f);
    EXPECT_TRUE(state.readFailure().empty()) << state.readFailure();
    EXPECT_EQ(state.pinSnapshot().pins.size(), 1u);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace samenkaart::gui

namespace samenkaart::gui {
namespace {

// The filter's periods are whole local days counted back from today; All sets nothing.
TEST(PinPeriods, CountWholeDaysBackFromToday) {
    const CalendarDay today{2026, 12, 6};
    auto from = [&](PinPeriod p) {
        PinFilter f;
        applyPeriod(f, p, today);
        return f.createdFrom;
    };
    EXPECT_FALSE(from(PinPeriod::All));
    EXPECT_EQ(from(PinPeriod::Today), localDayStart({2026, 12, 6}));
    EXPECT_EQ(from(PinPeriod::Week), localDayStart({2026, 11, 30}));
    EXPECT_EQ(from(PinPeriod::Month), localDayStart({2026, 11, 7}));
    EXPECT_EQ(from(PinPeriod::Year), localDayStart({2026, 1, 1}));
    EXPECT_EQ(pinPeriods().size(), 5u);
    EXPECT_STREQ(periodKey(PinPeriod::Week), "filter.period_week");
}

// What the window shows follows its filter: the map's pins, the live count beside them ("3 van 7"),
// and matches() for a pin just saved; showing every session again forgets a chosen session.
TEST(PinShown, TheFilterChoosesThePinsAndCountsTheRest) {
    const fs::path dir = fs::temp_directory_path() / ("samenkaart-shown-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "wijk.sqlite").string();
    int64_t first = 0, second = 0;
    {
        auto project = Project::createEmpty(path, describeCrs("EPSG:28992"));
        SessionStore sessions(project->db());
        first = sessions.start({"Eerste", {}, {}, {}, {}, false});
        second = sessions.start({"Tweede", {}, {}, {}, {}, false});
        PinStore pins(*project);
        for (const char* cat : {"kans", "kans", "idee"})
            pins.add({first, cat, "p", "", std::nullopt, nlohmann::json::object(), {155000, 463000}});
        pins.add({second, "idee", "q", "", std::nullopt, nlohmann::json::object(), {155100, 463100}});
    }
    ProjectState state(path, nullptr);
    mapping::MapSnapshot snapshot;
    snapshot.categories = CategoryStore(state.project().db()).list();
    state.refreshPins(snapshot, 10.0f);
    EXPECT_EQ(state.pinSnapshot().pins.size(), 4u);
    EXPECT_FALSE(state.filtering());

    ProjectState::PinShown shown;
    shown.hiddenCategories = {"kans"};
    state.setShown(shown);
    EXPECT_TRUE(state.takePinsChanged());
    state.refreshPins(snapshot, 10.0f);
    EXPECT_EQ(state.pinSnapshot().pins.size(), 2u);
    EXPECT_EQ(state.livePinCount(), 4u);
    EXPECT_TRUE(state.filtering());
    const Pin kans = state.pins().list(PinFilter{.categories = std::vector<std::string>{"kans"}}).front();
    EXPECT_FALSE(matches(state.pinFilter(), kans));

    shown.session = second;
    state.setShown(shown);
    state.refreshPins(snapshot, 10.0f);
    ASSERT_EQ(state.pinSnapshot().pins.size(), 1u);
    const std::optional<Pin> shownPin = state.readPin(state.pinSnapshot().pins.id(0));  // as a card reads it
    ASSERT_TRUE(shownPin);
    EXPECT_EQ(shownPin->title, "q");
    state.setShowOtherSessions(true);  // "every session": the chosen one is forgotten, the kinds stay
    EXPECT_FALSE(state.shown().session);
    state.refreshPins(snapshot, 10.0f);
    EXPECT_EQ(state.pinSnapshot().pins.size(), 2u);
    state.setCurrentSession(first);
    state.setShowOtherSessions(false);  // this session only: its one Idee
    state.refreshPins(snapshot, 10.0f);
    EXPECT_EQ(state.pinSnapshot().pins.size(), 1u);
    shown = {};
    shown.period = PinPeriod::Today;  // everything was made today
    state.setShowOtherSessions(true);
    state.setShown(shown);
    state.refreshPins(snapshot, 10.0f);
    EXPECT_EQ(state.pinSnapshot().pins.size(), 4u);
    EXPECT_TRUE(state.filtering());
    // Past midnight "today" is another day: the window reads the pins again.
    EXPECT_FALSE(state.periodDayPassed(localToday()));
    EXPECT_TRUE(state.periodDayPassed(addDays(localToday(), 1)));
    shown.period = PinPeriod::All;
    state.setShown(shown);
    EXPECT_FALSE(state.periodDayPassed(addDays(localToday(), 1)));
    fs::remove_all(dir);
}

}  // namespace
}  // namespace samenkaart::gui
