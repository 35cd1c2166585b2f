#include "engine/programme/programme_export.hpp"

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/crs.hpp"
#include "engine/programme/programme_store.hpp"
#include "engine/programme/store_reading.hpp"
#include "engine/project.hpp"

namespace samenkaart::programme {
namespace {

namespace fs = std::filesystem;

// A temporary folder removed with everything in it when the export ends, however it ends.
class TempFolder {
public:
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "samenkaart-programme-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw Error(pattern, "cannot make a temporary folder", errorKindFromErrno(errno));
        path_ = pattern;
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::string safeFileStem(const std::string& text) {
    std::string out;
    for (char ch : text) out += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') ? ch : '_';
    return out.empty() ? "project" : out;
}

// One published project, read back from the server into a project file at `path`.
void readProject(pg::Connection& c, const std::string& uid, const std::string& path) {
    pg::Result meta =
        c.exec("SELECT map_crs, created_at, created_by FROM samenkaart.projects WHERE project_uid = $1", {uid});
    auto project = Project::createEmpty(path, describeCrs(meta.text(0, 0)));
    Database& db = project->db();
    writeWithoutJournal(db);  // a temporary copy
    // Read once, front to back, by the export: no spatial index of the pins, no indexes of the history.
    db.exec("SELECT DisableSpatialIndex('pins', 'geom')");
    db.exec("DROP TABLE IF EXISTS idx_pins_geom");
    db.exec("DROP INDEX IF EXISTS pin_history_pin");
    db.exec("DROP INDEX IF EXISTS pin_history_state");
    const std::string srid = std::to_string(project->mapCrs().srid);
    Transaction tx(db);
    if (auto created = meta.optionalText(0, 1)) project->setMeta("created_at", *created);
    if (auto by = meta.optionalText(0, 2)) project->setMeta("created_by", *by);

    copyStoreCategories(c, db,
                        "SELECT code, label_nl, label_en, colour, icon, kind, description, personal, fields::text, "
                        "sort_order FROM samenkaart.categories WHERE project_uid = $1",
                        {uid});
    {
        pg::Result r = c.exec(
            "SELECT id, title, facilitator, location, started_at, ended_at, participant_count, notes, consent, "
            "consent_at FROM samenkaart.sessions WHERE project_uid = $1",
            {uid});
        Statement ins(
            db,
            "INSERT INTO sessions (id, title, facilitator, location, started_at, ended_at, participant_count, "
            "notes, consent, consent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = 0; i < r.rows(); ++i) {
            ins.bind(1, r.integer(i, 0)).bind(2, r.text(i, 1)).bind(3, r.optionalText(i, 2));
            ins.bind(4, r.optionalText(i, 3)).bind(5, r.text(i, 4)).bind(6, r.optionalText(i, 5));
            ins.bind(7, r.isNull(i, 6) ? std::nullopt : std::optional<int64_t>(r.integer(i, 6)));
            ins.bind(8, r.optionalText(i, 7)).bind(9, int64_t{r.text(i, 8) == "t"}).bind(10, r.optionalText(i, 9));
            ins.run();
            ins.reset();
        }
    }
    {
        // Boundary attributes come back as the columns they were (as text).
        pg::Result r = c.exec(
            "SELECT fid, name, attributes::text, encode(ST_AsBinary(geom), 'hex') FROM samenkaart.boundaries WHERE "
            "project_uid = $1 ORDER BY fid",
            {uid});
        std::set<std::string> columns;
        for (int i = 0; i < r.rows(); ++i) {
            const nlohmann::json attributes = nlohmann::json::parse(r.text(i, 2));
            for (const auto& [key, value] : attributes.items()) columns.insert(key);
        }
        std::vector<std::string> names(columns.begin(), columns.end());
        for (const std::string& name : names) {
            Statement quote(db, "SELECT quote(?)");  // an identifier quoted as SQLite quotes a string
            quote.bind(1, name);
            quote.step();
            std::string q = quote.columnText(0);
            q.front() = '"';
            q.back() = '"';
            db.exec("ALTER TABLE boundaries ADD COLUMN " + q + " TEXT");
        }
        std::string sql = "INSERT INTO boundaries (fid, name, geom";
        for (const std::string& name : names) sql += ", \"" + name + "\"";
        sql += ") VALUES (?, ?, CastToMultiPolygon(GeomFromWKB(?, " + srid + "))";
        for (size_t k = 0; k < names.size(); ++k) sql += ", ?";
        sql += ")";
        Statement ins(db, sql);
        for (int i = 0; i < r.rows(); ++i) {
            const nlohmann::json attributes = nlohmann::json::parse(r.text(i, 2));
            const std::vector<uint8_t> wkb = pg::fromHex(r.text(i, 3));
            ins.bind(1, r.integer(i, 0)).bind(2, r.text(i, 1)).bindBlob(3, wkb.data(), wkb.size());
            for (size_t k = 0; k < names.size(); ++k) {
                const int at = static_cast<int>(k) + 4;
                auto it = attributes.find(names[k]);
                if (it == attributes.end() || it->is_null())
                    ins.bindNull(at);
                else
                    ins.bind(at, it->is_string() ? it->get<std::string>() : it->dump());
            }
            ins.run();
            ins.reset();
        }
    }
    tx.commit();
    // Pins and history a batch at a time (a project may hold a million of each), the pins with the bulk
    // writer (a transaction of its own): its history rows are left out, the store's are copied below.
    const std::string ofProject = " WHERE project_uid = " + uuidLiteral(uid) + " ORDER BY id";
    {
        PinBulkWrite write(*project, false);
        copyStorePins(c,
                      "SELECT id, session_id, category, title, description, contributor, attributes::text, "
                      "created_at, updated_at, deleted_at, ST_X(geom), ST_Y(geom) FROM samenkaart.pins" +
                          ofProject,
                      write, [](const pg::Result& r, int i) { return std::optional<int64_t>(r.integer(i, 1)); });
        write.commit();
    }
    {
        Transaction history(db);
        Statement ins(db,
                      "INSERT INTO pin_history (id, pin_id, action, before, after, at, state, undone_at) VALUES (?, "
                      "?, ?, ?, ?, ?, ?, ?)");
        fetchInBatches(c,
                       "SELECT id, pin_id, action, before::text, after::text, at, state, undone_at FROM "
                       "samenkaart.pin_history" +
                           ofProject,
                       [&ins](const pg::Result& r) {
                           for (int i = 0; i < r.rows(); ++i) {
                               ins.bind(1, r.integer(i, 0)).bind(2, r.text(i, 1)).bind(3, r.text(i, 2));
                               ins.bind(4, r.optionalText(i, 3)).bind(5, r.optionalText(i, 4)).bind(6, r.text(i, 5));
                               ins.bind(7, r.text(i, 6)).bind(8, r.optionalText(i, 7));
                               ins.run();
                               ins.reset();
                           }
                       });
        history.commit();
    }
}

}  // namespace

bool looksLikeProgrammeStore(const std::string& argument) {
    if (argument.starts_with("postgresql://") || argument.starts_with("postgres://")) return true;
    std::error_code ec;
    return argument.find('=') != std::string::npos && !fs::exists(argument, ec);
}

ExportReport exportProgramme(pg::Connection& c, const std::string& outPath, const ExportOptions& options,
                             const std::vector<std::string>& werkplaatsen, const ExportProgress& progress) {
    validateExportOptions(options);
    const StoreInfo store = checkStore(c);
    for (const std::string& w : werkplaatsen)
        if (c.exec("SELECT 1 FROM samenkaart.werkplaatsen WHERE code = $1", {w}).rows() == 0)
            throw Error("werkplaats " + w, "is not in the programme store on " + c.label(), ErrorKind::NotFound);
    std::string sql = "SELECT project_uid, werkplaats, label FROM samenkaart.projects";
    pg::Params params;
    if (!werkplaatsen.empty()) {
        std::string list = "{";
        for (size_t i = 0; i < werkplaatsen.size(); ++i) list += (i ? "," : "") + werkplaatsen[i];
        sql += " WHERE werkplaats = ANY($1::text[])";
        params.push_back(list + "}");
    }
    sql += " ORDER BY werkplaats, label, first_published";
    pg::Result projects = c.exec(sql, params);
    if (projects.rows() == 0)
        throw Error(c.label(),
                    werkplaatsen.empty() ? "the programme store holds no published project yet"
                                         : "no project of these werkplaatsen is published yet",
                    ErrorKind::NotFound);

    TempFolder folder;
    std::vector<std::string> paths;
    std::set<std::string> stems;
    {
        // One snapshot of the store for all projects, even while others publish.
        pg::Transaction snapshot(c);
        c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        for (int i = 0; i < projects.rows(); ++i) {
            if (progress) progress(ExportStep::Opening, 0.02 * i / projects.rows());
            const std::string stem0 =
                safeFileStem(projects.text(i, 1) + "-" + fs::path(projects.text(i, 2)).stem().string());
            std::string stem = stem0;
            for (int n = 2; stems.contains(stem); ++n) stem = stem0 + "-" + std::to_string(n);
            stems.insert(stem);
            const std::string path = (folder.path() / (stem + ".sqlite")).string();
            readProject(c, projects.text(i, 0), path);
            paths.push_back(path);
        }
        snapshot.commit();
    }
    ExportOptions effective = options;
    if (!effective.crs) effective.crs = "EPSG:" + std::to_string(store.commonSrid);
    return exportProjects(paths, outPath, effective, "export", progress);
}

}  // namespace samenkaart::programme
