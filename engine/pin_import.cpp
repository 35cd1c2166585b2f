#include "engine/pin_import.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <stop_token>
#include <thread>
#include <variant>

#include "engine/categories.hpp"
#include "engine/clock.hpp"
#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/pin_bulk_write.hpp"
#include "engine/pin_rules.hpp"
#include "engine/pins.hpp"
#include "engine/sessions.hpp"
#include "engine/spatial_reference.hpp"
#include "engine/text_encoding.hpp"
#include "engine/vector_source.hpp"

namespace samenkaart {
namespace {

namespace fs = std::filesystem;

const char* const kXNames[] = {"x", "lon", "lng", "long", "longitude"};
const char* const kYNames[] = {"y", "lat", "latitude"};
const char* const kGeomNames[] = {"wkt", "geometry", "geom", "the_geom"};

template <size_t N>
bool oneOf(const std::string& name, const char* const (&names)[N]) {
    return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return name == n; });
}

// The column names of a CSV's header line, lower-cased, whatever the separator.
std::vector<std::string> csvHeader(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    char best = ',';
    size_t most = 0;
    for (char sep : {',', ';', '\t', '|'}) {
        const size_t n = static_cast<size_t>(std::count(line.begin(), line.end(), sep));
        if (n > most) {
            most = n;
            best = sep;
        }
    }
    std::vector<std::string> names;
    std::string cell;
    for (size_t i = 0; i <= line.size(); ++i) {
        if (i == line.size() || line[i] == best) {
            cell.erase(std::remove(cell.begin(), cell.end(), '"'), cell.end());
            names.push_back(asciiLower(cell));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return names;
}

// The physical line (1-based) on which each record of a CSV file starts; record 0 is the header.
// This follows GDAL's CSV reader, which the rows are read with: a record runs on over line breaks
// while a double quote is open (every '"' toggles, so an escaped "" toggles twice), and empty lines
// between records are skipped. Line breaks are LF, CRLF or a lone CR, as a text editor counts them.
std::vector<int64_t> csvRecordStartLines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<int64_t> starts;
    int64_t line = 1;
    bool inRecord = false, quoted = false, afterCr = false;
    std::vector<char> buffer(1 << 16);
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        const size_t n = static_cast<size_t>(in.gcount());
        for (size_t i = 0; i < n; ++i) {
            const char c = buffer[i];
            if (c == '\n' && afterCr) {  // the LF of a CRLF: the line was counted at the CR
                afterCr = false;
                continue;
            }
            afterCr = c == '\r';
            if (c == '\n' || c == '\r') {
                ++line;
                if (!quoted) inRecord = false;
                continue;
            }
            if (!inRecord) {
                starts.push_back(line);
                inRecord = true;
            }
            if (c == '"') quoted = !quoted;
        }
    }
    return starts;
}

