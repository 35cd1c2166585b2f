#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <functional>

#include "engine/error.hpp"
#include "engine/pins.hpp"
#include "engine/sessions.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;

namespace {

struct PinsTest : ::testing::Test {
    std::string dir = test::makeTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::string path = dir + "/p.sqlite";
    std::unique_ptr<Project> project = Project::createEmpty(path, describeCrs("EPSG:28992"));
    int64_t session = SessionStore(project->db()).start({"Buurtavond", std::string("Fatima"), {}, 9, {}, true});

    NewPin pin(const std::string& title, Point at = {155500, 463500}) {
        NewPin n;
        n.sessionId = session;
        n.category = "kans";
        n.title = title;
        n.position = at;
        return n;
    }
};

}  // namespace

TEST_F(PinsTest, AddStoresTextByteForByte) {
    PinStore pins(*project);
    const std::string hostile = "Robert'); DROP TABLE pins;--\n\"quoted\" 🌷 ĳsbaan\tTab";
    NewPin n = pin(hostile);
    n.description = std::string(5000, 'x') + "ë";
    n.contributor = "buurvrouw \"Ans\"";
    const std::string id = pins.add(n);
    Pin p = pins.get(id);
    EXPECT_EQ(p.title, hostile);
    EXPECT_EQ(p.description, n.description);
    EXPECT_EQ(p.contributor, n.contributor);
    EXPECT_EQ(p.position, (Point{155500, 463500}));
    EXPECT_EQ(id.size(), 36u);
    EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM pins"), 1);
}

TEST_F(PinsTest, RefusesWhatCannotBeStored) {
    PinStore pins(*project);
    EXPECT_THROW(pins.add(pin("   ")), Error);                  // empty title
    EXPECT_THROW(pins.add(pin("Caf\xE9")), Error);              // invalid UTF-8
    EXPECT_THROW(pins.add(pin(std::string(600, 'a'))), Error);  // too long
    NewPin badCategory = pin("x");
    badCategory.category = "onbekend";
    EXPECT_THROW(pins.add(badCategory), Error);
    NewPin badSession = pin("x");
    badSession.sessionId = 999;
    EXPECT_THROW(pins.add(badSession), Error);
    EXPECT_THROW(pins.add(pin("x", {std::nan(""), 1.0})), Error);
    EXPECT_THROW(pins.add(pin("x", {1e12, 1e12})), Error);  // off the earth
    EXPECT_THROW(pins.fromLonLat(200.0, 52.0), Error);
    EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM pins"), 0);
    EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM pin_history"), 0);
}

TEST_F(PinsTest, ClosedSessionTakesNoNewPins) {
    SessionStore(project->db()).close(session);
    PinStore pins(*project);
    EXPECT_THROW(pins.add(pin("te laat")), Error);
}

TEST_F(PinsTest, ReopenedSessionTakesPinsAgain) {
    SessionStore sessions(project->db());
    EXPECT_THROW(sessions.reopen(session), Error);  // it is open
    sessions.close(session);
    sessions.reopen(session);
    EXPECT_TRUE(sessions.get(session).isOpen());
    PinStore pins(*project);
    EXPECT_FALSE(pins.add(pin("na heropenen")).empty());
    EXPECT_THROW(sessions.reopen(999), Error);
}

TEST_F(PinsTest, EveryChangeIsInTheHistoryAndDeleteIsSoft) {
    PinStore pins(*project);
    const std::string id = pins.add(pin("Moestuin"));
    PinEdit rename;
    rename.title = "Moestuin bij school";
    pins.edit(id, rename);
    pins.move(id, {155600, 463600});
    pins.remove(id);
    EXPECT_TRUE(pins.list().empty());
    PinFilter all;
    all.includeDeleted = true;
    EXPECT_EQ(pins.list(all).size(), 1u);
    pins.restore(id);
    Statement st(project->db(), "SELECT action FROM pin_history WHERE pin_id = ? ORDER BY id");
    st.bind(1, id);
    std::vector<std::string> actions;
    while (st.step()) actions.push_back(st.columnText(0));
    EXPECT_EQ(actions, (std::vector<std::string>{"create", "edit", "move", "delete", "restore"}));
}

