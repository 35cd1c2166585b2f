// The programme store against a real PostgreSQL + PostGIS server (tests/programme/test_server.hpp).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/pins.hpp"
#include "engine/programme/programme_export.hpp"
#include "engine/programme/programme_store.hpp"
#include "engine/programme/programme_view.hpp"
#include "engine/programme/publish.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "engine/sqlite_db.hpp"
#include "tests/engine/engine_fixture.hpp"
#include "tests/programme/old_server.hpp"
#include "tests/programme/test_server.hpp"
#include "tests/support/cli_runner.hpp"

namespace samenkaart::test {
namespace {

namespace fs = std::filesystem;
using programme::PublishOptions;
using programme::PublishReceipt;

// A project in RD New with one square buurt around (155000, 463000), a consented session and an
// unconsented one.
struct TestProject {
    std::unique_ptr<Project> project;
    int64_t consented = 0, unconsented = 0;
    std::string path() const { return project->path(); }
};

TestProject makeProject(const std::string& name) {
    TestProject t;
    t.project = makeEmptyRdProject(name);
    Database& db = t.project->db();
    db.exec(
        "INSERT INTO boundaries (fid, name, geom) VALUES (1, 'Centrum', GeomFromText('MULTIPOLYGON(((154000 462000, "
        "156000 462000, 156000 464000, 154000 464000, 154000 462000)))', 28992))");
    SessionStore sessions(db);
    t.consented = sessions.start({.title = "Buurtavond", .facilitator = "Fatima", .consent = true});
    t.unconsented = sessions.start({.title = "Zonder toestemming"});
    return t;
}

std::string addPin(Project& p, int64_t session, const std::string& title, double x = 155000, double y = 463000,
                   std::optional<std::string> contributor = std::nullopt, const std::string& category = "kans") {
    PinStore pins(p);
    return pins.add({.sessionId = session,
                     .category = category,
                     .title = title,
                     .contributor = std::move(contributor),
                     .position = {x, y}});
}

PublishReceipt publish(const TestProject& t, const TestDatabase& store, const std::string& werkplaats = "utrecht",
                       PublishOptions options = {}) {
    pg::Connection c = pg::Connection::open(store.db());
    if (!options.werkplaats) options.werkplaats = werkplaats;
    return programme::publishProject(t.path(), c, options);
}

// A store with werkplaatsen utrecht and rotterdam.
void initStore(const TestDatabase& store) {
    pg::Connection c = store.admin();
    programme::initStore(c);
    programme::addWerkplaats(c, "utrecht", "Werkplaats Sociaal Domein Utrecht");
    programme::addWerkplaats(c, "rotterdam", "Werkplaats Rotterdam");
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int64_t count(pg::Connection& c, const std::string& sql, const pg::Params& params = {}) {
    return c.exec(sql, params).integer(0, 0);
}

TEST(ProgrammeStore, InitMakesTheStoreOnceAndAgainChangesNothing) {
    TestDatabase store;
    pg::Connection c = store.admin();
    const programme::InitReport first = programme::initStore(c);
    EXPECT_EQ(first.fromVersion, 0);
    EXPECT_EQ(first.toVersion, programme::latestStoreVersion());
    EXPECT_EQ(first.store.commonSrid, 28992);
    EXPECT_EQ(first.store.storeUid.size(), 36u);
    const programme::InitReport again = programme::initStore(c, 4326);
    EXPECT_EQ(again.fromVersion, again.toVersion);
    EXPECT_EQ(again.store.storeUid, first.store.storeUid);
    EXPECT_EQ(again.store.commonSrid, 28992) << "the common CRS is chosen once";
    EXPECT_EQ(count(c, "SELECT count(*) FROM samenkaart.schema_version"), programme::latestStoreVersion());
    EXPECT_EQ(
        count(c, "SELECT count(*) FROM pg_roles WHERE rolname IN ('samenkaart_publisher', 'samenkaart_researcher')"),
        2);
    // Every geometry column of the common CRS is indexed, and the QGIS views have one geometry each.
    EXPECT_EQ(
        count(
            c,
            "SELECT count(*) FROM pg_indexes WHERE schemaname = 'samenkaart' AND indexdef LIKE '%gist (geom_common)%'"),
        2);
    EXPECT_EQ(count(c,
                    "SELECT count(*) FROM geometry_columns WHERE f_table_schema = 'samenkaart' AND f_table_name IN "
                    "('pins_map', 'boundaries_map') AND srid = 28992"),
              2);
}

TEST(ProgrammeStore, InitInAnotherCommonCrs) {
    TestDatabase store;
    pg::Connection c = store.admin();
    EXPECT_EQ(programme::initStore(c, 3035).store.commonSrid, 3035);
    EXPECT_EQ(
        count(c, "SELECT srid FROM geometry_columns WHERE f_table_name = 'pins' AND f_geometry_column = 'geom_common'"),
        3035);
    TestDatabase other;
    pg::Connection c2 = other.admin();
    try {
        programme::initStore(c2, 999999);
        FAIL() << "an unknown CRS was taken";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), "EPSG:999999");
    }
    EXPECT_EQ(count(c2, "SELECT count(*) FROM pg_namespace WHERE nspname = 'samenkaart'"), 0) << "nothing made";
}

TEST(ProgrammeStore, PublishSendsWhatIsNewThenNothing) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_new");
    const std::string a = addPin(*t.project, t.consented, "Moestuin");
    const std::string b = addPin(*t.project, t.consented, "Bankje", 155100, 463100);
    const std::string c = addPin(*t.project, t.consented, "Weg", 155200, 463200);
    addPin(*t.project, t.unconsented, "Blijft thuis");

    PublishReceipt r = publish(t, store);
    EXPECT_FALSE(r.nothingNew);
    EXPECT_EQ(r.pinsSent, 3);
    EXPECT_EQ(r.pinsNew, 3);
    EXPECT_EQ(r.pinsChanged, 0);
    EXPECT_EQ(r.leftOutUnconsented, 1);
    EXPECT_EQ(r.sessionsSent, 2);
    EXPECT_EQ(r.categoriesSent, 4);
    EXPECT_EQ(r.boundariesSent, 1);
    EXPECT_EQ(r.historySent, 3);
    EXPECT_EQ(r.serverPins, 3);
    EXPECT_TRUE(r.countsMatch());

