#include "engine/boundary_import.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/polygon_check.hpp"
#include "engine/project.hpp"
#include "engine/safe_write.hpp"
#include "engine/spatial_reference.hpp"
#include "engine/text_encoding.hpp"
#include "engine/vector_source.hpp"

namespace samenkaart {
namespace {

namespace fs = std::filesystem;

bool isPolygonalType(OGRwkbGeometryType t) {
    switch (wkbFlatten(t)) {
        case wkbPolygon:
        case wkbMultiPolygon:
        case wkbCurvePolygon:
        case wkbMultiSurface:
        case wkbPolyhedralSurface:
        case wkbTIN:
            return true;
        default:
            return false;
    }
}

// A layer whose declared type is unknown (GeoJSON, GeoPackage "GEOMETRY") is judged by its features.
bool layerHasPolygons(OGRLayer& layer) {
    const OGRwkbGeometryType declared = wkbFlatten(layer.GetGeomType());
    if (isPolygonalType(declared)) return true;
    if (declared != wkbUnknown && declared != wkbGeometryCollection) return false;
    layer.ResetReading();
    int looked = 0;
    bool found = false;
    for (auto& f : layer) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (g && isPolygonalType(g->getGeometryType())) found = true;
        if (found || ++looked >= 1000) break;
    }
    layer.ResetReading();
    return found;
}

std::string describeGeometryType(OGRwkbGeometryType t) {
    switch (wkbFlatten(t)) {
        case wkbPoint:
        case wkbMultiPoint:
            return "points";
        case wkbLineString:
        case wkbMultiLineString:
        case wkbCircularString:
        case wkbCompoundCurve:
        case wkbMultiCurve:
            return "lines";
        case wkbNone:
            return "no geometry (a table)";
        default:
            return OGRGeometryTypeToName(t);
    }
}

// Keeps only the polygonal parts of any geometry, as one multipolygon (possibly empty).
std::unique_ptr<OGRMultiPolygon> polygonalParts(const OGRGeometry& g) {
    auto out = std::make_unique<OGRMultiPolygon>();
    const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
    if (t == wkbPolygon) {
        out->addGeometry(&g);
    } else if (t == wkbMultiPolygon || t == wkbGeometryCollection) {
        for (const OGRGeometry* part : *g.toGeometryCollection()) {
            auto sub = polygonalParts(*part);
            for (const OGRPolygon* p : *sub) out->addGeometry(p);
        }
    }
    return out;
}

constexpr size_t kBatchSize = 256;

struct FeatureBatch {
    std::vector<OGRFeatureUniquePtr> features;
    std::vector<std::unique_ptr<OGRGeometry>> geometries;  // taken from the features, as read
};

// What became of one feature's geometry.
enum class GeometryFate { Stored, Repaired, Empty, NotPolygon, Unprojectable };

struct PreparedGeometry {
    std::vector<unsigned char> blob;  // SpatiaLite geometry when stored or repaired
    GeometryFate fate = GeometryFate::Empty;
};

struct PreparedBatch {
    std::vector<PreparedGeometry> geometries;  // one per feature of the batch
    bool droppedZM = false;
};

// The polygonal parts of a feature's geometry as a 2D multipolygon in the map CRS; nullptr (and
// `fate` says why) when there is nothing to import.
std::unique_ptr<OGRMultiPolygon> normalisedPolygons(std::unique_ptr<OGRGeometry> geom,
                                                    OGRCoordinateTransformation* transform, GeometryFate& fate,
                                                    bool& droppedZM) {
    if (!geom || geom->IsEmpty()) {
        fate = GeometryFate::Empty;
        return nullptr;
    }
    if (geom->hasCurveGeometry()) geom.reset(geom->getLinearGeometry());
    if (geom->Is3D() || geom->IsMeasured()) {
        droppedZM = true;
        geom->flattenTo2D();
    }
    const OGRwkbGeometryType type = wkbFlatten(geom->getGeometryType());
    if (!isPolygonalType(type) && type != wkbGeometryCollection) {
        fate = GeometryFate::NotPolygon;
        return nullptr;
    }
    std::unique_ptr<OGRMultiPolygon> multi;
    if (type == wkbMultiPolygon) {
        multi.reset(geom.release()->toMultiPolygon());
    } else if (type == wkbPolygon) {
        multi = std::make_unique<OGRMultiPolygon>();  // takes the polygon over, no copy
        multi->addGeometryDirectly(geom.release());
    } else {
        multi = polygonalParts(*geom);
    }
    if (multi->IsEmpty()) {
        fate = GeometryFate::NotPolygon;
        return nullptr;
    }
    if (transform && multi->transform(transform) != OGRERR_NONE) {
        fate = GeometryFate::Unprojectable;
        return nullptr;
    }
    return multi;
}

// SpatiaLite's own geometry BLOB for a 2D multipolygon (the layout SpatiaLite documents as
// "BLOB-Geometry"), written here so that SQLite stores it as is instead of parsing WKB per row.
void appendSpatialiteBlob(const OGRMultiPolygon& multi, int32_t srid, std::vector<unsigned char>& out) {
    auto put = [&out](const void* p, size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        out.insert(out.end(), b, b + n);
    };
    auto putInt = [&put](int32_t v) { put(&v, 4); };  // little endian (x86, ARM): byte 1 says so
    auto putDouble = [&put](double v) { put(&v, 8); };
    OGREnvelope env;
    multi.getEnvelope(&env);
    out.push_back(0x00);  // start
    out.push_back(0x01);  // little endian
    putInt(srid);
    for (double v : {env.MinX, env.MinY, env.MaxX, env.MaxY}) putDouble(v);
    out.push_back(0x7C);  // end of MBR
    putInt(6);            // MULTIPOLYGON
    putInt(multi.getNumGeometries());
    for (const OGRPolygon* poly : multi) {
        out.push_back(0x69);  // entity
        putInt(3);            // POLYGON
        putInt(poly->getNumInteriorRings() + 1);
        for (const OGRLinearRing* ring : *poly) {
            const int n = ring->getNumPoints();
            putInt(n);
            // x, y pairs exactly as GDAL holds them (OGRRawPoint): one copy per ring.
            const size_t at = out.size();
            out.resize(at + static_cast<size_t>(n) * sizeof(OGRRawPoint));
            ring->getPoints(reinterpret_cast<OGRRawPoint*>(out.data() + at));
        }
    }
    out.push_back(0xFE);  // end
}

// Runs on a worker thread: everything done to a geometry between reading and writing it. It
// owns the batch's geometries and the transformation while it runs (one batch at a time); GEOS
// makes its own context per call.
PreparedBatch prepareBatch(std::vector<std::unique_ptr<OGRGeometry>>& geometries,
                           OGRCoordinateTransformation* transform, int32_t srid) {
    GdalMessageCapture quiet;  // GEOS's notes on why a shape is invalid are not for the user
    PreparedBatch out;
    out.geometries.resize(geometries.size());
    for (size_t i = 0; i < geometries.size(); ++i) {
        PreparedGeometry& prepared = out.geometries[i];
        std::unique_ptr<OGRMultiPolygon> multi =
            normalisedPolygons(std::move(geometries[i]), transform, prepared.fate, out.droppedZM);
        if (!multi) continue;
        prepared.fate = GeometryFate::Stored;
        // The cheap proof first: GEOS is asked only about shapes it cannot vouch for.
        if (!isCertainlyValid(*multi) && !multi->IsValid()) {
            std::unique_ptr<OGRGeometry> made(multi->MakeValid());
            multi = made ? polygonalParts(*made) : std::make_unique<OGRMultiPolygon>();
            prepared.fate = GeometryFate::Repaired;
            if (multi->IsEmpty()) {
                prepared.fate = GeometryFate::Empty;
                continue;
            }
        }
        prepared.blob.reserve(static_cast<size_t>(multi->WkbSize()) + 48);
        appendSpatialiteBlob(*multi, srid, prepared.blob);
    }
    return out;
}

// One thread that prepares the batches in the order given: a thread per batch costs more than
// the work it saves (a fresh stack, fresh buffers, and page faults for both).
class BatchWorker {
public:
    BatchWorker() : thread_([this] { run(); }) {}
    // Finishes every batch already handed over, so nothing it works on goes away under it.
    ~BatchWorker() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }
    BatchWorker(const BatchWorker&) = delete;
    BatchWorker& operator=(const BatchWorker&) = delete;