std::string join(const char* const* names, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += std::string(i ? "," : "") + names[i];
    return out;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

// A whole-string decimal number, as a person types it in a spreadsheet.
bool isNumber(const char* text) {
    if (!text || !*text) return false;
    char* end = nullptr;
    const double v = std::strtod(text, &end);
    while (end && std::isspace(static_cast<unsigned char>(*end))) ++end;
    return end && *end == '\0' && std::isfinite(v);
}

std::string fieldNames(OGRFeatureDefn& defn) {
    std::string out;
    for (int i = 0; i < defn.GetFieldCount(); ++i)
        out += std::string(i ? ", " : "") + defn.GetFieldDefn(i)->GetNameRef();
    return out;
}

// The index of a field the user named (must exist) or of the first default name present (-1 if none).
int findField(OGRFeatureDefn& defn, const std::optional<std::string>& given,
              std::initializer_list<const char*> defaults, const std::string& src, const char* option) {
    if (given) {
        const int i = defn.GetFieldIndex(given->c_str());
        if (i < 0)
            throw Error(src, "has no field '" + *given + "' for " + option + " (fields: " + fieldNames(defn) + ")");
        return i;
    }
    for (const char* name : defaults)
        if (int i = defn.GetFieldIndex(name); i >= 0) return i;
    return -1;
}

bool hasPoints(OGRLayer& layer) {
    const OGRwkbGeometryType t = wkbFlatten(layer.GetGeomType());
    return t == wkbPoint || t == wkbMultiPoint;
}

// What the reader thread hands the writing thread: rows ready to write and the rows it skipped.
struct ReadChunk {
    std::vector<PreparedPin> pins;
    std::vector<std::string> problems;  // one per skipped row ("SRC: line 7: the title is empty"), in row order
    std::optional<Error> refusal;       // --strict: the first bad row; nothing is written
    std::exception_ptr failure;         // the reader failed; nothing is written
    int64_t read = 0;                   // source rows this chunk covers
    bool last = false;
};

// The hand-over from the reader to the writer: a few chunks at most, so memory stays bounded when
// the writer is the slower of the two.
class ChunkQueue {
public:
    static constexpr size_t kMaxChunks = 4;

    // False when the writer stopped waiting (it failed, and the reader should end).
    bool push(ReadChunk chunk, const std::stop_token& stop) {
        std::unique_lock lock(mutex_);
        if (!changed_.wait(lock, stop, [&] { return chunks_.size() < kMaxChunks; })) return false;
        chunks_.push_back(std::move(chunk));
        changed_.notify_all();
        return true;
    }
    ReadChunk pop() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !chunks_.empty(); });
        ReadChunk chunk = std::move(chunks_.front());
        chunks_.pop_front();
        changed_.notify_all();
        return chunk;
    }

private:
    std::mutex mutex_;
    std::condition_variable_any changed_;
    std::deque<ReadChunk> chunks_;
};

// Runs on the reader thread, the only one touching the layer, the transformation and the check
// while it runs: reads each row, checks it as PinStore::add would, and makes its row's bytes.
struct RowReader {
    static constexpr size_t kChunkRows = 1024;

    OGRLayer* layer = nullptr;
    const PinImportOptions* options = nullptr;
    bool csv = false;
    std::vector<int> xyFields;  // CSV x/y columns, checked to be numbers on each row
    std::vector<bool> xyReal;   // ... that GDAL reads as numbers (false: as text)
    int categoryField = -1, titleField = -1, descriptionField = -1, contributorField = -1, attributesField = -1;
    const OGRCoordinateTransformation* sourceToMap = nullptr;  // made by the writing thread; cloned here
    TransformPtr toMap;                                        // this thread's own copy (its PROJ context)
    std::set<std::string> categoryCodes;                       // read by the writing thread, which owns the connection
    MapCrs mapCrs;
    std::optional<NewPinCheck> check;  // made here: setting up its PROJ transformation takes a while
    std::vector<int64_t> csvLines;     // CSV: the line each record starts on (a quoted value may span lines)
    std::vector<std::string> ids;      // drawn up front and sorted, so that rows in source order go in id order

    // A bad row is reported by the line it starts on (CSV, header = line 1) or by its feature number.
    // Rows are numbered from 1; the text is made only for a bad row.
    std::string rowName(int64_t row) const {
        if (!csv) return "feature " + std::to_string(row);
        const auto record = static_cast<size_t>(row);
        return "line " + std::to_string(record < csvLines.size() ? csvLines[record] : row + 1);
    }

    // The id of source row `row` (each is asked for once): the drawn ids run out only when GDAL reads
    // more rows than were counted, and a fresh id is then as good (it is only written out of order).
    std::string takeId(int64_t row) {
        const auto index = static_cast<size_t>(row - 1);
        return index < ids.size() ? std::move(ids[index]) : newUuid();
    }

    void drawIds(int64_t rows) {
        ids.reserve(static_cast<size_t>(std::max<int64_t>(rows, 0)));
        for (int64_t i = 0; i < rows; ++i) ids.push_back(newUuid());
        std::sort(ids.begin(), ids.end());
    }