    PublishReceipt again = publish(t, store);
    EXPECT_TRUE(again.nothingNew);
    EXPECT_EQ(again.pinsSent, 0);
    EXPECT_EQ(again.serverPins, 3);

    // One new, one edited, one deleted: exactly those go.
    PinStore pins(*t.project);
    pins.edit(a, {.title = "Moestuin (groot)"});
    pins.remove(c);
    addPin(*t.project, t.consented, "Nieuw");
    PublishReceipt third = publish(t, store);
    EXPECT_EQ(third.pinsSent, 3);
    EXPECT_EQ(third.pinsNew, 1);
    EXPECT_EQ(third.pinsChanged, 1);
    EXPECT_EQ(third.pinsDeleted, 1);
    EXPECT_EQ(third.historySent, 3) << "the edit, the delete and the new pin's create";
    EXPECT_EQ(third.boundariesSent, 0);
    EXPECT_EQ(third.serverPins, 3);
    EXPECT_EQ(third.serverDeletedPins, 1);
    EXPECT_TRUE(third.countsMatch());

    pg::Connection s = store.admin();
    EXPECT_EQ(s.exec("SELECT title FROM samenkaart.pins WHERE id = $1", {a}).text(0, 0), "Moestuin (groot)");
    EXPECT_FALSE(s.exec("SELECT deleted_at FROM samenkaart.pins WHERE id = $1", {c}).isNull(0, 0));
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pin_history"), 6);
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.publishes"), 2) << "the publish that sent nothing is not one";
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pins WHERE boundary_fid = 1"), 4);
    EXPECT_EQ(count(s, "SELECT pins FROM samenkaart.boundaries_map WHERE fid = 1"), 3);
    // Both geometries: the project's CRS and the common one (here the same, RD New).
    EXPECT_EQ(s.exec("SELECT ST_AsText(geom) || ' ' || ST_SRID(geom) || ' ' || ST_SRID(geom_common) FROM "
                     "samenkaart.pins WHERE id = $1",
                     {b})
                  .text(0, 0),
              "POINT(155100 463100) 28992 28992");

    // QGIS finds a default style for each view: pins in the categories' colours.
    pg::Result styles = s.exec(
        "SELECT f_table_name, styleqml::text FROM public.layer_styles WHERE useasdefault AND f_table_schema = "
        "'samenkaart' ORDER BY f_table_name");
    ASSERT_EQ(styles.rows(), 2);
    EXPECT_EQ(styles.text(0, 0), "boundaries_map");
    EXPECT_EQ(styles.text(1, 0), "pins_map");
    EXPECT_NE(styles.text(1, 1).find("categorizedSymbol"), std::string::npos);
    EXPECT_NE(styles.text(1, 1).find("value=\"kans\""), std::string::npos) << styles.text(1, 1).substr(0, 400);

    // The project file remembers each publish.
    auto log = programme::publishHistory(*t.project);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].pinsNew, 1);
    EXPECT_EQ(log[0].serverPins, 3);
    EXPECT_EQ(log[1].pinsNew, 3);
    EXPECT_EQ(log[0].werkplaats, "utrecht");
}

// The server's rows of a store, as text, in one order: what two publishes are compared by.
std::string serverRows(const TestDatabase& store) {
    pg::Connection s = store.admin();
    std::string out;
    for (const char* sql :
         {"SELECT row_to_json(p)::text FROM samenkaart.pins p ORDER BY id",
          "SELECT row_to_json(h)::text FROM samenkaart.pin_history h ORDER BY project_uid, id",
          "SELECT row_to_json(s)::text FROM samenkaart.sessions s ORDER BY project_uid, id",
          "SELECT row_to_json(c)::text FROM samenkaart.categories c ORDER BY project_uid, code",
          "SELECT project_uid || ' ' || fid || ' ' || name || ' ' || ST_AsText(geom) FROM samenkaart.boundaries "
          "ORDER BY project_uid, fid"}) {
        pg::Result r = s.exec(sql);
        for (int i = 0; i < r.rows(); ++i) out += r.text(i, 0) + "\n";
    }
    return out;
}