TEST_F(PinsTest, UndoRedoWalkTheHistoryAndSurviveReopening) {
    std::string id;
    {
        PinStore pins(*project);
        id = pins.add(pin("Bankje"));
        pins.move(id, {155700, 463700});
        pins.remove(id);
    }
    project.reset();
    project = Project::open(path);  // as after a restart
    PinStore pins(*project);
    ASSERT_TRUE(pins.undo());  // delete undone
    EXPECT_TRUE(pins.get(id).isLive());
    ASSERT_TRUE(pins.undo());  // move undone
    EXPECT_EQ(pins.get(id).position, (Point{155500, 463500}));
    ASSERT_TRUE(pins.undo());  // create undone: the pin is gone
    EXPECT_FALSE(pins.find(id));
    EXPECT_FALSE(pins.undo());
    ASSERT_TRUE(pins.redo());
    EXPECT_TRUE(pins.find(id));
    ASSERT_TRUE(pins.redo());
    EXPECT_EQ(pins.get(id).position, (Point{155700, 463700}));
    // A new change drops the redo branch.
    PinEdit rename;
    rename.title = "Bankje in het park";
    pins.edit(id, rename);
    EXPECT_FALSE(pins.canRedo());
    EXPECT_FALSE(pins.redo());
    EXPECT_EQ(pins.get(id).title, "Bankje in het park");
}

TEST_F(PinsTest, LonLatRoundTripInRdNew) {
    PinStore pins(*project);
    Point p = pins.fromLonLat(5.38720621, 52.15517440);
    // Without the RDNAPTRANS grid PROJ's datum shift is good to about a metre.
    EXPECT_NEAR(p.x, 155000.0, 1.0);
    EXPECT_NEAR(p.y, 463000.0, 1.0);
    const std::string id = pins.add(pin("Toren", p));
    auto j = pins.toJson(pins.get(id));
    EXPECT_NEAR(j["lon"].get<double>(), 5.38720621, 1e-7);
    EXPECT_NEAR(j["lat"].get<double>(), 52.15517440, 1e-7);
}

// list() filters in SQL; matches() is the same rule for one pin. 400 pins over two sessions, four
// categories and 40 days, some deleted: every filter lists exactly the pins matches() keeps, in order.
TEST_F(PinsTest, ListFiltersBySessionCategoryAndPeriodAsMatchesDoes) {
    SessionStore sessions(project->db());
    const int64_t second =
        sessions.start({"Tweede avond", std::nullopt, {}, 5, {}, true}, SessionStore::OtherOpen::Keep);
    PinStore pins(*project);
    const std::vector<std::string> codes = {"kans", "hulpbron", "knelpunt", "idee"};
    std::vector<NewPin> batch;
    for (int i = 0; i < 400; ++i) {
        NewPin n = pin("pin " + std::to_string(i), {155000.0 + i, 463000.0 + (i * 7) % 300});
        n.sessionId = i % 3 == 0 ? second : session;
        n.category = codes[static_cast<size_t>(i * 5 % 4)];
        batch.push_back(n);
    }
    pins.addMany(batch);
    // Spread the pins over 40 days of November and December 2026 (UTC stamps as the store writes them).
    project->db().exec(
        "UPDATE pins SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-01', "
        "(rowid * 7919 % 40) || ' days', (rowid * 104729 % 86400) || ' seconds')");
    for (const Pin& p : pins.list())
        if (std::hash<std::string>{}(p.id) % 9 == 0) pins.remove(p.id);
    std::vector<Pin> all = pins.list(PinFilter{.includeDeleted = true});
    ASSERT_EQ(all.size(), 400u);

    auto ids = [](const std::vector<Pin>& v) {
        std::vector<std::string> out;
        for (const Pin& p : v) out.push_back(p.id);
        return out;
    };
    PinFilter f;
    std::vector<PinFilter> filters = {f};
    f.sessionId = second;
    filters.push_back(f);
    f.categories = std::vector<std::string>{"kans", "idee"};
    filters.push_back(f);
    setPeriod(f, "2026-11-10", "2026-11-20");
    filters.push_back(f);
    f.sessionId.reset();
    filters.push_back(f);
    f.categories = std::vector<std::string>{};  // no category: no pins
    filters.push_back(f);
    PinFilter period;
    setPeriod(period, "", "2026-11-05");
    filters.push_back(period);
    period.includeDeleted = true;
    filters.push_back(period);
    std::vector<size_t> sizes;
    for (const PinFilter& filter : filters) {
        std::vector<Pin> expected;
        for (const Pin& p : all)
            if (matches(filter, p)) expected.push_back(p);
        EXPECT_EQ(ids(pins.list(filter)), ids(expected));
        sizes.push_back(expected.size());
    }
    // Each narrowing keeps fewer pins but some: session, then two categories, then 11 of 40 days.
    EXPECT_GT(sizes[0], sizes[1]);
    EXPECT_GT(sizes[1], sizes[2]);
    EXPECT_GT(sizes[2], sizes[3]);
    EXPECT_GT(sizes[3], 0u);
    EXPECT_GT(sizes[4], sizes[3]);  // every session again
    EXPECT_EQ(sizes[5], 0u);        // an empty category list
    EXPECT_GT(sizes[7], sizes[6]);  // deleted pins counted too
    // The period holds whole local days: a pin at 23:59 local time on the 20th is in, one at 00:00 on the 21st not.
    PinFilter days;
    setPeriod(days, "2026-11-10", "2026-11-20");
    EXPECT_EQ(*days.createdFrom, localDayStart({2026, 11, 10}));
    EXPECT_EQ(*days.createdBefore, localDayStart({2026, 11, 21}));
}