    // The row's pin, or why it is skipped.
    std::variant<NewPin, std::string> readRow(OGRFeature& feature) const {
        const PinImportOptions& o = *options;
        bool badNumber = false, allEmpty = !xyFields.empty();
        for (size_t k = 0; k < xyFields.size(); ++k) {
            const int i = xyFields[k];
            if (xyReal[k]) {
                // GDAL has parsed the number: set and finite is what the text test below accepts of
                // the text GDAL would make of it (an unparsable value leaves the field unset).
                const bool set = feature.IsFieldSetAndNotNull(i);
                if (!set || !std::isfinite(feature.GetFieldAsDouble(i))) badNumber = true;
                if (set) allEmpty = false;
                continue;
            }
            const char* text = feature.GetFieldAsString(i);
            if (!isNumber(text)) badNumber = true;
            if (text && *text) allEmpty = false;
        }
        if (allEmpty) return std::string("has no point (the coordinates are empty)");
        if (badNumber) return std::string("the coordinates are not numbers");
        const OGRGeometry* g = feature.GetGeometryRef();
        if (g && wkbFlatten(g->getGeometryType()) == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1)
            g = g->toMultiPoint()->getGeometryRef(0);
        if (!g || g->IsEmpty()) return std::string("has no point (empty or unreadable coordinates)");
        if (wkbFlatten(g->getGeometryType()) != wkbPoint)
            return std::string("is a ") + OGRGeometryTypeToName(g->getGeometryType()) + ", not a point";
        Point p{g->toPoint()->getX(), g->toPoint()->getY()};
        if (toMap && !toMap->Transform(1, &p.x, &p.y))
            return std::string("its coordinates cannot be transformed to the map's CRS");
        NewPin n;
        n.sessionId = o.sessionId;
        n.position = p;
        n.category = o.category ? *o.category : feature.GetFieldAsString(categoryField);
        if (n.category.empty()) return "has no category in field '" + *o.categoryField + "'";
        n.title = feature.GetFieldAsString(titleField);
        if (descriptionField >= 0) n.description = feature.GetFieldAsString(descriptionField);
        if (contributorField >= 0 && feature.IsFieldSetAndNotNull(contributorField))
            n.contributor = std::string(feature.GetFieldAsString(contributorField));
        if (attributesField >= 0 && feature.IsFieldSetAndNotNull(attributesField)) {
            const std::string text = feature.GetFieldAsString(attributesField);
            if (!text.empty()) {
                n.attributes = nlohmann::json::parse(text, nullptr, false);
                if (!n.attributes.is_object()) return std::string("its attributes are not a JSON object");
            }
        }
        return n;
    }

    void run(ChunkQueue& queue, const std::stop_token& stop) {
        try {
            const std::string& src = options->source;
            GdalMessageCapture capture;  // GDAL's notes on odd values: the rows' own checks report them
            check.emplace(std::move(categoryCodes), mapCrs);
            if (sourceToMap) {
                toMap.reset(sourceToMap->Clone());
                if (!toMap)
                    throw Error(options->source, "its coordinate transformation cannot be set up on the reader");
            }
            if (csv) {
                csvLines = csvRecordStartLines(src);
                drawIds(std::max<int64_t>(0, static_cast<int64_t>(csvLines.size()) - 1));
            } else {
                drawIds(layer->GetFeatureCount(TRUE));
            }
            ReadChunk chunk;
            int64_t row = 0;
            layer->ResetReading();
            for (auto& feature : *layer) {
                ++chunk.read;
                ++row;
                std::variant<NewPin, std::string> read = readRow(*feature);
                std::string cause;
                if (auto* bad = std::get_if<std::string>(&read)) {
                    cause = std::move(*bad);
                } else {
                    NewPin& n = std::get<NewPin>(read);
                    try {
                        check->fields(n);
                        check->position(n.position);
                        chunk.pins.push_back(prepareNewPin(std::move(n), takeId(row)));
                    } catch (const Error& why) {
                        cause = why.what();
                    }
                }
                if (!cause.empty()) {
                    if (options->strict) {
                        chunk.refusal = Error(src, rowName(row) + ": " + cause + "; nothing was imported (--strict)");
                        chunk.last = true;
                        queue.push(std::move(chunk), stop);
                        return;
                    }
                    chunk.problems.push_back(src + ": " + rowName(row) + ": " + cause);
                }
                if (chunk.pins.size() + chunk.problems.size() >= kChunkRows) {
                    if (!queue.push(std::move(chunk), stop)) return;
                    chunk = ReadChunk();
                }
            }
            chunk.last = true;
            queue.push(std::move(chunk), stop);
        } catch (...) {
            ReadChunk failed;
            failed.failure = std::current_exception();
            failed.last = true;
            queue.push(std::move(failed), stop);
        }
    }
};

}  // namespace