TEST(ProgrammeStore, APublishReadsOnlyWhatChangedAndSendsWhatReadingAllWould) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_changes");
    Database& db = t.project->db();
    db.exec(
        "INSERT INTO boundaries (fid, name, geom) VALUES (2, 'Oost', GeomFromText('MULTIPOLYGON(((156000 462000, "
        "158000 462000, 158000 464000, 156000 464000, 156000 462000)))', 28992))");
    const std::string a = addPin(*t.project, t.consented, "Moestuin", 155000, 463000, "Ans");
    const std::string b = addPin(*t.project, t.consented, "Bankje", 155100, 463100);
    const std::string c = addPin(*t.project, t.consented, "Weg", 155200, 463200, std::nullopt, "hulpbron");
    const std::string d = addPin(*t.project, t.consented, "Oversteek", 157000, 463000);
    addPin(*t.project, t.unconsented, "Thuis");
    PublishReceipt r = publish(t, store);
    EXPECT_FALSE(r.changesOnly) << "a first publish reads everything";
    r = publish(t, store);
    EXPECT_TRUE(r.changesOnly);
    EXPECT_TRUE(r.nothingNew);
    EXPECT_TRUE(r.countsMatch());
    EXPECT_EQ(r.leftOutUnconsented, 1);

    // An evening's worth of changes by every route: the pin store, undo, a new session, sqlite3-like SQL.
    PinStore pins(*t.project);
    pins.edit(a, {.title = "Moestuin (groot)", .contributor = std::string("Piet")});
    pins.move(b, {156500, 463500});  // into the other buurt
    pins.remove(c);
    pins.edit(d, {.title = "Gevaarlijk"});
    ASSERT_TRUE(pins.undo());
    SessionStore sessions(db);
    const int64_t evening = sessions.start({.title = "Tweede avond", .consent = true});
    const std::string e = addPin(*t.project, evening, "Nieuw", 157500, 462500, "Ans");
    addPin(*t.project, t.unconsented, "Ook thuis");
    db.exec("UPDATE pins SET description = 'van buiten Samenkaart' WHERE id = '" + d + "'");
    r = publish(t, store);
    EXPECT_TRUE(r.changesOnly);
    EXPECT_EQ(r.pinsNew, 1);
    EXPECT_EQ(r.pinsDeleted, 1);
    EXPECT_EQ(r.pinsChanged, 3) << "a, b and d (its edit undone, its description changed)";
    EXPECT_EQ(r.sessionsSent, 1);
    EXPECT_EQ(r.boundariesSent, 0);
    EXPECT_EQ(r.leftOutUnconsented, 2);
    EXPECT_TRUE(r.countsMatch()) << r.serverPins << " " << r.expectedPins;
    EXPECT_EQ(r.expectedPins, 4);
    EXPECT_EQ(r.expectedDeletedPins, 1);
    pg::Connection s = store.admin();
    EXPECT_EQ(s.exec("SELECT boundary_fid FROM samenkaart.pins WHERE id = $1", {b}).text(0, 0), "2");
    EXPECT_EQ(s.exec("SELECT title FROM samenkaart.pins WHERE id = $1", {d}).text(0, 0), "Oversteek");

    // What the server holds is what sending everything again gives, byte for byte.
    const std::string changedOnly = serverRows(store);
    PublishOptions all;
    all.resendAll = true;
    r = publish(t, store, "utrecht", all);
    EXPECT_FALSE(r.changesOnly);
    EXPECT_EQ(serverRows(store), changedOnly);
    EXPECT_TRUE(publish(t, store).nothingNew);

    // Whatever else decides a pin's published form sends the project to be read whole.
    db.exec("DROP TRIGGER publish_pin_update");  // as a rebuilt table loses its triggers
    pins.edit(e, {.title = "Nieuw (2)"});
    r = publish(t, store);
    EXPECT_FALSE(r.changesOnly);
    EXPECT_EQ(r.pinsChanged, 1);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'publish_pin_update'"), 1) << "put back";
    EXPECT_TRUE(publish(t, store).changesOnly);

    db.exec("UPDATE boundaries SET name = 'Oost-Centrum' WHERE fid = 2");
    r = publish(t, store);
    EXPECT_FALSE(r.changesOnly);
    EXPECT_EQ(r.boundariesSent, 2);
    db.exec("ALTER TABLE boundaries ADD COLUMN bron TEXT");  // no row changes, every buurt's attributes do
    r = publish(t, store);
    EXPECT_FALSE(r.changesOnly);
    EXPECT_EQ(r.boundariesSent, 2);
    EXPECT_TRUE(publish(t, store).changesOnly);

    PublishOptions coarse;
    coarse.coarsenMetres = 500;
    r = publish(t, store, "utrecht", coarse);
    EXPECT_FALSE(r.changesOnly);
    EXPECT_EQ(r.pinsChanged, 5) << "every pin moves to its cell's centre, the deleted one too";
    EXPECT_TRUE(publish(t, store, "utrecht", coarse).changesOnly);

    sessions.recordConsent(t.unconsented);
    r = publish(t, store, "utrecht", coarse);
    EXPECT_FALSE(r.changesOnly);
    EXPECT_EQ(r.pinsNew, 2) << "the pins of the session whose consent came later";
    EXPECT_TRUE(r.countsMatch());

    // A second store hears of a change that the first one already has.
    TestDatabase other;
    initStore(other);
    EXPECT_FALSE(publish(t, other, "utrecht", coarse).changesOnly);
    pins.edit(a, {.title = "Moestuin (heel groot)"});
    EXPECT_EQ(publish(t, store, "utrecht", coarse).pinsChanged, 1);
    r = publish(t, other, "utrecht", coarse);
    EXPECT_TRUE(r.changesOnly);
    EXPECT_EQ(r.pinsChanged, 1);
    EXPECT_EQ(other.admin().exec("SELECT title FROM samenkaart.pins WHERE id = $1", {a}).text(0, 0),
              "Moestuin (heel groot)");
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM publish_changes"), 0) << "both stores have seen every change";
}

TEST(ProgrammeStore, TheServerKeepsEachProjectsPinCountsAndAnOlderStoreGetsThem) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_counts");
    const std::string a = addPin(*t.project, t.consented, "A");
    addPin(*t.project, t.consented, "B");
    addPin(*t.project, t.consented, "C");
    publish(t, store);
    PinStore(*t.project).remove(a);
    publish(t, store);
    pg::Connection s = store.admin();
    const pg::Params uid = {*t.project->meta("project_uid")};
    auto kept = [&] {
        pg::Result r =
            s.exec("SELECT live || ' ' || deleted FROM samenkaart.project_pin_counts WHERE project_uid = $1", uid);
        return r.rows() ? r.text(0, 0) : std::string("none");
    };
    auto counted = [&] {
        return s
            .exec(
                "SELECT count(*) FILTER (WHERE deleted_at IS NULL) || ' ' || count(*) FILTER (WHERE deleted_at IS "
                "NOT NULL) FROM samenkaart.pins WHERE project_uid = $1",
                uid)
            .text(0, 0);
    };
    EXPECT_EQ(kept(), "2 1");
    // Whoever changes the rows: an administrator's update, delete, a truncate.
    s.exec("UPDATE samenkaart.pins SET deleted_at = NULL WHERE id = $1", {a});
    EXPECT_EQ(kept(), "3 0");
    s.exec("DELETE FROM samenkaart.pin_history WHERE pin_id = $1", {a});
    s.exec("DELETE FROM samenkaart.pins WHERE id = $1", {a});
    EXPECT_EQ(kept(), counted());
    PublishOptions all;
    all.resendAll = true;
    EXPECT_TRUE(publish(t, store, "utrecht", all).countsMatch());
    EXPECT_EQ(kept(), "2 1");

    // A store made before the counts were kept: init brings them, from the rows it holds.
    s.exec("DROP TABLE samenkaart.project_pin_counts");
    s.exec("DROP FUNCTION samenkaart.count_pins() CASCADE");
    s.exec("DROP FUNCTION samenkaart.add_pin_counts(bigint, bigint, bigint, uuid)");
    s.exec("DELETE FROM samenkaart.schema_version WHERE version = 2");
    try {
        publish(t, store);
        FAIL() << "a publish into a store that needs an upgrade";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("version 1"), std::string::npos) << e.what();
    }
    EXPECT_EQ(programme::initStore(s).fromVersion, 1);
    EXPECT_EQ(kept(), "2 1");
    EXPECT_EQ(kept(), counted());
    addPin(*t.project, t.consented, "D");
    EXPECT_TRUE(publish(t, store).countsMatch());
    EXPECT_EQ(kept(), "3 1");

    s.exec("TRUNCATE samenkaart.pins");
    EXPECT_EQ(kept(), "0 0");
    // A project removed takes its counts with it.
    s.exec("DELETE FROM samenkaart.projects WHERE project_uid = $1", uid);
    EXPECT_EQ(kept(), "none");
}

