#include "engine/export/geopackage.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogr_p.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <unordered_map>

#include "engine/categories.hpp"
#include "engine/error.hpp"
#include "engine/export/metadata.hpp"
#include "engine/export/qgis_style.hpp"
#include "engine/gdal_support.hpp"
#include "engine/gpkg_geometry.hpp"
#include "engine/multi_row_insert.hpp"
#include "engine/project.hpp"
#include "engine/rtree_pack.hpp"
#include "engine/safe_write.hpp"
#include "engine/spatial_reference.hpp"
#include "engine/sqlite_db.hpp"
#include "engine/wkb.hpp"

namespace samenkaart {
namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

void writeStyles(GDALDataset& ds, const Selections& sel, const std::vector<double>& totals, const std::string& now) {
    CPLStringList options;
    options.AddString("FID=id");
    options.AddString("DESCRIPTION=QGIS layer styles");
    OGRLayer* layer = ds.CreateLayer("layer_styles", nullptr, wkbNone, options.List());
    if (!layer) throw Error(ds.GetDescription(), "cannot create the layer_styles table");
    struct Column {
        const char* name;
        OGRFieldType type;
        int width;
        OGRFieldSubType sub;
    };
    // The columns and widths QGIS itself uses when it saves a style into a GeoPackage.
    for (const Column& c :
         {Column{"f_table_catalog", OFTString, 256, OFSTNone}, Column{"f_table_schema", OFTString, 256, OFSTNone},
          Column{"f_table_name", OFTString, 256, OFSTNone}, Column{"f_geometry_column", OFTString, 256, OFSTNone},
          Column{"styleName", OFTString, 30, OFSTNone}, Column{"styleQML", OFTString, 0, OFSTNone},
          Column{"styleSLD", OFTString, 0, OFSTNone}, Column{"useAsDefault", OFTInteger, 0, OFSTBoolean},
          Column{"description", OFTString, 0, OFSTNone}, Column{"owner", OFTString, 30, OFSTNone},
          Column{"ui", OFTString, 30, OFSTNone}, Column{"update_time", OFTDateTime, 0, OFSTNone}}) {
        OGRFieldDefn defn(c.name, c.type);
        defn.SetWidth(c.width);
        defn.SetSubType(c.sub);
        if (layer->CreateField(&defn) != OGRERR_NONE) throw Error(ds.GetDescription(), "cannot create layer_styles");
    }

    std::vector<StyleClass> classes;
    std::map<std::string, bool> seen;
    for (const ProjectSelection* s : sel)
        for (const Category& c : s->categories)
            if (!seen[c.code]) {
                seen[c.code] = true;
                classes.push_back({c.code, c.labelNl + " / " + c.labelEn, c.colour});
            }
    auto add = [&](const char* table, const char* name, const std::string& qml, const char* description) {
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("f_table_catalog", "");
        f.SetField("f_table_schema", "");
        f.SetField("f_table_name", table);
        f.SetField("f_geometry_column", "geom");
        f.SetField("styleName", name);
        f.SetField("styleQML", qml.c_str());
        f.SetField("styleSLD", "");
        f.SetField("useAsDefault", 1);
        f.SetField("description", description);
        f.SetField("owner", "");
        f.SetField("ui", "");
        f.SetField("update_time", now.c_str());
        if (layer->CreateFeature(&f) != OGRERR_NONE) throw Error(ds.GetDescription(), "cannot write layer_styles");
    };
    add("pins", "pins by category", categorizedPointQml("category", classes),
        "Pins coloured by category with the colours of the Samenkaart app");
    add("pin_counts", "pins per buurt", graduatedPolygonQml("total", totals),
        "Graduated map of the total number of pins per boundary (quantile classes)");
}

std::vector<double> pinTotals(const Selections& sel) {
    std::vector<double> totals;
    for (const ProjectSelection* s : sel)
        for (const ExportBoundary& b : s->boundaries) totals.push_back(static_cast<double>(b.total));
    return totals;
}

// DATETIME and DATE values as GDAL's GeoPackage driver stores them: the project's own time stamps
// (YYYY-MM-DDTHH:MM:SS.mmmZ) and days are already in that form; anything else goes through GDAL's
// parser and formatter, as OGRFeature::SetField would; what GDAL cannot read is stored as NULL.
std::optional<std::string> gpkgDateTime(const std::string& text) {
    auto digitsAt = [&text](std::initializer_list<size_t> at) {
        for (size_t i : at)
            if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        return true;
    };
    if (text.size() == 24 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
        text[16] == ':' && text[19] == '.' && text[23] == 'Z' &&
        digitsAt({0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22}))
        return text;
    OGRField field;
    if (!OGRParseDate(text.c_str(), &field, 0)) return std::nullopt;
    char* formatted = OGRGetXMLDateTime(&field, true);
    std::string out = formatted;
    CPLFree(formatted);
    return out;
}

std::optional<std::string> gpkgDate(const std::string& text) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') return text;
    OGRField field;
    if (!OGRParseDate(text.c_str(), &field, 0)) return std::nullopt;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", field.Date.Year, field.Date.Month, field.Date.Day);
    return std::string(buf);
}

