#include "engine/programme/programme_view.hpp"

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/crs.hpp"
#include "engine/pin_bulk_write.hpp"
#include "engine/programme/programme_store.hpp"
#include "engine/programme/store_reading.hpp"
#include "engine/project.hpp"
#include "engine/safe_write.hpp"

namespace samenkaart::programme {
namespace {

namespace fs = std::filesystem;

// The file of an earlier read, if it is one of this store in this state.
bool upToDate(const std::string& path, const std::string& storeUid, const std::string& state) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return false;
    try {
        auto project = Project::open(path, true);
        return project->meta("programme_store_uid") == storeUid && project->meta("programme_state") == state;
    } catch (const Error&) {
        return false;  // damaged or half written: read again
    }
}

// Sessions numbered 1.. in the order of werkplaats, project and the project's own id; their titles
// say the werkplaats. Returns the new id of each (project uid, session id).
std::map<std::pair<std::string, int64_t>, int64_t> readSessions(pg::Connection& c, Database& db) {
    db.exec(
        "CREATE TABLE programme_sessions (session_id INTEGER PRIMARY KEY, werkplaats TEXT NOT NULL, project "
        "TEXT NOT NULL)");
    pg::Result r = c.exec(
        "SELECT s.project_uid, s.id, s.werkplaats, p.label, s.title, s.facilitator, s.location, s.started_at, "
        "s.ended_at, s.participant_count, s.notes, s.consent, s.consent_at FROM samenkaart.sessions s JOIN "
        "samenkaart.projects p USING (project_uid) ORDER BY s.werkplaats, p.label, p.first_published, s.id");
    Statement ins(db,
                  "INSERT INTO sessions (id, title, facilitator, location, started_at, ended_at, participant_count, "
                  "notes, consent, consent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement where(db, "INSERT INTO programme_sessions (session_id, werkplaats, project) VALUES (?, ?, ?)");
    std::map<std::pair<std::string, int64_t>, int64_t> ids;
    for (int i = 0; i < r.rows(); ++i) {
        const int64_t id = i + 1;
        ids[{r.text(i, 0), r.integer(i, 1)}] = id;
        // Every session of the programme is closed here: nothing is added to a view.
        const std::string ended = r.optionalText(i, 8).value_or(r.text(i, 7));
        ins.bind(1, id).bind(2, r.text(i, 2) + " \xC2\xB7 " + r.text(i, 4)).bind(3, r.optionalText(i, 5));
        ins.bind(4, r.optionalText(i, 6)).bind(5, r.text(i, 7)).bind(6, ended);
        ins.bind(7, r.isNull(i, 9) ? std::nullopt : std::optional<int64_t>(r.integer(i, 9)));
        ins.bind(8, r.optionalText(i, 10)).bind(9, int64_t{r.text(i, 11) == "t"}).bind(10, r.optionalText(i, 12));
        ins.run();
        ins.reset();
        where.bind(1, id).bind(2, r.text(i, 2)).bind(3, r.text(i, 3)).run();
        where.reset();
    }
    return ids;
}

int64_t readBoundaries(pg::Connection& c, Database& db, const std::string& srid) {
    db.exec("ALTER TABLE boundaries ADD COLUMN werkplaats TEXT");
    db.exec("ALTER TABLE boundaries ADD COLUMN project TEXT");
    pg::Result r = c.exec(
        "SELECT b.name, b.werkplaats, p.label, encode(ST_AsBinary(b.geom_common), 'hex') FROM samenkaart.boundaries "
        "b JOIN samenkaart.projects p USING (project_uid) WHERE b.geom_common IS NOT NULL ORDER BY b.werkplaats, "
        "p.label, p.first_published, b.fid");
    Statement ins(db,
                  "INSERT INTO boundaries (fid, name, werkplaats, project, geom) VALUES (?, ?, ?, ?, "
                  "CastToMultiPolygon(GeomFromWKB(?, " +
                      srid + ")))");
    for (int i = 0; i < r.rows(); ++i) {
        const std::vector<uint8_t> wkb = pg::fromHex(r.text(i, 3));
        ins.bind(1, int64_t{i + 1}).bind(2, r.text(i, 0)).bind(3, r.text(i, 1)).bind(4, r.text(i, 2));
        ins.bindBlob(5, wkb.data(), wkb.size()).run();
        ins.reset();
    }
    return r.rows();
}

// The live pins in the common CRS; `total` (the live pins counted before) for the progress.
int64_t readPins(pg::Connection& c, Project& project,
                 const std::map<std::pair<std::string, int64_t>, int64_t>& sessionIds, int64_t total,
                 const ViewProgress& progress) {
    PinBulkWrite write(project, false);  // no history: nothing in a view is edited or undone
    const int64_t written = copyStorePins(
        c,
        "SELECT id, session_id, category, title, description, contributor, attributes::text, created_at, updated_at, "
        "deleted_at, ST_X(geom_common), ST_Y(geom_common), project_uid FROM samenkaart.pins WHERE deleted_at IS NULL "
        "AND geom_common IS NOT NULL ORDER BY id",
        write,
        [&sessionIds](const pg::Result& r, int i) -> std::optional<int64_t> {
            const auto session = sessionIds.find({r.text(i, 12), r.integer(i, 1)});
            if (session == sessionIds.end()) return std::nullopt;  // the foreign key makes this impossible
            return session->second;
        },
        [&](int64_t read) {
            if (progress) progress(read, total);
        });
    write.commit();
    return written;
}

}  // namespace

ProgrammeView readProgrammeView(pg::Connection& c, const std::string& folder, const ViewProgress& progress) {
    const StoreInfo store = checkStore(c);
    ProgrammeView view;
    view.server = c.label();
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw Error(folder, "cannot make the folder for the programme view: " + ec.message(),
                    errorKindFromErrno(ec.value()));
    view.path = (fs::path(folder) / (store.storeUid + ".sqlite")).string();

    // One snapshot of the store for everything read, even while others publish.
    pg::Transaction snapshot(c);
    c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // The counts, and with them what changes whenever the store's content does: every publish is a
    // row of its own, and a project removed by an administrator changes the counts.
    const pg::Result counts = c.exec(
        "SELECT (SELECT count(*) FROM samenkaart.projects), (SELECT count(DISTINCT werkplaats) FROM "
        "samenkaart.projects), (SELECT coalesce(sum(live), 0) FROM samenkaart.project_pin_counts), (SELECT count(*) "
        "FROM samenkaart.boundaries), (SELECT coalesce(max(id), 0) FROM samenkaart.publishes), (SELECT "
        "coalesce(sum(live + deleted), 0) FROM samenkaart.project_pin_counts)");
    view.projects = counts.integer(0, 0);
    view.werkplaatsen = counts.integer(0, 1);
    view.pins = counts.integer(0, 2);
    view.boundaries = counts.integer(0, 3);
    std::string state = counts.text(0, 4);
    for (const int column : {0, 5, 3}) state += ":" + counts.text(0, column);
    if (view.projects == 0)
        throw Error(c.label(), "the programme store holds no published project yet", ErrorKind::NotFound);
    if (upToDate(view.path, store.storeUid, state)) {
        view.reused = true;
        return view;
    }

    // Written beside the earlier file and renamed over it once complete: a window that has the old one
    // open keeps reading it, and a failed read leaves it as it was.
    const std::string part = view.path + ".part";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(part + suffix, ec);
    try {
        {
            auto project = Project::createEmpty(part, describeCrs("EPSG:" + std::to_string(store.commonSrid)));
            Database& db = project->db();
            writeWithoutJournal(db);  // the .part file is removed when anything fails
            const std::string srid = std::to_string(project->mapCrs().srid);
            std::map<std::pair<std::string, int64_t>, int64_t> sessionIds;
            {
                Transaction tx(db);
                project->setMeta("programme_store_uid", store.storeUid);
                project->setMeta("programme_state", state);
                project->setMeta("programme_server", c.label());
                // One row per code: the first project's (by werkplaats and label) where codebooks differ.
                copyStoreCategories(c, db,
                                    "SELECT DISTINCT ON (c.code) c.code, c.label_nl, c.label_en, c.colour, c.icon, "
                                    "c.kind, c.description, c.personal, c.fields::text, c.sort_order FROM "
                                    "samenkaart.categories c JOIN samenkaart.projects p USING (project_uid) ORDER BY "
                                    "c.code, p.werkplaats, p.label, p.first_published");
                sessionIds = readSessions(c, db);
                view.boundaries = readBoundaries(c, db, srid);
                tx.commit();
            }
            view.pins = readPins(c, *project, sessionIds, view.pins, progress);
            // A file without a write-ahead log: opened read-only it stays one file, and the rename below
            // moves all of it (a log left beside the new name would be replayed into the wrong file).
            db.exec("PRAGMA journal_mode = DELETE");
        }
        syncFile(part, view.path);
        snapshot.commit();
        fs::rename(part, view.path);
    } catch (...) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(part + suffix, ec);
        throw;
    }
    return view;
}

std::map<std::string, std::vector<int64_t>> programmeViewWerkplaatsen(Database& db) {
    std::map<std::string, std::vector<int64_t>> out;
    if (db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'programme_sessions'").value_or(0) == 0)
        return out;
    Statement st(db, "SELECT werkplaats, session_id FROM programme_sessions ORDER BY werkplaats, session_id");
    while (st.step()) out[st.columnText(0)].push_back(st.columnInt(1));
    return out;
}

}  // namespace samenkaart::programme