TEST(ProgrammeStore, ReceiptNoticesRowsRemovedOnTheServerAndResendAllRestoresThem) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_resend");
    const std::string a = addPin(*t.project, t.consented, "A");
    addPin(*t.project, t.consented, "B");
    publish(t, store);
    {
        pg::Connection s = store.admin();
        s.exec("DELETE FROM samenkaart.pin_history WHERE pin_id = $1", {a});
        s.exec("DELETE FROM samenkaart.pins WHERE id = $1", {a});
    }
    PublishReceipt r = publish(t, store);
    EXPECT_TRUE(r.nothingNew);
    EXPECT_FALSE(r.countsMatch()) << "the server holds one pin fewer than was published";
    PublishOptions again;
    again.resendAll = true;
    r = publish(t, store, "utrecht", again);
    EXPECT_EQ(r.pinsNew, 1);
    EXPECT_EQ(r.pinsChanged, 1) << "the other is replaced by the same values";
    EXPECT_TRUE(r.countsMatch());
    pg::Connection s = store.admin();
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pin_history"), 2);
}

TEST(ProgrammeStore, AProjectFileThatCannotRecordThePublishLosesNothing) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_locked");
    addPin(*t.project, t.consented, "A");
    const std::string path = t.path();
    t.project.reset();
    // Another program takes the project file once the server has committed (the receipt's count
    // check comes after the commit), so the publish cannot note what it sent.
    std::unique_ptr<Database> other;
    PublishOptions o;
    o.werkplaats = "utrecht";
    o.progress = [&](const std::string&, double done) {
        if (done >= 0.9 && !other) {
            other = std::make_unique<Database>(path, Database::Mode::ReadWrite);
            other->exec("BEGIN EXCLUSIVE");
        }
    };
    pg::Connection c = pg::Connection::open(store.db());
    PublishReceipt r = programme::publishProject(path, c, o);
    EXPECT_NE(r.notRecorded.find("locked"), std::string::npos) << r.notRecorded;
    EXPECT_EQ(r.serverPins, 1);
    other->exec("ROLLBACK");
    other.reset();
    // Next time the same pin goes again, and the server keeps one copy.
    o.progress = nullptr;
    r = programme::publishProject(path, c, o);
    EXPECT_EQ(r.notRecorded, "");
    EXPECT_EQ(r.pinsChanged, 1);
    EXPECT_EQ(r.pinsNew, 0);
    EXPECT_EQ(r.serverPins, 1);
    EXPECT_TRUE(r.countsMatch());
    EXPECT_TRUE(programme::publishProject(path, c, o).nothingNew);
}

TEST(ProgrammeStore, TextArrivesByteForByte) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_text");
    const std::vector<std::string> titles = {
        "quote ' and \" double",    "new\nline and\r\ncrlf",           "tab\there",
        "back\\slash \\N \\. \\\\", "emoji 😀🏳️‍🌈 ĳ €", "'); DROP TABLE samenkaart.pins; --",
        "$$ dollar $1 %s {}",       " leading and trailing "};
    std::vector<std::string> ids;
    for (const std::string& title : titles) ids.push_back(addPin(*t.project, t.consented, title));
    PinStore(*t.project)
        .edit(ids[0], {.description = "beschrijving\nmet \\ en \"", .attributes = nlohmann::json{{"k", "v\n\\"}}});
    publish(t, store);
    pg::Connection s = store.admin();
    for (size_t i = 0; i < ids.size(); ++i)
        EXPECT_EQ(s.exec("SELECT title FROM samenkaart.pins WHERE id = $1", {ids[i]}).text(0, 0), titles[i]);
    EXPECT_EQ(s.exec("SELECT description FROM samenkaart.pins WHERE id = $1", {ids[0]}).text(0, 0),
              "beschrijving\nmet \\ en \"");
    EXPECT_EQ(s.exec("SELECT attributes->>'k' FROM samenkaart.pins WHERE id = $1", {ids[0]}).text(0, 0), "v\n\\");
    EXPECT_EQ(
        s.exec("SELECT facilitator FROM samenkaart.sessions WHERE id = $1", {std::to_string(t.consented)}).text(0, 0),
        "Fatima");
}

TEST(ProgrammeStore, AliasesLeaveAsPseudonymsAndUnconsentedPinsStayHome) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_privacy");
    const std::string a = addPin(*t.project, t.consented, "Fietsmaker", 155000, 463000, "Ans de Vries", "hulpbron");
    const std::string b = addPin(*t.project, t.consented, "Naaister", 155010, 463010, "Ans de Vries", "hulpbron");
    const std::string c = addPin(*t.project, t.consented, "Kok", 155020, 463020, "Piet", "hulpbron");
    const std::string home = addPin(*t.project, t.unconsented, "Thuis");
    publish(t, store);
    pg::Connection s = store.admin();
    const std::string pa = s.exec("SELECT contributor FROM samenkaart.pins WHERE id = $1", {a}).text(0, 0);
    EXPECT_EQ(pa.rfind("anon-", 0), 0u) << pa;
    EXPECT_EQ(s.exec("SELECT contributor FROM samenkaart.pins WHERE id = $1", {b}).text(0, 0), pa) << "stable";
    EXPECT_NE(s.exec("SELECT contributor FROM samenkaart.pins WHERE id = $1", {c}).text(0, 0), pa);
    // Nowhere on the server: not the alias, not the key.
    const std::string key = *t.project->meta("pseudonym_key");
    for (const std::string& secret : {std::string("Ans de Vries"), key}) {
        pg::Result dump = s.exec(
            "SELECT count(*) FROM (SELECT row_to_json(x)::text AS t FROM samenkaart.pins x UNION ALL SELECT "
            "row_to_json(h)::text FROM samenkaart.pin_history h UNION ALL SELECT row_to_json(s)::text FROM "
            "samenkaart.settings s) all_rows WHERE strpos(t, $1) > 0",
            {secret});
        EXPECT_EQ(dump.integer(0, 0), 0) << secret;
    }
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pins WHERE id = $1", {home}), 0);

    // Consent recorded later: the pin goes with the next publish.
    SessionStore(t.project->db()).recordConsent(t.unconsented);
    PublishReceipt r = publish(t, store);
    EXPECT_EQ(r.pinsNew, 1);
    EXPECT_EQ(r.leftOutUnconsented, 0);
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pins WHERE id = $1", {home}), 1);
}

