#include "engine/export_geopackage.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "engine/categories.hpp"
#include "engine/error.hpp"
#include "engine/export_metadata.hpp"
#include "engine/gdal_support.hpp"
#include "engine/qgis_style.hpp"

namespace samenkaart {
namespace {

namespace fs = std::filesystem;

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

void removeQuietly(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path + suffix, ec);
}

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

std::string quoted(const std::string& name) {
    std::string out = "\"";
    for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// Written after GDAL has closed the file, with SQLite, so that GDAL's own bookkeeping cannot
// interfere: the pin_counts view and gpkg_metadata / gpkg_metadata_reference as the GeoPackage
// metadata extension defines them.
void finishWithSql(const std::string& path, const Selections& sel, const nlohmann::json& fileMetadata,
                   const std::string& now) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        throw Error(path, "cannot reopen the GeoPackage to write its metadata");
    }
    auto fail = [&](const std::string& what) {
        const std::string msg = sqlite3_errmsg(db);
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db);
        throw Error(path, what + ": " + msg);
    };
    auto exec = [&](const char* sql) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail("cannot write metadata");
    };
    exec("BEGIN");
    exec(R"sql(
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
    sqlite3_stmt* md = nullptr;
    sqlite3_stmt* ref = nullptr;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
                           "VALUES (?, 'https://samenkaart.nl/export/1', 'application/json', ?)",
                           -1, &md, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, timestamp, md_file_id, "
                           "md_parent_id) VALUES (?, ?, ?, ?, ?)",
                           -1, &ref, nullptr) != SQLITE_OK)
        fail("cannot write metadata");
    auto insert = [&](const char* scope, const std::string& text) {
        sqlite3_reset(md);
        sqlite3_bind_text(md, 1, scope, -1, SQLITE_STATIC);
        sqlite3_bind_text(md, 2, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(md) != SQLITE_DONE) fail("cannot write metadata");
        return sqlite3_last_insert_rowid(db);
    };
    auto reference = [&](const char* scope, const char* table, sqlite3_int64 id, sqlite3_int64 parent) {
        sqlite3_reset(ref);
        sqlite3_bind_text(ref, 1, scope, -1, SQLITE_STATIC);
        if (table)
            sqlite3_bind_text(ref, 2, table, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(ref, 2);
        sqlite3_bind_text(ref, 3, now.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ref, 4, id);
        if (parent > 0)
            sqlite3_bind_int64(ref, 5, parent);
        else
            sqlite3_bind_null(ref, 5);
        if (sqlite3_step(ref) != SQLITE_DONE) fail("cannot write metadata");
    };
    // pin_counts: a feature view over boundaries and a plain table of counts, so that the 2.5 million
    // vertices of a city's boundaries are stored once, not twice. GDAL (and so QGIS, R sf and
    // geopandas) reads a view registered in gpkg_contents/gpkg_geometry_columns as a layer.
    {
        const std::vector<std::string> codes = allCategoryCodes(sel);
        std::string create = "CREATE TABLE pin_counts_values (fid INTEGER PRIMARY KEY";
        std::string view =
            "CREATE VIEW pin_counts AS SELECT b.fid AS fid, b.project AS project, b.local_fid AS "
            "local_fid, b.name AS name";
        std::string insertSql = "INSERT INTO pin_counts_values VALUES (?";
        for (const std::string& code : codes) {
            const std::string column = quoted(countColumnName(code));
            create += ", " + column + " INTEGER NOT NULL";
            view += ", v." + column + " AS " + column;
            insertSql += ", ?";
        }
        create += ", total INTEGER NOT NULL)";
        view += ", v.total AS total, b.geom AS geom FROM boundaries b JOIN pin_counts_values v ON v.fid = b.fid";
        insertSql += ", ?)";
        exec(create.c_str());
        exec(view.c_str());
        exec(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, "
            "min_y, max_x, max_y, srs_id) SELECT 'pin_counts', 'features', 'pin_counts', 'Exported pins per "
            "boundary and category (exact point-in-polygon)', last_change, min_x, min_y, max_x, max_y, srs_id "
            "FROM gpkg_contents WHERE table_name = 'boundaries'");
        exec(
            "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) SELECT "
            "'pin_counts', column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns WHERE "
            "table_name = 'boundaries'");
        sqlite3_stmt* row = nullptr;
        if (sqlite3_prepare_v2(db, insertSql.c_str(), -1, &row, nullptr) != SQLITE_OK) fail("cannot write pin_counts");
        const std::vector<IdOffsets> offsets = idOffsets(sel);
        for (size_t k = 0; k < sel.size(); ++k) {
            std::vector<int> column;  // a project's category index -> column of the table
            for (const Category& c : sel[k]->categories)
                column.push_back(static_cast<int>(std::find(codes.begin(), codes.end(), c.code) - codes.begin()) + 2);
            for (const ExportBoundary& b : sel[k]->boundaries) {
                sqlite3_reset(row);
                sqlite3_bind_int64(row, 1, b.fid + offsets[k].boundary);
                for (int i = 0; i < static_cast<int>(codes.size()); ++i) sqlite3_bind_int64(row, i + 2, 0);
                for (size_t i = 0; i < b.counts.size(); ++i) sqlite3_bind_int64(row, column[i], b.counts[i]);
                sqlite3_bind_int64(row, static_cast<int>(codes.size()) + 2, b.total);
                if (sqlite3_step(row) != SQLITE_DONE) fail("cannot write pin_counts");
            }
        }
        sqlite3_finalize(row);
    }

    const sqlite3_int64 fileId = insert("dataset", fileMetadata.dump(2));
    reference("geopackage", nullptr, fileId, 0);
    for (const std::string& layer : exportLayerNames()) {
        const sqlite3_int64 id = insert("dataset", layerCodebook(layer).dump(2));
        reference("table", layer.c_str(), id, fileId);
    }
    sqlite3_finalize(md);
    sqlite3_finalize(ref);
    exec("COMMIT");
    if (sqlite3_close(db) != SQLITE_OK) throw Error(path, "cannot close the GeoPackage after writing metadata");
}

}  // namespace