// The feature layers' bookkeeping that GDAL keeps itself when it writes features.
void finishFeatureLayer(Database& db, const std::string& table, const Bbox& extent, int64_t count,
                        const std::string& now) {
    Statement contents(db,
                       "UPDATE gpkg_contents SET min_x = ?1, min_y = ?2, max_x = ?3, max_y = ?4, last_change = ?5 "
                       "WHERE lower(table_name) = lower(?6)");
    if (extent.empty())
        contents.bindNull(1).bindNull(2).bindNull(3).bindNull(4);
    else
        contents.bind(1, extent.minx).bind(2, extent.miny).bind(3, extent.maxx).bind(4, extent.maxy);
    contents.bind(5, now).bind(6, table).run();
    Statement counts(db, "UPDATE gpkg_ogr_contents SET feature_count = ?1 WHERE lower(table_name) = lower(?2)");
    counts.bind(1, count).bind(2, table).run();
}

int32_t srsIdOf(Database& db, const std::string& table) {
    Statement st(db, "SELECT srs_id FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?1)");
    st.bind(1, table);
    if (!st.step()) throw Error(db.path(), "GDAL did not register the geometry of layer '" + table + "'");
    return static_cast<int32_t>(st.columnInt(0));
}

// pins: in the order of the selections, fids from 1.
int64_t insertPins(Database& db, const Selections& sel, const std::string& now) {
    const int32_t srsId = srsIdOf(db, "pins");
    size_t total = 0;
    for (const ProjectSelection* s : sel) total += s->pins.size();
    RestingTriggers triggers(db, "pins");  // the R-tree's and GDAL's feature count: done below in bulk
    MultiRowInsert insert(db,
                          "INSERT INTO pins (fid, project, pin_id, session_id, session_title, session_date, "
                          "session_facilitator, category, category_label_nl, category_label_en, title, description, "
                          "contributor, attributes, buurt_fid, buurt, lon, lat, created_at, updated_at, deleted_at, "
                          "geom) VALUES ",
                          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", 22, total);
    const std::vector<IdOffsets> offsets = idOffsets(sel);
    std::vector<RtreeEntry> entries;
    entries.reserve(total);
    Bbox extent;
    std::vector<uint8_t> blob;
    int64_t fid = 0;
    for (size_t k = 0; k < sel.size(); ++k) {
        const ProjectSelection& s = *sel[k];
        const PinLookups lookups(s);
        for (const ExportPin& p : s.pins) {
            Statement& st = insert.statement();
            const int i = insert.nextRow();
            st.bind(i, ++fid).bind(i + 1, s.label).bind(i + 2, p.id).bind(i + 3, p.sessionId + offsets[k].session);
            if (const Session* session = lookups.session(p.sessionId)) {
                st.bind(i + 4, session->title);
                st.bind(i + 5, gpkgDate(session->startedAt.substr(0, 10)));
                st.bind(i + 6, session->facilitator);
            } else {
                st.bindNull(i + 4).bindNull(i + 5).bindNull(i + 6);
            }
            st.bind(i + 7, p.category);
            if (const Category* category = lookups.category(p.category))
                st.bind(i + 8, category->labelNl).bind(i + 9, category->labelEn);
            else
                st.bindNull(i + 8).bindNull(i + 9);
            st.bind(i + 10, p.title).bind(i + 11, p.description);
            st.bind(i + 12, p.contributor);
            st.bind(i + 13, p.attributes);
            if (p.boundary) {
                const ExportBoundary& b = s.boundaries[*p.boundary];
                st.bind(i + 14, b.fid + offsets[k].boundary).bind(i + 15, b.name);
            } else {
                st.bindNull(i + 14).bindNull(i + 15);
            }
            st.bind(i + 16, p.lonLat.x).bind(i + 17, p.lonLat.y);  // NaN (no WGS 84 position) is stored as NULL
            st.bind(i + 18, gpkgDateTime(p.createdAt));
            st.bind(i + 19, gpkgDateTime(p.updatedAt));
            st.bind(i + 20, p.deletedAt ? gpkgDateTime(*p.deletedAt) : std::nullopt);
            blob.clear();
            appendGpkgPoint(blob, srsId, p.position);
            st.bindBlob(i + 21, blob.data(), blob.size());
            insert.rowDone();
            entries.push_back(rtreeEntry(fid, p.position.x, p.position.x, p.position.y, p.position.y));
            extent.expand(p.position);
        }
    }
    packRtree(db, "rtree_pins_geom", std::move(entries));
    triggers.restore();
    finishFeatureLayer(db, "pins", extent, fid, now);
    return fid;
}

// Moves every vertex of `mp` to the export CRS in one call. False when a vertex cannot be moved.
bool transformInPlace(MultiPolygon& mp, OGRCoordinateTransformation& transform) {
    std::vector<double> xs, ys;
    for (const Polygon& poly : mp)
        for (const Ring& ring : poly)
            for (const Point& p : ring) {
                xs.push_back(p.x);
                ys.push_back(p.y);
            }
    if (xs.empty()) return true;
    std::vector<int> ok(xs.size(), TRUE);
    if (!transformPoints(transform, xs, ys, ok)) return false;
    size_t i = 0;
    for (Polygon& poly : mp)
        for (Ring& ring : poly)
            for (Point& p : ring) {
                if (!ok[i]) return false;
                p = {xs[i], ys[i]};
                ++i;
            }
    return true;
}

// The boundaries' geometry on its way from a project into the export, as an SQL function:
// export_boundary(fid, spatialite_blob) returns the GeoPackage blob in the export CRS and notes the
// R-tree entry and the layer's extent. Blobs it cannot read directly are noted for a second pass.
struct BoundaryCopy {
    int32_t srsId = 0;
    OGRCoordinateTransformation* toExport = nullptr;  // null: same CRS
    std::vector<RtreeEntry> entries;
    Bbox extent;
    std::vector<int64_t> unread;  // export fids whose blob needs SpatiaLite's AsBinary()
    std::string failure;          // set when a vertex cannot be moved to the export CRS
    std::vector<uint8_t> blob;

    // The blob for `mp`, or nothing for an empty geometry.
    bool encode(int64_t fid, MultiPolygon mp) {
        if (toExport && !transformInPlace(mp, *toExport)) {
            failure = "boundary " + std::to_string(fid) + " cannot be moved to the export's CRS";
            return false;
        }
        const Bbox box = bboxOf(mp);
        if (box.empty()) return false;
        blob.clear();
        appendGpkgMultiPolygon(blob, srsId, mp, box);
        entries.push_back(rtreeEntry(fid, box.minx, box.maxx, box.miny, box.maxy));
        extent.expand(box);
        return true;
    }
};

void exportBoundaryFunction(sqlite3_context* context, int, sqlite3_value** args) {
    auto* copy = static_cast<BoundaryCopy*>(sqlite3_user_data(context));
    const int64_t fid = sqlite3_value_int64(args[0]);
    const auto* data = static_cast<const uint8_t*>(sqlite3_value_blob(args[1]));
    const auto size = static_cast<size_t>(sqlite3_value_bytes(args[1]));
    std::optional<MultiPolygon> mp = multiPolygonFromSpatialite(data, size);
    if (!mp) {
        if (data) copy->unread.push_back(fid);
        sqlite3_result_null(context);
    } else if (copy->encode(fid, std::move(*mp))) {
        sqlite3_result_blob(context, copy->blob.data(), static_cast<int>(copy->blob.size()), SQLITE_TRANSIENT);
    } else if (!copy->failure.empty()) {
        sqlite3_result_error(context, copy->failure.c_str(), -1);
    } else {
        sqlite3_result_null(context);
    }
}

// export_datetime(text): the value as the DATETIME GDAL would store (see gpkgDateTime).
void exportDateTimeFunction(sqlite3_context* context, int, sqlite3_value** args) {
    const auto* text = sqlite3_value_text(args[0]);
    std::optional<std::string> out;
    if (text) out = gpkgDateTime(reinterpret_cast<const char*>(text));
    if (out)
        sqlite3_result_text(context, out->data(), static_cast<int>(out->size()), SQLITE_TRANSIENT);
    else
        sqlite3_result_null(context);
}

// export_snapshot(text): a pin_history snapshot with the export's privacy and CRS applied.
void exportSnapshotFunction(sqlite3_context* context, int, sqlite3_value** args) {
    const auto* rewrite = static_cast<const SnapshotRewriter*>(sqlite3_user_data(context));
    const auto* text = sqlite3_value_text(args[0]);
    if (!text) return sqlite3_result_null(context);
    const std::string out = (*rewrite)(
        std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_value_bytes(args[0]))));
    sqlite3_result_text(context, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void defineFunction(Database& db, const char* name, int arguments, void* data,
                    void (*function)(sqlite3_context*, int, sqlite3_value**)) {
    const int flags = SQLITE_UTF8 | (data ? 0 : SQLITE_DETERMINISTIC);
    if (const int rc =
            sqlite3_create_function_v2(db.handle(), name, arguments, flags, data, function, nullptr, nullptr, nullptr);
        rc != SQLITE_OK)
        db.fail(rc, name);
}

// A project's file, attached to the export's connection as `src` while its rows are copied.
class AttachedProject {
public:
    AttachedProject(Database& db, const std::string& path) : db_(db) {
        Statement(db, "ATTACH DATABASE ?1 AS src").bind(1, path).run();
        db.exec("PRAGMA src.mmap_size = 4294967296");  // whole tables are read: no read() call per page
    }
    ~AttachedProject() {
        try {
            db_.exec("DETACH DATABASE src");
        } catch (...) {  // the file is thrown away after a failure anyway
        }
    }
    AttachedProject(const AttachedProject&) = delete;
    AttachedProject& operator=(const AttachedProject&) = delete;

private:
    Database& db_;
};

const char* sqlType(BoundaryColumn::Type t) {
    switch (t) {
        case BoundaryColumn::Type::Integer:
            return "INTEGER";
        case BoundaryColumn::Type::Real:
            return "REAL";
        case BoundaryColumn::Type::Text:
            return "TEXT";
    }
    return "TEXT";
}

// Boundaries and the edit log are copied by SQLite from the attached project, row for row, without
// passing through C++ objects: their attributes as they are (cast to the column's type where merged
// projects differ), their geometry through export_boundary, the snapshots through export_snapshot
// when privacy or CRS change them.
struct CopyCounts {
    int64_t boundaries = 0;
    int64_t history = 0;
};

CopyCounts copyFromProjects(Database& db, const Selections& sel, const std::vector<BoundaryColumn>& columns,
                            const ExportContext& ctx) {
    BoundaryCopy copy;
    copy.srsId = srsIdOf(db, "boundaries");
    defineFunction(db, "export_boundary", 2, &copy, exportBoundaryFunction);
    defineFunction(db, "export_datetime", 1, nullptr, exportDateTimeFunction);
    RestingTriggers boundaryTriggers(db, "boundaries");  // the R-tree's and GDAL's feature count: done below
    RestingTriggers historyTriggers(db, "pin_history");
    db.exec("CREATE TEMP TABLE exported_pins (id TEXT PRIMARY KEY) WITHOUT ROWID");
    const std::vector<IdOffsets> offsets = idOffsets(sel);
    CopyCounts counts;
    for (size_t k = 0; k < sel.size(); ++k) {
        const ProjectSelection& s = *sel[k];
        const SpatialRefPtr mapSrs = makeSpatialRef(s.mapCrs.definition, s.path);
        const TransformPtr toExport = makeTransform(*mapSrs, *ctx.srs, s.path);
        copy.toExport = toExport.get();
        const SnapshotRewriter rewrite(s, ctx.options, *ctx.srs);
        defineFunction(db, "export_snapshot", 1, const_cast<SnapshotRewriter*>(&rewrite), exportSnapshotFunction);

        AttachedProject attached(db, s.path);
        Transaction tx(db);
        std::string insert = "INSERT INTO boundaries (fid, project, local_fid, name";
        std::string select = "SELECT b.fid + ?1, ?2, b.fid, ifnull(b.name, '')";
        for (const BoundaryColumn& c : columns) {
            insert += ", " + quoteIdentifier(c.name);
            const bool here = std::any_of(s.boundaryColumns.begin(), s.boundaryColumns.end(),
                                          [&c](const BoundaryColumn& own) { return own.name == c.name; });
            select += here ? ", CAST(b." + quoteIdentifier(c.name) + " AS " + sqlType(c.type) + ")" : ", NULL";
        }
        insert += ", geom) ";
        select += ", export_boundary(b.fid + ?1, b.geom) FROM src.boundaries b ORDER BY b.fid";
        Statement(db, insert + select).bind(1, offsets[k].boundary).bind(2, s.label).run();
        counts.boundaries += db.changes();

        // What export_boundary could not read (e.g. compressed SpatiaLite geometry) comes through WKB.
        if (!copy.unread.empty()) {
            auto project = Project::open(s.path, true);
            Statement wkb(project->db(), "SELECT AsBinary(geom) FROM boundaries WHERE fid = ?1");
            Statement update(db, "UPDATE boundaries SET geom = ?1 WHERE fid = ?2");
            for (int64_t fid : copy.unread) {
                wkb.reset();
                wkb.bind(1, fid - offsets[k].boundary);
                if (!wkb.step()) continue;
                auto [data, size] = wkb.columnBlobView(0);
                std::optional<MultiPolygon> mp = multiPolygonFromWkb(data, size);
                if (!mp) continue;
                if (copy.encode(fid, std::move(*mp))) {
                    update.reset();
                    update.bindBlob(1, copy.blob.data(), copy.blob.size()).bind(2, fid).run();
                } else if (!copy.failure.empty()) {
                    throw Error(s.path, copy.failure);
                }
            }
            copy.unread.clear();
        }

        db.exec("DELETE FROM temp.exported_pins");
        {
            Statement add(db, "INSERT OR IGNORE INTO temp.exported_pins VALUES (?1)");
            for (const ExportPin& p : s.pins) {
                add.reset();
                add.bind(1, p.id).run();
            }
        }
        const char* snapshot = rewrite.needed() ? "export_snapshot" : "";
        Statement(db, std::string("INSERT INTO pin_history (fid, project, history_id, pin_id, action, before, after, "
                                  "at, state, undone_at) SELECT h.id + ?1, ?2, h.id + ?1, ifnull(h.pin_id, ''), "
                                  "ifnull(h.action, ''), ") +
                          snapshot + "(h.before), " + snapshot +
                          "(h.after), export_datetime(h.at), ifnull(h.state, ''), export_datetime(h.undone_at) "
                          "FROM src.pin_history h WHERE h.pin_id IN temp.exported_pins ORDER BY h.id")
            .bind(1, offsets[k].history)
            .bind(2, s.label)
            .run();
        counts.history += db.changes();
        tx.commit();
    }
    db.exec("DROP TABLE temp.exported_pins");

    Transaction tx(db);
    packRtree(db, "rtree_boundaries_geom", std::move(copy.entries));
    boundaryTriggers.restore();
    historyTriggers.restore();
    finishFeatureLayer(db, "boundaries", copy.extent, counts.boundaries, ctx.exportedAt);
    finishFeatureLayer(db, "pin_history", Bbox{}, counts.history, ctx.exportedAt);
    tx.commit();
    return counts;
}

// After GDAL has made the file and its layers and closed it, SQLite fills it: the pins in bulk from
// the selection, boundaries and the edit log copied from the projects (GDAL would write all of them
// feature by feature and then index them entry by entry), the pin_counts view, and gpkg_metadata /
// gpkg_metadata_reference as the GeoPackage metadata extension defines them. The file is temporary
// until renamed, so it is neither synced nor journalled to disk.
void fillWithSql(const std::string& path, const Selections& sel, const std::vector<BoundaryColumn>& boundaryColumns,
                 const ExportContext& ctx, ExportReport& report) {
    Database db(path, Database::Mode::PlainReadWrite);
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA journal_mode = MEMORY");
    db.exec("PRAGMA temp_store = MEMORY");  // the exported pins' ids, while their history is copied
    {
        Transaction tx(db);
        report.pins = insertPins(db, sel, ctx.exportedAt);
        tx.commit();
    }
    const CopyCounts copied = copyFromProjects(db, sel, boundaryColumns, ctx);
    report.boundaries = copied.boundaries;
    report.historyRows = copied.history;

    Transaction tx(db);

    db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS gpkg_extensions (
            table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
            scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
        CREATE TABLE IF NOT EXISTS gpkg_metadata (
            id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL,
            md_scope TEXT NOT NULL DEFAULT 'dataset',
            md_standard_uri TEXT NOT NULL,
            mime_type TEXT NOT NULL DEFAULT 'text/xml',
            metadata TEXT NOT NULL DEFAULT '');
        CREATE TABLE IF NOT EXISTS gpkg_metadata_reference (
            reference_scope TEXT NOT NULL,
            table_name TEXT,
            column_name TEXT,
            row_id_value INTEGER,
            timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
            md_file_id INTEGER NOT NULL,
            md_parent_id INTEGER,
            CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id),
            CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id));
        INSERT OR IGNORE INTO gpkg_extensions VALUES
            ('gpkg_metadata', NULL, 'gpkg_metadata', 'http://www.geopackage.org/spec120/#extension_metadata', 'read-write'),
            ('gpkg_metadata_reference', NULL, 'gpkg_metadata', 'http://www.geopackage.org/spec120/#extension_metadata', 'read-write');
    )sql");

    // pin_counts: a feature view over boundaries and a plain table of counts, so that the 2.5 million
    // vertices of a city's boundaries are stored once, not twice. GDAL (and so QGIS, R sf and
    // geopandas) reads a view registered in gpkg_contents/gpkg_geometry_columns as a layer.
    {
        const std::vector<std::string> codes = allCategoryCodes(sel);
        std::string create = "CREATE TABLE pin_counts_values (fid INTEGER PRIMARY KEY";
        std::string view =
            "CREATE VIEW pin_counts AS SELECT b.fid AS fid, b.project AS project, b.local_fid AS "
            "local_fid, b.name AS name";
        std::string row = "(?";
        for (const std::string& code : codes) {
            const std::string column = quoteIdentifier(countColumnName(code));
            create += ", " + column + " INTEGER NOT NULL";
            view += ", v." + column + " AS " + column;
            row += ",?";
        }
        create += ", total INTEGER NOT NULL)";
        view += ", v.total AS total, b.geom AS geom FROM boundaries b JOIN pin_counts_values v ON v.fid = b.fid";
        row += ",?)";
        db.exec(create);
        db.exec(view);
        db.exec(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, "
            "min_y, max_x, max_y, srs_id) SELECT 'pin_counts', 'features', 'pin_counts', 'Exported pins per "
            "boundary and category (exact point-in-polygon)', last_change, min_x, min_y, max_x, max_y, srs_id "
            "FROM gpkg_contents WHERE table_name = 'boundaries'");
        db.exec(
            "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) SELECT "
            "'pin_counts', column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns WHERE "
            "table_name = 'boundaries'");
        const int width = static_cast<int>(codes.size()) + 2;
        MultiRowInsert insert(db, "INSERT INTO pin_counts_values VALUES ", row.c_str(), width,
                              static_cast<size_t>(report.boundaries));
        const std::vector<IdOffsets> offsets = idOffsets(sel);
        for (size_t k = 0; k < sel.size(); ++k) {
            std::vector<int> column;  // a project's category index -> column of the table
            for (const Category& c : sel[k]->categories)
                column.push_back(static_cast<int>(std::find(codes.begin(), codes.end(), c.code) - codes.begin()) + 1);
            for (const ExportBoundary& b : sel[k]->boundaries) {
                Statement& st = insert.statement();
                const int i = insert.nextRow();
                st.bind(i, b.fid + offsets[k].boundary);
                for (int c = 0; c < static_cast<int>(codes.size()); ++c) st.bind(i + 1 + c, int64_t{0});
                for (size_t c = 0; c < b.counts.size(); ++c) st.bind(i + column[c], b.counts[c]);
                st.bind(i + width - 1, b.total);
                insert.rowDone();
            }
        }
    }

    Statement metadata(db,
                       "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                       "VALUES ('dataset', 'https://samenkaart.nl/export/1', 'application/json', ?1)");
    Statement reference(db,
                        "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, timestamp, md_file_id, "
                        "md_parent_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    auto insertMetadata = [&](const std::string& text) {
        metadata.reset();
        metadata.bind(1, text).run();
        return db.lastInsertRowId();
    };
    auto addReference = [&](const char* scope, const std::optional<std::string>& table, int64_t id,
                            std::optional<int64_t> parent) {
        reference.reset();
        reference.bind(1, scope).bind(2, table).bind(3, ctx.exportedAt).bind(4, id).bind(5, parent).run();
    };
    const int64_t fileId = insertMetadata(exportMetadata(sel, ctx, report).dump(2));
    addReference("geopackage", std::nullopt, fileId, std::nullopt);
    for (const std::string& layer : exportLayerNames())
        addReference("table", layer, insertMetadata(layerCodebook(layer).dump(2)), fileId);
    tx.commit();
}

}  // namespace