    std::future<PreparedBatch> submit(std::function<PreparedBatch()> job) {
        std::packaged_task<PreparedBatch()> task(std::move(job));
        std::future<PreparedBatch> result = task.get_future();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.push_back(std::move(task));
        }
        wake_.notify_one();
        return result;
    }

private:
    void run() {
        for (;;) {
            std::packaged_task<PreparedBatch()> task;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;
                task = std::move(queue_.front());
                queue_.pop_front();
            }
            task();  // an exception lands in the future
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::packaged_task<PreparedBatch()>> queue_;
    bool stopping_ = false;
    std::thread thread_;  // last: starts once the members above exist
};

std::string pickNameField(OGRFeatureDefn& defn, const std::optional<std::string>& requested,
                          const std::string& sourcePath) {
    const int n = defn.GetFieldCount();
    if (requested) {
        for (int i = 0; i < n; ++i)
            if (asciiLower(defn.GetFieldDefn(i)->GetNameRef()) == asciiLower(*requested))
                return defn.GetFieldDefn(i)->GetNameRef();
        std::string names;
        for (int i = 0; i < n; ++i) names += std::string(i ? ", " : "") + defn.GetFieldDefn(i)->GetNameRef();
        throw Error(sourcePath, "has no field '" + *requested + "' (fields: " + (names.empty() ? "none" : names) + ")");
    }
    static const char* const likely[] = {"buurtnaam", "bu_naam",      "wijknaam", "wk_naam", "naam", "name",
                                         "statnaam",  "gemeentenaam", "gm_naam",  "buurt",   "wijk", "town",
                                         "city",      "name_en",      "nom",      "nombre",  "nimi", "label"};
    for (const char* want : likely)
        for (int i = 0; i < n; ++i)
            if (asciiLower(defn.GetFieldDefn(i)->GetNameRef()) == want) return defn.GetFieldDefn(i)->GetNameRef();
    for (int i = 0; i < n; ++i) {
        const std::string l = asciiLower(defn.GetFieldDefn(i)->GetNameRef());
        if (defn.GetFieldDefn(i)->GetType() == OFTString &&
            (l.find("naam") != std::string::npos || l.find("name") != std::string::npos))
            return defn.GetFieldDefn(i)->GetNameRef();
    }
    for (int i = 0; i < n; ++i)
        if (defn.GetFieldDefn(i)->GetType() == OFTString) return defn.GetFieldDefn(i)->GetNameRef();
    return {};
}