TEST(ProgrammeStore, ConsentOnlyByOptionAndWithdrawnWhenThatStops) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_unconsented");
    addPin(*t.project, t.consented, "Met");
    const std::string without = addPin(*t.project, t.unconsented, "Zonder");
    PublishOptions all;
    all.includeUnconsented = true;
    EXPECT_EQ(publish(t, store, "utrecht", all).pinsNew, 2);
    // Published once with the option, then without: the pin is taken back off the server.
    PublishReceipt r = publish(t, store);
    EXPECT_EQ(r.pinsWithdrawn, 1);
    EXPECT_EQ(r.serverPins, 1);
    pg::Connection s = store.admin();
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pins WHERE id = $1", {without}), 0);
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pin_history WHERE pin_id = $1", {without}), 0);
}

TEST(ProgrammeStore, CoarsenMovesPinsAsExportDoes) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_coarsen");
    const std::string id = addPin(*t.project, t.consented, "Precies", 155123.4, 463987.6);
    PublishOptions o;
    o.coarsenMetres = 100;
    publish(t, store, "utrecht", o);
    pg::Connection s = store.admin();
    EXPECT_EQ(s.exec("SELECT ST_AsText(geom) FROM samenkaart.pins WHERE id = $1", {id}).text(0, 0),
              "POINT(155150 463950)");
    EXPECT_EQ(s.exec("SELECT after->>'x' FROM samenkaart.pin_history WHERE pin_id = $1", {id}).text(0, 0), "155150.0");
}

TEST(ProgrammeStore, AnotherProjectsPinIdIsRefusedNotOverwritten) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_owner");
    const std::string id = addPin(*t.project, t.consented, "Van A");
    publish(t, store);
    // A copy of the file that is made a project of its own (its identity removed) carries the same ids.
    const std::string copy = fs::path(t.path()).parent_path() / "copy.sqlite";
    t.project.reset();
    fs::copy_file(fs::path(copy).parent_path() / "p.sqlite", copy);
    {
        auto p = Project::open(copy);
        p->db().exec("DELETE FROM project_meta WHERE key IN ('project_uid', 'pseudonym_key')");
        PinStore(*p).edit(id, {.title = "Van B"});
    }
    pg::Connection c = pg::Connection::open(store.db());
    PublishOptions o;
    o.werkplaats = "rotterdam";
    const PublishReceipt r = programme::publishProject(copy, c, o);
    ASSERT_EQ(r.refused.size(), 1u);
    EXPECT_EQ(r.refused[0].id, id);
    EXPECT_NE(r.refused[0].reason.find("utrecht"), std::string::npos) << r.refused[0].reason;
    EXPECT_EQ(r.pinsNew, 0);
    EXPECT_EQ(r.serverPins, 0);
    EXPECT_TRUE(r.countsMatch());
    pg::Connection s = store.admin();
    EXPECT_EQ(s.exec("SELECT title || ' ' || werkplaats FROM samenkaart.pins WHERE id = $1", {id}).text(0, 0),
              "Van A utrecht");
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pin_history WHERE werkplaats = 'rotterdam'"), 0);
    // Refused again next time, and said so again: it was not recorded as sent.
    EXPECT_EQ(programme::publishProject(copy, c, {}).refused.size(), 1u);
}

TEST(ProgrammeStore, FirstPublishNeedsAWerkplaatsTheStoreHasAndItStays) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_werkplaats");
    addPin(*t.project, t.consented, "Pin");
    const std::string before = fileBytes(t.path());
    pg::Connection c = pg::Connection::open(store.db());
    try {
        programme::publishProject(t.path(), c, {});
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(e.cause().find("--werkplaats"), std::string::npos) << e.what();
        EXPECT_NE(e.cause().find("rotterdam, utrecht"), std::string::npos) << e.what();
    }
    PublishOptions unknown;
    unknown.werkplaats = "groningen";
    EXPECT_THROW(programme::publishProject(t.path(), c, unknown), Error);
    EXPECT_EQ(fileBytes(t.path()), before) << "a refused publish leaves the project file as it was";
    publish(t, store, "utrecht");
    try {
        publish(t, store, "rotterdam");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::BadInput);
        EXPECT_NE(e.cause().find("utrecht"), std::string::npos) << e.what();
    }
}