void writeGeoPackage(const std::string& path, const Selections& sel, const ExportContext& ctx, ExportReport& report) {
    ensureGdalRegistered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw Error(path, "this GDAL has no GeoPackage driver");
    PendingFile file(path, Existing::Replace);
    const std::string& temp = file.path();
    std::vector<BoundaryColumn> boundaryColumns;
    {
        GdalMessageCapture capture;
        // The file is not the export until it is renamed into place; a crash leaves only the
        // temporary file, so per-commit syncing buys nothing here (commit() syncs it once).
        ScopedGdalConfig sync("OGR_SQLITE_SYNCHRONOUS", "OFF");
        DatasetPtr ds(driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds)
            throw Error(path, "cannot create the GeoPackage: " + capture.lastMessage("unknown reason"),
                        capture.lastKind());
        // GDAL creates a layer's table only at its first feature or at a flush; flushing after each
        // empty layer keeps the file's layer order (gpkg_contents) the order written here.
        createPinsLayer(*ds, "pins", *ctx.srs,
                        {"DESCRIPTION=Pins placed by residents, with session, category and buurt"});
        ds->FlushCache();
        boundaryColumns = createBoundariesLayer(*ds, *ctx.srs, sel);
        ds->FlushCache();
        report.sessions = writeSessionsLayer(*ds, sel);
        writeCategoriesLayer(*ds, sel);
        createHistoryLayer(*ds);
        ds->FlushCache();
        writeStyles(*ds, sel, pinTotals(sel), ctx.exportedAt);
        ds.reset();
        if (!capture.errors().empty())
            throw Error(path, "cannot finish the GeoPackage: " + capture.lastMessage("unknown reason"),
                        capture.lastKind());
    }
    try {
        fillWithSql(temp, sel, boundaryColumns, ctx, report);
    } catch (const Error& e) {
        throw Error(path, "cannot write the GeoPackage: " + e.cause(), e.kind());
    }
    file.commit();
}

}  // namespace samenkaart