struct ColumnPlan {
    int sourceIndex;
    std::string column;  // UTF-8, unique (case-insensitively) in the boundaries table
    OGRFieldType type;
};

std::vector<ColumnPlan> planColumns(OGRFeatureDefn& defn) {
    std::vector<ColumnPlan> plan;
    std::set<std::string> taken = {"fid", "name", "geom", "rowid", "oid", "_rowid_"};
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        OGRFieldDefn* fd = defn.GetFieldDefn(i);
        std::string name(trimmed(toUtf8Lenient(fd->GetNameRef())));
        if (name.empty()) name = "field_" + std::to_string(i + 1);
        if (taken.contains(asciiLower(name))) name = "src_" + name;
        std::string unique = name;
        for (int k = 2; taken.contains(asciiLower(unique)); ++k) unique = name + "_" + std::to_string(k);
        taken.insert(asciiLower(unique));
        plan.push_back({i, unique, fd->GetType()});
    }
    return plan;
}

const char* sqlType(OGRFieldType t) {
    switch (t) {
        case OFTInteger:
        case OFTInteger64:
            return "INTEGER";
        case OFTReal:
            return "REAL";
        default:
            return "TEXT";
    }
}

std::string isoDate(OGRFeature& f, int i, OGRFieldType type) {
    int y, mo, d, h, mi, tz;
    float s;
    if (!f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &s, &tz)) return f.GetFieldAsString(i);
    char buf[40];
    if (type == OFTDate)
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    else if (type == OFTTime)
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, mi, static_cast<int>(s));
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, static_cast<int>(s));
    return buf;
}

std::string wkt2(const OGRSpatialReference& srs) {
    char* text = nullptr;
    const char* options[] = {"FORMAT=WKT2_2018", nullptr};
    srs.exportToWkt(&text, options);
    std::string out = text ? text : "";
    CPLFree(text);
    return out;
}