PinImportReport importPins(Project& project, const PinImportOptions& o) {
    ensureGdalRegistered();
    const std::string& src = o.source;
    if (o.category.has_value() == o.categoryField.has_value())
        throw Error(src, "give either --category CODE (one category for all) or --category-field FIELD");
    const Session session = SessionStore(project.db()).get(o.sessionId);
    if (!session.isOpen())
        throw Error("session " + std::to_string(o.sessionId), "is closed; start or reopen a session to add pins");
    if (o.category && !CategoryStore(project.db()).find(*o.category))
        throw Error("category " + *o.category, "does not exist in this project (see: samenkaart category list)");

    PinImportReport report;
    std::unique_ptr<VectorSource> source;
    std::unique_ptr<GDALDataset, DatasetCloser> csvDataset;
    OGRLayer* layerPtr = nullptr;
    std::vector<int> xyFields;  // CSV x/y columns, checked to be numbers on each row
    const bool csv = asciiLower(fs::path(src).extension().string()) == ".csv";
    if (csv) {
        std::error_code ec;
        if (!fs::is_regular_file(src, ec)) throw Error(src, "no such file");
        const std::vector<std::string> header = csvHeader(src);
        const bool hasWkt =
            std::any_of(header.begin(), header.end(), [](const std::string& h) { return oneOf(h, kGeomNames); });
        CPLStringList open;
        if (hasWkt) {
            open.SetNameValue("GEOM_POSSIBLE_NAMES", join(kGeomNames, std::size(kGeomNames)).c_str());
        } else {
            open.SetNameValue("X_POSSIBLE_NAMES", join(kXNames, std::size(kXNames)).c_str());
            open.SetNameValue("Y_POSSIBLE_NAMES", join(kYNames, std::size(kYNames)).c_str());
        }
        open.SetNameValue("KEEP_GEOM_COLUMNS", "YES");
        open.SetNameValue("HEADERS", "YES");         // the first record names the columns, as csvHeader() reads it
        open.SetNameValue("AUTODETECT_TYPE", "NO");  // text stays text, byte for byte
        GdalMessageCapture capture;
        const char* drivers[] = {"CSV", nullptr};
        csvDataset.reset(static_cast<GDALDataset*>(
            GDALOpenEx(src.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, open.List(), nullptr)));
        if (!csvDataset || csvDataset->GetLayerCount() == 0)
            throw Error(src, "cannot be read as CSV: " + capture.lastMessage("unknown reason"));
        layerPtr = csvDataset->GetLayer(0);
        if (!hasWkt) {
            OGRFeatureDefn& d = *layerPtr->GetLayerDefn();
            for (int i = 0; i < d.GetFieldCount(); ++i) {
                const std::string n = asciiLower(d.GetFieldDefn(i)->GetNameRef());
                if (oneOf(n, kXNames) || oneOf(n, kYNames)) xyFields.push_back(i);
            }
            if (xyFields.size() < 2)
                throw Error(src,
                            "has no coordinate columns: name them x and y, lon and lat, or give a wkt column "
                            "(columns: " +
                                fieldNames(d) + ")");
        }
    } else {
        source = VectorSource::open(src);
        layerPtr = &source->layer(o.layer, hasPoints);
        report.warnings = source->warnings();
    }
    OGRLayer& layer = *layerPtr;
    OGRFeatureDefn& defn = *layer.GetLayerDefn();

    const int categoryField = o.categoryField ? findField(defn, o.categoryField, {}, src, "--category-field") : -1;
    const int titleField = findField(defn, o.titleField, {"title", "titel", "name", "naam"}, src, "--title-field");
    if (titleField < 0)
        throw Error(src, "has no title field (title, name or naam); name one with --title-field (fields: " +
                             fieldNames(defn) + ")");
    const int descriptionField = findField(defn, o.descriptionField, {"description", "omschrijving", "beschrijving"},
                                           src, "--description-field");
    const int contributorField = findField(defn, o.contributorField, {"contributor"}, src, "--contributor-field");
    const int attributesField = defn.GetFieldIndex("attributes");

    // What are the coordinates in?
    const SpatialRefPtr mapSrs = makeSpatialRef(project.mapCrs().definition, project.path());
    SpatialRefPtr sourceSrs;
    if (o.sourceCrs) {
        sourceSrs = makeSpatialRef(*o.sourceCrs, "--source-crs");
    } else if (const OGRSpatialReference* srs = layer.GetSpatialRef()) {
        sourceSrs.reset(srs->Clone());
        sourceSrs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    } else {
        OGREnvelope env;
        GdalMessageCapture quiet;
        const bool haveExtent = layer.GetExtent(&env, TRUE) == OGRERR_NONE;
        if (haveExtent && couldBeLonLat({env.MinX, env.MinY, env.MaxX, env.MaxY})) {
            sourceSrs = makeSpatialRef("EPSG:4326", src);
            report.warnings.push_back(src +
                                      ": says nothing about its coordinate system; the coordinates look like "
                                      "longitude/latitude, so WGS 84 is assumed (override with --source-crs)");
        } else {
            sourceSrs = makeSpatialRef(project.mapCrs().definition, src);
            report.warnings.push_back(src +
                                      ": says nothing about its coordinate system; the coordinates are taken "
                                      "to be in the map's CRS (" +
                                      project.mapCrs().name + "); say otherwise with --source-crs");
        }
    }
    report.sourceCrsName = sourceSrs->GetName() ? sourceSrs->GetName() : "";
    const TransformPtr toMap = makeTransform(*sourceSrs, *mapSrs, src);

    // A reader thread reads and checks the rows and makes their bytes while this thread writes them.
    RowReader reader;
    reader.layer = &layer;
    reader.options = &o;
    reader.csv = csv;
    reader.xyFields = std::move(xyFields);
    for (int i : reader.xyFields) reader.xyReal.push_back(defn.GetFieldDefn(i)->GetType() == OFTReal);
    reader.categoryField = categoryField;
    reader.titleField = titleField;
    reader.descriptionField = descriptionField;
    reader.contributorField = contributorField;
    reader.attributesField = attributesField;
    reader.sourceToMap = toMap.get();
    reader.categoryCodes = NewPinCheck::categoryCodes(project);
    reader.mapCrs = project.mapCrs();

    std::optional<PinBulkWrite> write;  // begun with the first good row: nothing to write, nothing changed
    ChunkQueue queue;
    std::jthread readerThread([&](const std::stop_token& stop) { reader.run(queue, stop); });
    for (;;) {
        ReadChunk chunk = queue.pop();
        if (chunk.failure) std::rethrow_exception(chunk.failure);
        if (chunk.refusal) throw *chunk.refusal;
        report.read += chunk.read;
        for (std::string& p : chunk.problems) report.problems.push_back(std::move(p));
        for (PreparedPin& p : chunk.pins) {
            if (!write) write.emplace(project);
            write->add(std::move(p));
        }
        if (chunk.last) break;
    }
    readerThread.join();
    if (write) {
        report.imported = static_cast<int64_t>(write->count());
        write->commit();
    }
    return report;
}

}  // namespace samenkaart