TEST(ProgrammeStore, RolesSeeAndChangeOnlyWhatTheyMay) {
    TestDatabase store;
    initStore(store);
    store.createLoginRole("sk_alice", "alice-secret");
    store.createLoginRole("sk_bob", "bob-secret");
    store.createLoginRole("sk_nobody", "nobody-secret");
    {
        pg::Connection c = store.admin();
        programme::grantPublisher(c, "sk_alice", "utrecht");
        programme::grantResearcher(c, "sk_bob");
    }
    TestProject utrecht = makeProject("rls_utrecht");
    addPin(*utrecht.project, utrecht.consented, "Utrecht");
    TestProject rotterdam = makeProject("rls_rotterdam");
    const std::string rid = addPin(*rotterdam.project, rotterdam.consented, "Rotterdam");
    publish(rotterdam, store, "rotterdam");  // by the administrator

    pg::Connection alice = pg::Connection::open(store.dbAs("sk_alice"));
    PublishOptions o;
    o.werkplaats = "utrecht";
    EXPECT_EQ(programme::publishProject(utrecht.path(), alice, o).pinsNew, 1);
    // Not for a werkplaats not granted to her: refused before anything is sent.
    TestProject other = makeProject("rls_other");
    addPin(*other.project, other.consented, "Ander");
    o.werkplaats = "rotterdam";
    try {
        programme::publishProject(other.path(), alice, o);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Denied);
        EXPECT_NE(e.cause().find("sk_alice"), std::string::npos) << e.what();
    }
    // And the server holds her to it, whatever a client sends.
    EXPECT_EQ(count(alice,
                    "WITH u AS (UPDATE samenkaart.pins SET title = 'x' WHERE werkplaats = 'rotterdam' RETURNING 1) "
                    "SELECT count(*) FROM u"),
              0);
    EXPECT_THROW(alice.exec("INSERT INTO samenkaart.werkplaatsen (code) VALUES ('eigen')"), pg::ServerError);
    EXPECT_THROW(alice.exec("UPDATE samenkaart.pin_history SET after = '{}'"), pg::ServerError)
        << "history is never rewritten";
    EXPECT_EQ(count(alice, "SELECT count(*) FROM samenkaart.pins"), 2) << "publishers read the programme";

    pg::Connection bob = pg::Connection::open(store.dbAs("sk_bob"));
    EXPECT_EQ(count(bob, "SELECT count(*) FROM samenkaart.pins_map"), 2);
    try {
        bob.exec("DELETE FROM samenkaart.pins WHERE id = $1", {rid});
        FAIL();
    } catch (const pg::ServerError& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Denied);
    }
    EXPECT_THROW(programme::publishProject(other.path(), bob, o), Error);

    pg::Connection nobody = pg::Connection::open(store.dbAs("sk_nobody"));
    EXPECT_THROW(nobody.exec("SELECT count(*) FROM samenkaart.pins"), pg::ServerError);
}

TEST(ProgrammeStore, FourProjectsPublishAtOnce) {
    TestDatabase store;
    initStore(store);
    std::vector<TestProject> projects;
    for (int k = 0; k < 4; ++k) {
        projects.push_back(makeProject("concurrent_" + std::to_string(k)));
        std::vector<NewPin> many;
        for (int i = 0; i < 500; ++i)
            many.push_back({.sessionId = projects.back().consented,
                            .category = "kans",
                            .title = "pin " + std::to_string(i),
                            .position = {154000.0 + i, 462000.0 + k * 100}});
        PinStore(*projects.back().project).addMany(many);
    }
    std::vector<PublishReceipt> receipts(4);
    std::vector<std::string> failures(4);
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k)
        threads.emplace_back([&, k] {
            try {
                receipts[static_cast<size_t>(k)] =
                    publish(projects[static_cast<size_t>(k)], store, k % 2 ? "utrecht" : "rotterdam");
            } catch (const std::exception& e) {
                failures[static_cast<size_t>(k)] = e.what();
            }
        });
    for (auto& th : threads) th.join();
    for (int k = 0; k < 4; ++k) {
        EXPECT_EQ(failures[static_cast<size_t>(k)], "");
        EXPECT_EQ(receipts[static_cast<size_t>(k)].pinsNew, 500);
        EXPECT_EQ(receipts[static_cast<size_t>(k)].serverPins, 500);
    }
    pg::Connection s = store.admin();
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.pins"), 2000);
    EXPECT_EQ(count(s, "SELECT count(*) FROM samenkaart.projects"), 4);
}

TEST(ProgrammeStore, ServersThatCannotBeUsedSayWhyInOneLine) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("publish_errors");
    addPin(*t.project, t.consented, "Pin");
    const std::string before = fileBytes(t.path());
    const std::string host = TestDatabase::host(), port = TestDatabase::port();
    store.createLoginRole("sk_wrongpw", "right-password");
    {
        pg::Connection c = store.admin();
        c.exec("ALTER ROLE sk_wrongpw PASSWORD 'changed-since'");
    }
    TestDatabase plain(false);  // a database without PostGIS
    TestDatabase empty;         // PostGIS, but no store
    const OldServer old;        // PostgreSQL 9.6, as libpq hears it
    struct Case {
        std::string db;
        ErrorKind kind;
        std::string words;
    };
    const std::vector<Case> cases = {
        {"host=127.0.0.1 port=1 user=samenkaart_admin dbname=x", ErrorKind::Unreachable, "refused"},
        {"host=" + host + " port=" + port + " user=samenkaart_admin dbname=no_such_db", ErrorKind::NotFound,
         "does not exist"},
        {store.dbAs("sk_wrongpw"), ErrorKind::Denied, "password authentication failed"},
        {store.dbAs("sk_no_such_role"), ErrorKind::Denied, "password"},  // the server tells no one which roles exist
        {plain.db(), ErrorKind::Unsupported, "PostGIS"},
        {empty.db(), ErrorKind::NotFound, "programme init"},
        {old.conninfo(), ErrorKind::Unsupported,
         "the server runs PostgreSQL 9; the programme store needs PostgreSQL 12"},
    };
    for (const Case& k : cases) {
        const auto start = std::chrono::steady_clock::now();
        try {
            pg::Connection c = pg::Connection::open(k.db);
            PublishOptions o;
            o.werkplaats = "utrecht";
            programme::publishProject(t.path(), c, o);
            ADD_FAILURE() << k.db << " was used";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), k.kind) << k.db << ": " << e.what();
            EXPECT_NE(e.cause().find(k.words), std::string::npos) << k.db << ": " << e.what();
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
            EXPECT_FALSE(e.subject().empty());
            EXPECT_EQ(std::string(e.what()).find("right-password"), std::string::npos);
        }
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << k.db;
    }
    EXPECT_EQ(fileBytes(t.path()), before) << "the project file is untouched";

    // `programme init` on the old server, and `publish` through the command line: one line, exit 1.
    try {
        pg::Connection c = pg::Connection::open(old.conninfo());
        programme::initStore(c, 28992);
        ADD_FAILURE() << "a store was made on PostgreSQL 9.6";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Unsupported) << e.what();
        EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos) << e.what();
    }
    const std::string path = t.path();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"programme", "init", old.conninfo()},
          std::vector<std::string>{"publish", path, old.conninfo(), "--werkplaats", "utrecht"}}) {
        const CliResult r = runSamenkaart(args, 30, {});
        EXPECT_EQ(r.exitCode, 1) << args[0];
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_NE(r.err.find("needs PostgreSQL 12 or newer"), std::string::npos) << r.err;
    }
}