TEST(PinFilter, DaysAreCheckedAndCounted) {
    EXPECT_EQ(addDays({2024, 2, 28}, 1).day, 29);  // a leap year
    EXPECT_EQ(addDays({2026, 12, 31}, 1).year, 2027);
    EXPECT_EQ(addDays({2026, 3, 1}, -1).day, 28);
    EXPECT_EQ(addDays({2026, 1, 1}, -365).year, 2025);
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "26-12-01", "2026/12/01", "2026-12-1", "",
                            "2026-12-01x", "0999-01-01"})
        EXPECT_THROW(parseCalendarDay(bad, "--from"), Error) << bad;
    EXPECT_EQ(parseCalendarDay("2024-02-29", "--from").day, 29);
    PinFilter f;
    EXPECT_THROW(setPeriod(f, "2026-12-05", "2026-12-04"), Error);  // until before from
    EXPECT_FALSE(f.narrows());
    setPeriod(f, "2026-12-05", "2026-12-05");  // one day
    EXPECT_TRUE(f.narrows());
    EXPECT_LT(*f.createdFrom, *f.createdBefore);
    // In UTC a local day starts at its midnight; the text is the store's own form.
    const char* tz = std::getenv("TZ");
    const std::string saved = tz ? tz : "";
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);  // Amsterdam's rule, without tzdata
    tzset();
    EXPECT_EQ(localDayStart({2026, 12, 5}), "2026-12-04T23:00:00.000Z");  // winter: UTC+1
    EXPECT_EQ(localDayStart({2026, 7, 1}), "2026-06-30T22:00:00.000Z");   // summer: UTC+2
    if (tz)
        setenv("TZ", saved.c_str(), 1);
    else
        unsetenv("TZ");
    tzset();
}

// list() gives the pins in the order they were made (created_at, then id, bytewise as SQLite compares
// text), also when the rows are stored in another order: read as stored and sorted only when needed.
TEST_F(PinsTest, PlacesAreThePinsIdsCategoriesAndPositionsAsListed) {
    PinStore pins(*project);
    std::vector<NewPin> batch;
    for (int i = 0; i < 50; ++i) {
        NewPin p = pin("pin " + std::to_string(i), {155000.0 + i * 0.5, 463000.0 - i});
        p.category = i % 3 == 0 ? "idee" : "kans";
        batch.push_back(p);
    }
    pins.addMany(batch);
    pins.remove(pins.list().at(7).id);
    PinFilter filter;
    filter.categories = std::vector<std::string>{"kans"};
    for (const PinFilter& f : {PinFilter{}, PinFilter{.includeDeleted = true}, filter}) {
        const std::vector<Pin> listed = pins.list(f);
        const PinPlaces places = pins.listPlaces(f);
        ASSERT_EQ(places.size(), listed.size());
        for (size_t i = 0; i < listed.size(); ++i) {
            EXPECT_EQ(places.id(i), listed[i].id);
            EXPECT_EQ(places.category(i), listed[i].category);
            EXPECT_EQ(places.position(i), listed[i].position);
        }
    }
    EXPECT_EQ(pins.listPlaces().size(), 49u);
    EXPECT_EQ(pins.listPlaces(filter).codes(), std::vector<std::string>{"kans"});
    // Built from Pin records (the render command, tests): the same.
    const PinPlaces of = PinPlaces::of(pins.list());
    ASSERT_EQ(of.size(), 49u);
    EXPECT_EQ(of.id(48), pins.list().back().id);
    std::vector<std::string> firstMet;  // the codes in the order the pins bring them
    for (const Pin& p : pins.list())
        if (std::find(firstMet.begin(), firstMet.end(), p.category) == firstMet.end()) firstMet.push_back(p.category);
    EXPECT_EQ(of.codes(), firstMet);
    EXPECT_EQ(firstMet.size(), 2u);
}