std::string plural(long long n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

BoundaryImportReport createProjectFromBoundaries(const std::string& projectPath, const BoundaryImportOptions& opt) {
    BoundaryImportReport report;
    report.projectPath = projectPath;
    std::error_code ec;
    if (fs::exists(projectPath, ec))
        throw Error(projectPath, "already exists; Samenkaart never overwrites a project (choose another name)",
                    ErrorKind::Exists);
    const fs::path parent = fs::absolute(projectPath).parent_path();
    if (!fs::is_directory(parent, ec)) throw Error(projectPath, "the folder " + parent.string() + " does not exist");

    auto source = VectorSource::open(opt.source);
    const std::string& src = opt.source;
    OGRLayer& layer = source->layer(opt.layer, layerHasPolygons);
    report.layerName = layer.GetName();
    report.warnings = source->warnings();

    if (!layerHasPolygons(layer)) {
        OGRwkbGeometryType declared = layer.GetGeomType();
        if (wkbFlatten(declared) == wkbUnknown || wkbFlatten(declared) == wkbGeometryCollection) {
            layer.ResetReading();  // judged by what the features hold
            for (auto& f : layer)
                if (const OGRGeometry* g = f->GetGeometryRef()) {
                    declared = g->getGeometryType();
                    break;
                }
        }
        const long long n = layer.GetFeatureCount(TRUE);
        if (n == 0) throw Error(src, "the layer '" + report.layerName + "' holds no features");
        throw Error(src, "the layer '" + report.layerName + "' holds " + describeGeometryType(declared) +
                             ", not areas; neighbourhood boundaries must be polygons (context layers are added in "
                             "the map viewer)");
    }

    // Where are the coordinates, and in what?
    OGREnvelope env;
    const bool haveExtent = layer.GetExtent(&env, TRUE) == OGRERR_NONE;
    Bbox extent;
    if (haveExtent) extent = {env.MinX, env.MinY, env.MaxX, env.MaxY};

    SpatialRefPtr sourceSrs;
    if (opt.sourceCrs) {
        sourceSrs = makeSpatialRef(*opt.sourceCrs, *opt.sourceCrs);
    } else if (const OGRSpatialReference* srs = layer.GetSpatialRef()) {
        sourceSrs.reset(srs->Clone());
        sourceSrs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else if (haveExtent && couldBeLonLat(extent)) {
        sourceSrs = makeSpatialRef("EPSG:4326", src);
        report.warnings.push_back(src +
                                  ": has no coordinate system (.prj); the coordinates look like "
                                  "longitude/latitude, so WGS 84 is assumed (override with --source-crs)");
    } else {
        throw Error(src,
                    "has no coordinate system (.prj is missing) and its coordinates are not longitude/latitude; "
                    "say what they are with --source-crs, e.g. --source-crs EPSG:28992");
    }

    CrsDescription mapCrs;
    if (opt.mapCrs) {
        mapCrs = describeCrs(*opt.mapCrs);
        if (!mapCrs.projected)
            throw Error(*opt.mapCrs, "is not a projected CRS; the map needs one in metres (e.g. EPSG:28992)");
    } else if (sourceSrs->IsProjected()) {
        mapCrs = describeCrs(wkt2(*sourceSrs));
    } else {
        Bbox ll = extent;
        if (!sourceSrs->IsGeographic())
            throw Error(src, "its coordinate system is neither projected nor geographic; choose one with --crs");
        SpatialRefPtr wgs84 = makeSpatialRef("EPSG:4326", src);
        if (!sourceSrs->IsSame(wgs84.get())) {
            std::unique_ptr<OGRCoordinateTransformation> toLL(
                OGRCreateCoordinateTransformation(sourceSrs.get(), wgs84.get()));
            double xs[2] = {extent.minx, extent.maxx}, ys[2] = {extent.miny, extent.maxy};
            if (toLL && toLL->Transform(2, xs, ys)) ll = {xs[0], ys[0], xs[1], ys[1]};
        }
        mapCrs = describeCrs(epsgDefinition(suggestedProjectedEpsg(ll)));
    }
    SpatialRefPtr mapSrs = makeSpatialRef(mapCrs.epsg > 0 ? epsgDefinition(mapCrs.epsg) : mapCrs.wkt2, src);
    std::unique_ptr<OGRCoordinateTransformation> transform;
    if (!sourceSrs->IsSame(mapSrs.get())) {
        transform.reset(OGRCreateCoordinateTransformation(sourceSrs.get(), mapSrs.get()));
        if (!transform) throw Error(src, "cannot transform its coordinates to " + mapCrs.name);
    }

    OGRFeatureDefn& defn = *layer.GetLayerDefn();
    report.nameField = pickNameField(defn, opt.nameField, src);
    const int nameIndex = report.nameField.empty() ? -1 : defn.GetFieldIndex(report.nameField.c_str());
    if (report.nameField.empty())
        report.warnings.push_back(src + ": has no text field to use as names; areas are named by number");
    const std::vector<ColumnPlan> columns = planColumns(defn);

    // Build beside the target so the final move is a rename on one file system.
    removeAbandonedPartials(projectPath);
    PendingFile file(projectPath, Existing::Keep);
    {
        auto project = Project::createEmpty(file.path(), mapCrs);
        Database& db = project->db();
        report.mapCrs = project->mapCrs().definition;
        report.mapCrsName = project->mapCrs().name;
        // The file is not the project until it is moved into place: durability comes from the
        // final fsync'd close, not from a journal per statement.
        db.exec("PRAGMA journal_mode = OFF");
        db.exec("PRAGMA synchronous = OFF");

        Transaction tx(db);
        for (const ColumnPlan& c : columns)
            db.exec("ALTER TABLE boundaries ADD COLUMN " + quoteIdentifier(c.column) + " " + sqlType(c.type));
        std::string sql = "INSERT INTO boundaries (name";
        for (const ColumnPlan& c : columns) sql += ", " + quoteIdentifier(c.column);
        sql += ", geom) VALUES (?";
        for (size_t i = 0; i < columns.size(); ++i) sql += ", ?";
        sql += ", ?)";  // a SpatiaLite geometry blob, built by the worker
        Statement insert(db, sql);
        // SpatiaLite's per-row triggers on the table (a geometry type and SRID check that parses
        // every blob, and a "last insert" time stamp) rest while the import fills it: the worker
        // writes each blob with the map's SRID as a MULTIPOLYGON itself, and the time is set once.
        // Both come back, exactly as SpatiaLite made them, before the file is finished.
        RestingTriggers restingTriggers(db, "boundaries", {"ggi_boundaries_geom", "tmi_boundaries_geom"});

        const long long total = std::max<long long>(0, layer.GetFeatureCount(FALSE));
        long long seen = 0;
        GdalMessageCapture capture;
        // Counted once per attribute value; the name repeats one of them.
        auto text = [&](const char* raw, bool count = true) {
            std::string_view bytes(raw);
            if (isValidUtf8(bytes)) return std::string(bytes);
            if (count) ++report.textRecoded;
            return cp1252ToUtf8(bytes);
        };

        // Stage 1 (this thread): read a batch; its geometries go to the worker as they are.
        auto readBatch = [&]() {
            FeatureBatch batch;
            while (batch.features.size() < kBatchSize) {
                capture.clear();
                OGRFeatureUniquePtr feature(layer.GetNextFeature());
                // A record GDAL cannot read means the file is damaged: how much more is lost after
                // it is unknown, and a map with silent holes is worse than a clear refusal.
                if (!capture.errors().empty())
                    throw Error(src, "record " + std::to_string(seen + 1) + " is damaged (" + capture.errors().front() +
                                         "); repair the file (e.g. in QGIS) or ask for a fresh copy");
                if (!feature) break;
                ++seen;
                if (opt.progress && seen % 512 == 0) opt.progress(seen, total);
                batch.geometries.emplace_back(feature->StealGeometry());
                batch.features.push_back(std::move(feature));
            }
            return batch;
        };
        // Stage 3 (this thread): write the batch whose geometries the worker has finished.
        auto insertBatch = [&](FeatureBatch& batch, PreparedBatch& prepared) {
            report.droppedZM = report.droppedZM || prepared.droppedZM;
            for (size_t k = 0; k < batch.features.size(); ++k) {
                PreparedGeometry& g = prepared.geometries[k];
                switch (g.fate) {
                    case GeometryFate::Empty:
                        ++report.skippedEmpty;
                        continue;
                    case GeometryFate::NotPolygon:
                        ++report.skippedNotPolygon;
                        continue;
                    case GeometryFate::Unprojectable:
                        ++report.skippedUnprojectable;
                        continue;
                    case GeometryFate::Repaired:
                        ++report.repaired;
                        break;
                    case GeometryFate::Stored:
                        break;
                }
                OGRFeature& feature = *batch.features[k];
                const long long fid = report.imported + 1;
                std::string name;
                if (nameIndex >= 0 && feature.IsFieldSetAndNotNull(nameIndex))
                    name = std::string(trimmed(text(feature.GetFieldAsString(nameIndex), false)));
                if (name.empty()) name = "#" + std::to_string(fid);
                insert.reset();
                insert.bind(1, name);
                int b = 2;
                for (const ColumnPlan& c : columns) {
                    const int i = c.sourceIndex;
                    if (!feature.IsFieldSetAndNotNull(i)) {
                        insert.bindNull(b++);
                        continue;
                    }
                    switch (c.type) {
                        case OFTInteger:
                        case OFTInteger64:
                            insert.bind(b++, static_cast<int64_t>(feature.GetFieldAsInteger64(i)));
                            break;
                        case OFTReal:
                            insert.bind(b++, feature.GetFieldAsDouble(i));
                            break;
                        case OFTDate:
                        case OFTDateTime:
                        case OFTTime:
                            insert.bind(b++, isoDate(feature, i, c.type));
                            break;
                        default:
                            insert.bind(b++, text(feature.GetFieldAsString(i)));
                    }
                }
                insert.bindBlob(b, g.blob.data(), g.blob.size());
                insert.run();
                ++report.imported;
            }
        };

        // Stage 2 (a worker): polygonal parts, reprojection, validity (the cheap proof, else GEOS
        // check and repair) and the blob. It works on the batch before the one being read, and
        // while the one before that is written.
        const auto srid = static_cast<int32_t>(project->mapCrs().srid);
        layer.ResetReading();
        // The worker is declared after the batches: its destructor waits for the batch it works on.
        std::unique_ptr<FeatureBatch> current, next;
        BatchWorker worker;
        auto prepare = [&worker, &transform, srid](FeatureBatch& batch) {
            return worker.submit(
                [&batch, &transform, srid] { return prepareBatch(batch.geometries, transform.get(), srid); });
        };
        current = std::make_unique<FeatureBatch>(readBatch());
        std::future<PreparedBatch> pending = prepare(*current);
        while (!current->features.empty()) {
            next = std::make_unique<FeatureBatch>(readBatch());
            PreparedBatch done = pending.get();
            if (!next->features.empty()) pending = prepare(*next);
            insertBatch(*current, done);
            current = std::move(next);
        }
        if (opt.progress) opt.progress(seen, total);
        if (report.imported == 0) {
            if (report.skippedEmpty + report.skippedNotPolygon + report.skippedUnprojectable == 0)
                throw Error(src, "the layer '" + report.layerName + "' holds no features");
            throw Error(
                src, "none of its " +
                         std::to_string(report.skippedEmpty + report.skippedNotPolygon + report.skippedUnprojectable) +
                         " features has a usable polygon (all empty, not areas, or outside the map's CRS)");
        }
        restingTriggers.restore();
        db.exec(
            "UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
            "WHERE f_table_name = 'boundaries' AND f_geometry_column = 'geom'");
        db.exec("SELECT CreateSpatialIndex('boundaries', 'geom')");
        project->setMeta("boundaries_source", src);
        project->setMeta("boundaries_layer", report.layerName);
        project->setMeta("boundaries_name_field", report.nameField);
        project->setMeta("boundaries_source_crs", sourceSrs->GetName() ? sourceSrs->GetName() : "");
        tx.commit();
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        project.reset();  // closes the file: everything is on disk before it gets its real name
    }
    file.commit();

    if (report.skippedEmpty > 0 && report.repaired > 0)
        report.warnings.push_back(src + ": " + plural(report.skippedEmpty, "empty shape was", "empty shapes were") +
                                  " skipped and " +
                                  plural(report.repaired, "invalid shape was", "invalid shapes were") + " repaired");
    else if (report.skippedEmpty > 0)
        report.warnings.push_back(src + ": " + plural(report.skippedEmpty, "empty shape was", "empty shapes were") +
                                  " skipped");
    else if (report.repaired > 0)
        report.warnings.push_back(src + ": " + plural(report.repaired, "invalid shape was", "invalid shapes were") +
                                  " repaired (self-intersections or rings in the wrong place)");
    if (report.skippedNotPolygon > 0)
        report.warnings.push_back(src + ": " + plural(report.skippedNotPolygon, "feature", "features") +
                                  " without an area (points or lines) were skipped");
    if (report.skippedUnprojectable > 0)
        report.warnings.push_back(src + ": " + plural(report.skippedUnprojectable, "feature", "features") +
                                  " could not be placed in " + report.mapCrsName + " and were skipped");
    if (report.droppedZM) report.warnings.push_back(src + ": height (Z) and measure (M) values were dropped");
    if (report.textRecoded > 0)
        report.warnings.push_back(src + ": " + plural(report.textRecoded, "text value was", "text values were") +
                                  " not valid UTF-8 and were read as Windows-1252/Latin-1; check the names");
    return report;
}

}  // namespace samenkaart