TEST(ProgrammeStore, ExportWritesTheResearchFileOfTheWholeProgramme) {
    TestDatabase store;
    initStore(store);
    TestProject a = makeProject("export_a");
    addPin(*a.project, a.consented, "A1", 155000, 463000, "Ans", "hulpbron");
    addPin(*a.project, a.consented, "A2", 155500, 463500);
    a.project->db().exec("ALTER TABLE boundaries ADD COLUMN code TEXT");
    a.project->db().exec("UPDATE boundaries SET code = 'BU001'");
    TestProject b = makeProject("export_b");
    const std::string deleted = addPin(*b.project, b.consented, "B1");
    addPin(*b.project, b.consented, "B2");
    PinStore(*b.project).remove(deleted);
    publish(a, store, "utrecht");
    publish(b, store, "rotterdam");

    pg::Connection c = pg::Connection::open(store.db());
    const std::string dir = makeTempDir("programme_export");
    ExportReport r = programme::exportProgramme(c, dir + "/all.gpkg", {}, {});
    EXPECT_EQ(r.projects, 2);
    EXPECT_EQ(r.pins, 3) << "the deleted pin stays out, as in every export";
    EXPECT_EQ(r.boundaries, 2);
    EXPECT_TRUE(r.anonymized) << "a personal category is exported";
    {
        Database gpkg(dir + "/all.gpkg", Database::Mode::ReadOnly);
        EXPECT_EQ(gpkg.queryInt("SELECT count(*) FROM pins WHERE project = 'utrecht-p'").value_or(-1), 2);
        EXPECT_EQ(gpkg.queryInt("SELECT count(*) FROM pins WHERE project = 'rotterdam-p'").value_or(-1), 1);
        EXPECT_EQ(gpkg.queryInt("SELECT count(*) FROM boundaries WHERE code = 'BU001'").value_or(-1), 1)
            << "a buurt's own columns come along";
        EXPECT_EQ(gpkg.queryInt("SELECT sum(total) FROM pin_counts").value_or(-1), 3);
        EXPECT_EQ(gpkg.queryInt("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id = 28992").value_or(-1), 1);
    }
    // One werkplaats, as GeoJSON; an unknown one is an error naming it.
    r = programme::exportProgramme(c, dir + "/rotterdam.geojson", {}, {"rotterdam"});
    EXPECT_EQ(r.pins, 1);
    EXPECT_EQ(r.format, ExportFormat::GeoJson);
    try {
        programme::exportProgramme(c, dir + "/x.gpkg", {}, {"groningen"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), "werkplaats groningen");
    }
    EXPECT_FALSE(fs::exists(dir + "/x.gpkg"));
}

TEST(ProgrammeStore, ViewReadsTheWholeProgrammeAndAgainOnlyWhenItChanged) {
    TestDatabase store;
    initStore(store);
    pg::Connection c = pg::Connection::open(store.db());
    const std::string dir = makeTempDir("programme_view") + "/views";
    try {
        programme::readProgrammeView(c, dir);
        FAIL() << "an empty store has nothing to show";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), c.label());
        EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    }

    TestProject a = makeProject("view_a");
    addPin(*a.project, a.consented, "A1", 155100, 463100, "Ans", "hulpbron");
    addPin(*a.project, a.consented, "A2", 155500, 463500);
    TestProject b = makeProject("view_b");
    const std::string deleted = addPin(*b.project, b.consented, "B1");
    const std::string kept = addPin(*b.project, b.consented, "B2 \"quoted\"\n\xF0\x9F\x8C\xB3", 154200, 462300);
    PinStore(*b.project).remove(deleted);
    publish(a, store, "utrecht");
    publish(b, store, "rotterdam");

    programme::ProgrammeView view = programme::readProgrammeView(c, dir);
    EXPECT_FALSE(view.reused);
    EXPECT_EQ(view.server, c.label());
    EXPECT_EQ(view.projects, 2);
    EXPECT_EQ(view.werkplaatsen, 2);
    EXPECT_EQ(view.pins, 3) << "live pins only";
    EXPECT_EQ(view.boundaries, 2);
    {
        auto project = Project::open(view.path, true);
        EXPECT_EQ(project->mapCrs().srid, 28992) << "the store's common CRS";
        EXPECT_EQ(project->meta("programme_server"), c.label());
        PinStore pins(*project);
        EXPECT_EQ(pins.list({}).size(), 3u);
        const std::optional<Pin> b2 = pins.find(kept);
        ASSERT_TRUE(b2);
        EXPECT_EQ(b2->title, "B2 \"quoted\"\n\xF0\x9F\x8C\xB3") << "text arrives byte for byte";
        EXPECT_DOUBLE_EQ(b2->position.x, 154200);
        EXPECT_DOUBLE_EQ(b2->position.y, 462300);
        EXPECT_TRUE(b2->contributor == std::nullopt);
        for (const Pin& p : pins.list({}))
            if (p.title == "A1") {
                EXPECT_TRUE(p.contributor && p.contributor->starts_with("anon-")) << "a pseudonym";
            }
        // Each werkplaats's sessions, named after it and closed: nothing is added to a view.
        const auto werkplaatsen = programme::programmeViewWerkplaatsen(project->db());
        ASSERT_EQ(werkplaatsen.size(), 2u);
        ASSERT_TRUE(werkplaatsen.contains("rotterdam"));
        PinFilter rotterdam;
        rotterdam.sessionIds = werkplaatsen.at("rotterdam");
        const std::vector<Pin> shown = pins.list(rotterdam);
        ASSERT_EQ(shown.size(), 1u);
        EXPECT_EQ(shown[0].id, kept);
        EXPECT_TRUE(matches(rotterdam, shown[0]));
        for (const Session& s : SessionStore(project->db()).list()) {
            EXPECT_FALSE(s.isOpen()) << s.title;
            EXPECT_TRUE(s.title.starts_with("utrecht \xC2\xB7 ") || s.title.starts_with("rotterdam \xC2\xB7 "))
                << s.title;
        }
        rotterdam.sessionIds = std::vector<int64_t>{};
        EXPECT_TRUE(pins.list(rotterdam).empty()) << "no sessions: no pins";
        EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM boundaries WHERE werkplaats = 'rotterdam'"), 1);
        EXPECT_EQ(project->db().queryText("PRAGMA journal_mode"), "delete") << "one file, without a log beside it";
        EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM pin_history"), 0) << "nothing in a view is undone";
        EXPECT_EQ(project->db().queryInt("SELECT count(*) FROM idx_pins_geom"), 3) << "the pins' spatial index";
    }
    EXPECT_FALSE(fs::exists(view.path + ".part"));
    EXPECT_FALSE(fs::exists(view.path + "-wal"));

    // Unchanged: the file of the first read is kept, not written again.
    const auto written = fs::last_write_time(view.path);
    view = programme::readProgrammeView(c, dir);
    EXPECT_TRUE(view.reused);
    EXPECT_EQ(view.pins, 3);
    EXPECT_EQ(fs::last_write_time(view.path), written);

    // Another publish: read again.
    addPin(*a.project, a.consented, "A3", 155300, 463300);
    publish(a, store, "utrecht");
    view = programme::readProgrammeView(c, dir);
    EXPECT_FALSE(view.reused);
    EXPECT_EQ(view.pins, 4);
    EXPECT_EQ(PinStore(*Project::open(view.path, true)).list({}).size(), 4u);

    // A folder that cannot be made: named, and nothing half written is left.
    try {
        programme::readProgrammeView(c, "/proc/samenkaart-no-such-folder");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), "/proc/samenkaart-no-such-folder");
    }
}