void writeGeoPackage(const std::string& path, const Selections& sel, const ExportContext& ctx, ExportReport& report) {
    ensureGdalRegistered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw Error(path, "this GDAL has no GeoPackage driver");
    const std::string temp = path + ".partial-" + std::to_string(::getpid());
    removeQuietly(temp);
    try {
        {
            GdalMessageCapture capture;
            // The file is not the export until it is renamed into place; a crash leaves only the
            // temporary file, so per-commit syncing buys nothing here.
            ScopedGdalConfig sync("OGR_SQLITE_SYNCHRONOUS", "OFF");
            // A page cache as large as the file (MB; taken only as pages are touched): the writes of one
            // layer's transaction are not spilled to disk and read back mid-way.
            ScopedGdalConfig cache("OGR_SQLITE_CACHE", "512");
            DatasetPtr ds(driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            if (!ds) throw Error(path, "cannot create the GeoPackage: " + capture.lastMessage("unknown reason"));
            report.pins = writePinsLayer(*ds, "pins", *ctx.srs, sel,
                                         {"DESCRIPTION=Pins placed by residents, with session, category and buurt"});
            report.boundaries = writeBoundariesLayer(*ds, *ctx.srs, sel);
            report.sessions = writeSessionsLayer(*ds, sel);
            writeCategoriesLayer(*ds, sel);
            report.historyRows = writeHistoryLayer(*ds, sel);
            writeStyles(*ds, sel, pinTotals(sel), ctx.exportedAt);
            // Closing builds the deferred spatial indexes and flushes; a failure there is a failure.
            ds.reset();
            if (!capture.errors().empty())
                throw Error(path, "cannot finish the GeoPackage: " + capture.lastMessage("unknown reason"));
        }
        finishWithSql(temp, sel, exportMetadata(sel, ctx, report), ctx.exportedAt);
        std::error_code ec;
        fs::rename(temp, path, ec);
        if (ec) throw Error(path, "cannot move the finished export into place: " + ec.message());
    } catch (...) {
        removeQuietly(temp);
        throw;
    }
}

}  // namespace samenkaart