TEST(PinPlacesFacts, CopiesShareTheirPositionsUntilOneIsFilledFurther) {
    PinPlaces a;
    a.add("p1", "kans", {1, 2});
    a.add("p22", "idee", {3, 4});
    a.add("p333", "kans", {5, 6});
    EXPECT_EQ(a.id(0), "p1");
    EXPECT_EQ(a.id(2), "p333");
    EXPECT_EQ(a.category(1), "idee");
    EXPECT_EQ(a.codeOf(), (std::vector<uint32_t>{0, 1, 0}));
    PinPlaces b = a;
    EXPECT_EQ(b.sharedPositions(), a.sharedPositions()) << "a copy holds the positions again";
    b.add("p4", "knelpunt", {7, 8});
    EXPECT_NE(b.sharedPositions(), a.sharedPositions());
    EXPECT_EQ(a.size(), 3u);
    EXPECT_EQ(b.size(), 4u);
    EXPECT_EQ(b.position(3), (Point{7, 8}));
    EXPECT_EQ(b.id(3), "p4");
    EXPECT_EQ(a.positions().back(), (Point{5, 6}));
}

TEST_F(PinsTest, ListIsInTheOrderPinsWereMadeWhateverTheStoredOrder) {
    PinStore pins(*project);
    std::vector<NewPin> batch;
    for (int i = 0; i < 300; ++i) batch.push_back(pin("pin " + std::to_string(i), {155000.0 + i, 463000.0}));
    pins.addMany(batch);
    auto sqlOrder = [&] {
        std::vector<std::string> ids;
        Statement st(project->db(), "SELECT id FROM pins ORDER BY created_at, id");
        while (st.step()) ids.push_back(st.columnText(0));
        return ids;
    };
    auto listed = [&] {
        std::vector<std::string> ids;
        for (const Pin& p : pins.list(PinFilter{.includeDeleted = true})) ids.push_back(p.id);
        return ids;
    };
    // The map's read (only ids, categories and places) in the same order.
    auto placesListed = [&] {
        std::vector<std::string> ids;
        const PinPlaces places = pins.listPlaces(PinFilter{.includeDeleted = true});
        for (size_t i = 0; i < places.size(); ++i) ids.emplace_back(places.id(i));
        return ids;
    };
    EXPECT_EQ(listed(), sqlOrder());  // as stored
    EXPECT_EQ(placesListed(), sqlOrder());
    // Later rows made earlier (a merge, an import of older work), and a third of them at one moment,
    // so the ids decide among those.
    project->db().exec(
        "UPDATE pins SET created_at = CASE WHEN rowid % 3 = 0 THEN '2026-10-01T12:00:00.000Z' "
        "ELSE strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-01', (-rowid) || ' minutes') END");
    const std::vector<std::string> expected = sqlOrder();
    ASSERT_EQ(expected.size(), 300u);
    EXPECT_EQ(listed(), expected);
    EXPECT_EQ(placesListed(), expected);
    const std::vector<Pin> oneSession = pins.list(PinFilter{.sessionId = session});
    ASSERT_EQ(oneSession.size(), 300u);
    EXPECT_EQ(oneSession.front().id, expected.front());
    EXPECT_EQ(oneSession.back().id, expected.back());
}