TEST(ProgrammeCli, ServiceFileAndEnvironmentReachTheStore) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("cli_service");
    addPin(*t.project, t.consented, "Een");
    const std::string path = t.path();
    t.project.reset();
    // A pg_service.conf names the server; the password file holds the role's password.
    store.createLoginRole("sk_service", "service-secret");
    {
        pg::Connection c = store.admin();
        programme::grantPublisher(c, "sk_service", "utrecht");
    }
    const std::string dir = makeTempDir("pg_service");
    {
        std::ofstream conf(dir + "/pg_service.conf");
        conf << "[programme]\nhost=" << TestDatabase::host() << "\nport=" << TestDatabase::port()
             << "\nuser=sk_service\ndbname=" << store.name() << "\n";
    }
    CliResult r = runSamenkaart({"publish", path, "service=programme", "--werkplaats", "utrecht"}, 60,
                                {"PGSERVICEFILE=" + dir + "/pg_service.conf"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("sk_service@"), std::string::npos) << r.out;
    // The PG* variables alone, and a URI.
    r = runSamenkaart(
        {"export",
         "postgresql://samenkaart_admin@" + TestDatabase::host() + ":" + TestDatabase::port() + "/" + store.name(),
         "--out", dir + "/uri.gpkg"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSamenkaart({"programme", "werkplaats", "list", "dbname=" + store.name()}, 60,
                      {"PGHOST=" + TestDatabase::host(), "PGPORT=" + TestDatabase::port(), "PGUSER=samenkaart_admin"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("utrecht\t1\t1\tsk_service"), std::string::npos) << r.out;
}

TEST(ProgrammeCli, PublishPrintsTheReceiptAndFailuresInOneLine) {
    TestDatabase store;
    initStore(store);
    TestProject t = makeProject("cli_publish");
    addPin(*t.project, t.consented, "Een");
    addPin(*t.project, t.consented, "Twee");
    const std::string path = t.path();
    t.project.reset();
    const std::vector<std::string> env = {"PGCONNECT_TIMEOUT=3"};
    CliResult r = runSamenkaart({"publish", path, store.db(), "--werkplaats", "utrecht"}, 60, env);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("sent 2 pins (2 new, 0 changed, 0 deleted)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("the server holds 2 pins of this project; refused 0"), std::string::npos) << r.out;
    r = runSamenkaart({"publish", path, store.db()}, 60, env);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Nothing new to publish"), std::string::npos) << r.out;
    // `info` says when and where the project was last published.
    r = runSamenkaart({"info", path});
    EXPECT_NE(r.out.find("(werkplaats utrecht), 2 pins on the server"), std::string::npos) << r.out;
    r = runSamenkaart({"info", path, "--json"});
    EXPECT_NE(r.out.find("\"server_pins\": 2"), std::string::npos) << r.out;

    // An unreachable server (a closed port) and an address that never answers: one line, exit 1, in time.
    for (const std::string& db : {std::string("postgresql://nobody@127.0.0.1:1/programme"),
                                  std::string("host=10.255.255.1 port=5432 user=x dbname=y")}) {
        const auto start = std::chrono::steady_clock::now();
        r = runSamenkaart({"publish", path, db}, 30, {});
        EXPECT_EQ(r.exitCode, 1) << db;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_EQ(r.err.rfind("samenkaart: ", 0), 0u) << r.err;
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << r.err;
    }
    // A password is never taken from the command line: there is no option for it.
    r = runSamenkaart({"publish", path, store.db(), "--password", "x"}, 30, {});
    EXPECT_EQ(r.exitCode, 2);
}

TEST(ProgrammeCli, InitWerkplaatsAndGrant) {
    TestDatabase store;
    CliResult r = runSamenkaart({"programme", "init", store.db()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Made the programme store"), std::string::npos) << r.out;
    r = runSamenkaart({"programme", "init", store.db()});
    EXPECT_NE(r.out.find("up to date"), std::string::npos) << r.out;
    r = runSamenkaart({"programme", "werkplaats", "add", store.db(), "noord-holland", "--name", "WSD Noord-Holland"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSamenkaart({"programme", "werkplaats", "add", store.db(), "Bad Code!"});
    EXPECT_EQ(r.exitCode, 1);
    store.createLoginRole("sk_carol", "carol-secret");
    r = runSamenkaart({"programme", "grant", store.db(), "--role", "sk_carol", "--werkplaats", "noord-holland"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runSamenkaart({"programme", "grant", store.db(), "--role", "sk_no_such_role", "--researcher"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
    r = runSamenkaart({"programme", "werkplaats", "list", store.db()});
    EXPECT_EQ(r.out, "noord-holland\t0\t0\tsk_carol\tWSD Noord-Holland\n");
}

}  // namespace
}  // namespace samenkaart::test
