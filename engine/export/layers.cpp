#include "engine/export/layers.hpp"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "engine/error.hpp"
#include "engine/gdal_support.hpp"

namespace samenkaart {
namespace {

struct FieldSpec {
    const char* name;
    OGRFieldType type;
    OGRFieldSubType subType = OFSTNone;
};

// Creates the layer and its fields; throws Error naming the output file on failure.
OGRLayer& createLayer(GDALDataset& ds, const char* name, const OGRSpatialReference* srs, OGRwkbGeometryType type,
                      const std::vector<FieldSpec>& fields, const std::vector<std::string>& options = {}) {
    GdalMessageCapture capture;
    CPLStringList opts;
    for (const std::string& o : options) opts.AddString(o.c_str());
    // GDAL 3.6 takes a non-const SRS but only clones it.
    OGRLayer* layer = ds.CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, opts.List());
    if (!layer)
        throw Error(ds.GetDescription(),
                    std::string("cannot create layer '") + name + "': " + capture.lastMessage("the driver refused"));
    for (const FieldSpec& f : fields) {
        OGRFieldDefn defn(f.name, f.type);
        defn.SetSubType(f.subType);
        if (layer->CreateField(&defn) != OGRERR_NONE)
            throw Error(ds.GetDescription(), std::string("cannot create field '") + f.name + "' in layer '" + name +
                                                 "': " + capture.lastMessage("the driver refused"));
    }
    return *layer;
}

// One transaction around a layer's features, where the driver supports them (GeoPackage).
class LayerTransaction {
public:
    explicit LayerTransaction(GDALDataset& ds) : ds_(ds) { open_ = ds_.StartTransaction() == OGRERR_NONE; }
    ~LayerTransaction() {
        if (open_) ds_.RollbackTransaction();
    }
    LayerTransaction(const LayerTransaction&) = delete;
    LayerTransaction& operator=(const LayerTransaction&) = delete;
    void commit() {
        if (open_ && ds_.CommitTransaction() != OGRERR_NONE)
            throw Error(ds_.GetDescription(), "cannot write (commit failed: the disk may be full)");
        open_ = false;
    }

private:
    GDALDataset& ds_;
    bool open_ = false;
};

void create(OGRLayer& layer, OGRFeature& f) {
    if (layer.CreateFeature(&f) != OGRERR_NONE)
        throw Error(layer.GetName(), "cannot write feature: " + std::string(CPLGetLastErrorMsg()));
}

void setOptional(OGRFeature& f, int index, const std::optional<std::string>& v) {
    if (v)
        f.SetField(index, v->c_str());
    else
        f.SetFieldNull(index);
}

}  // namespace

std::vector<IdOffsets> idOffsets(const Selections& sel) {
    std::vector<IdOffsets> out;
    IdOffsets next;
    for (const ProjectSelection* s : sel) {
        out.push_back(next);
        next.session += s->maxSessionId;
        next.boundary += s->maxBoundaryFid;
        next.history += s->maxHistoryId;
    }
    return out;
}

PinLookups::PinLookups(const ProjectSelection& s) {
    for (const Session& x : s.sessions) sessions_[x.id] = &x;
    for (const Category& c : s.categories) categories_[c.code] = &c;
}

const Session* PinLookups::session(int64_t id) const {
    auto it = sessions_.find(id);
    return it == sessions_.end() ? nullptr : it->second;
}

const Category* PinLookups::category(const std::string& code) const {
    auto it = categories_.find(code);
    return it == categories_.end() ? nullptr : it->second;
}

std::vector<std::string> allCategoryCodes(const Selections& sel) {
    std::vector<std::string> codes;
    std::set<std::string> seen;
    for (const ProjectSelection* s : sel)
        for (const Category& c : s->categories)
            if (seen.insert(c.code).second) codes.push_back(c.code);
    return codes;
}

std::string countColumnName(const std::string& code) { return "n_" + code; }

OGRLayer& createPinsLayer(GDALDataset& ds, const char* name, const OGRSpatialReference& srs,
                          const std::vector<std::string>& layerOptions, PinValues values) {
    const bool text = values == PinValues::Text;
    const OGRFieldType date = text ? OFTString : OFTDate;
    const OGRFieldType time = text ? OFTString : OFTDateTime;
    const OGRFieldType degrees = text ? OFTString : OFTReal;
    return createLayer(ds, name, &srs, wkbPoint,
                       {{"project", OFTString},
                        {"pin_id", OFTString},
                        {"session_id", OFTInteger64},
                        {"session_title", OFTString},
                        {"session_date", date},
                        {"session_facilitator", OFTString},
                        {"category", OFTString},
                        {"category_label_nl", OFTString},
                        {"category_label_en", OFTString},
                        {"title", OFTString},
                        {"description", OFTString},
                        {"contributor", OFTString},
                        {"attributes", OFTString, OFSTJSON},
                        {"buurt_fid", OFTInteger64},
                        {"buurt", OFTString},
                        {"lon", degrees},
                        {"lat", degrees},
                        {"created_at", time},
                        {"updated_at", time},
                        {"deleted_at", time}},
                       layerOptions);
}

int64_t writePinsLayer(GDALDataset& ds, const char* name, const OGRSpatialReference& srs, const Selections& sel,
                       const std::vector<std::string>& layerOptions, PinValues values) {
    const bool text = values == PinValues::Text;
    OGRLayer& layer = createPinsLayer(ds, name, srs, layerOptions, values);
    const std::vector<IdOffsets> offsets = idOffsets(sel);
    int64_t written = 0;
    LayerTransaction tx(ds);
    for (size_t k = 0; k < sel.size(); ++k) {
        const ProjectSelection& s = *sel[k];
        const PinLookups lookups(s);
        for (const ExportPin& p : s.pins) {
            OGRFeature f(layer.GetLayerDefn());
            f.SetField(0, s.label.c_str());
            f.SetField(1, p.id.c_str());
            f.SetField(2, static_cast<GIntBig>(p.sessionId + offsets[k].session));
            if (const Session* session = lookups.session(p.sessionId)) {
                f.SetField(3, session->title.c_str());
                f.SetField(4, session->startedAt.substr(0, 10).c_str());
                setOptional(f, 5, session->facilitator);
            }
            f.SetField(6, p.category.c_str());
            if (const Category* category = lookups.category(p.category)) {
                f.SetField(7, category->labelNl.c_str());
                f.SetField(8, category->labelEn.c_str());
            }
            f.SetField(9, p.title.c_str());
            f.SetField(10, p.description.c_str());
            setOptional(f, 11, p.contributor);
            f.SetField(12, p.attributes.c_str());
            if (p.boundary) {
                const ExportBoundary& b = s.boundaries[*p.boundary];
                f.SetField(13, static_cast<GIntBig>(b.fid + offsets[k].boundary));
                f.SetField(14, b.name.c_str());
            } else {
                f.SetFieldNull(13);
                f.SetFieldNull(14);
            }
            if (text) {
                // NaN (no WGS 84 position) stays empty rather than the word "nan".
                auto put = [&f](int i, double v) {
                    if (std::isnan(v)) return f.SetFieldNull(i);
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%.17g", v);
                    f.SetField(i, buf);
                };
                put(15, p.lonLat.x);
                put(16, p.lonLat.y);
            } else {
                f.SetField(15, p.lonLat.x);
                f.SetField(16, p.lonLat.y);
            }
            f.SetField(17, p.createdAt.c_str());
            f.SetField(18, p.updatedAt.c_str());
            setOptional(f, 19, p.deletedAt);
            f.SetGeometryDirectly(new OGRPoint(p.position.x, p.position.y));
            create(layer, f);
            ++written;
        }
    }
    tx.commit();
    return written;
}

namespace {

// The union of the boundary attribute columns of all projects, first project's order and type first.
std::vector<BoundaryColumn> unionColumns(const Selections& sel) {
    std::vector<BoundaryColumn> out;
    std::set<std::string> seen{"fid", "name", "project", "local_fid", "total", "geom"};
    for (const ProjectSelection* s : sel)
        for (const BoundaryColumn& c : s->boundaryColumns)
            if (seen.insert(c.name).second) out.push_back(c);
    return out;
}

OGRFieldType fieldType(BoundaryColumn::Type t) {
    switch (t) {
        case BoundaryColumn::Type::Integer:
            return OFTInteger64;
        case BoundaryColumn::Type::Real:
            return OFTReal;
        case BoundaryColumn::Type::Text:
            return OFTString;
    }
    return OFTString;
}

}  // namespace

std::vector<BoundaryColumn> createBoundariesLayer(GDALDataset& ds, const OGRSpatialReference& srs,
                                                  const Selections& sel) {
    std::vector<BoundaryColumn> columns = unionColumns(sel);
    std::vector<FieldSpec> fields{{"project", OFTString}, {"local_fid", OFTInteger64}, {"name", OFTString}};
    for (const BoundaryColumn& c : columns) fields.push_back({c.name.c_str(), fieldType(c.type)});
    createLayer(ds, "boundaries", &srs, wkbMultiPolygon, fields,
                {"DESCRIPTION=Neighbourhood (buurt) polygons of the project, with their source attributes"});
    return columns;
}

int64_t writeSessionsLayer(GDALDataset& ds, const Selections& sel) {
    OGRLayer& layer = createLayer(ds, "sessions", nullptr, wkbNone,
                                  {{"project", OFTString},
                                   {"session_id", OFTInteger64},
                                   {"local_id", OFTInteger64},
                                   {"title", OFTString},
                                   {"facilitator", OFTString},
                                   {"location", OFTString},
                                   {"started_at", OFTDateTime},
                                   {"ended_at", OFTDateTime},
                                   {"participant_count", OFTInteger64},
                                   {"notes", OFTString},
                                   {"consent", OFTInteger, OFSTBoolean},
                                   {"consent_at", OFTDateTime},
                                   {"pins_exported", OFTInteger64}},
                                  {"DESCRIPTION=Mapping sessions (evenings with a facilitator and residents)"});
    const std::vector<IdOffsets> offsets = idOffsets(sel);
    int64_t written = 0;
    LayerTransaction tx(ds);
    for (size_t k = 0; k < sel.size(); ++k) {
        const ProjectSelection& s = *sel[k];
        std::unordered_map<int64_t, int64_t> pinCount;
        for (const ExportPin& p : s.pins) ++pinCount[p.sessionId];
        for (const Session& x : s.sessions) {
            OGRFeature f(layer.GetLayerDefn());
            f.SetFID(x.id + offsets[k].session);
            f.SetField(0, s.label.c_str());
            f.SetField(1, static_cast<GIntBig>(x.id + offsets[k].session));
            f.SetField(2, static_cast<GIntBig>(x.id));
            f.SetField(3, x.title.c_str());
            setOptional(f, 4, x.facilitator);
            setOptional(f, 5, x.location);
            f.SetField(6, x.startedAt.c_str());
            setOptional(f, 7, x.endedAt);
            if (x.participantCount)
                f.SetField(8, static_cast<GIntBig>(*x.participantCount));
            else
                f.SetFieldNull(8);
            setOptional(f, 9, x.notes);
            f.SetField(10, x.consent ? 1 : 0);
            setOptional(f, 11, x.consentAt);
            f.SetField(12, static_cast<GIntBig>(pinCount[x.id]));
            create(layer, f);
            ++written;
        }
    }
    tx.commit();
    return written;
}

int64_t writeCategoriesLayer(GDALDataset& ds, const Selections& sel) {
    OGRLayer& layer = createLayer(ds, "categories", nullptr, wkbNone,
                                  {{"project", OFTString},
                                   {"code", OFTString},
                                   {"label_nl", OFTString},
                                   {"label_en", OFTString},
                                   {"colour", OFTString},
                                   {"icon", OFTString},
                                   {"kind", OFTString},
                                   {"description", OFTString},
                                   {"personal", OFTInteger, OFSTBoolean},
                                   {"fields", OFTString, OFSTJSON},
                                   {"sort_order", OFTInteger}},
                                  {"DESCRIPTION=The codebook: pin categories with labels, colours and extra fields"});
    int64_t written = 0;
    LayerTransaction tx(ds);
    for (const ProjectSelection* s : sel) {
        for (const Category& c : s->categories) {
            OGRFeature f(layer.GetLayerDefn());
            f.SetField(0, s->label.c_str());
            f.SetField(1, c.code.c_str());
            f.SetField(2, c.labelNl.c_str());
            f.SetField(3, c.labelEn.c_str());
            f.SetField(4, c.colour.c_str());
            f.SetField(5, c.icon.c_str());
            f.SetField(6, c.kind.c_str());
            f.SetField(7, c.description.c_str());
            f.SetField(8, c.personal ? 1 : 0);
            f.SetField(9, c.fields.dump().c_str());
            f.SetField(10, c.sortOrder);
            create(layer, f);
            ++written;
        }
    }
    tx.commit();
    return written;
}

void createHistoryLayer(GDALDataset& ds) {
    createLayer(ds, "pin_history", nullptr, wkbNone,
                {{"project", OFTString},
                 {"history_id", OFTInteger64},
                 {"pin_id", OFTString},
                 {"action", OFTString},
                 {"before", OFTString, OFSTJSON},
                 {"after", OFTString, OFSTJSON},
                 {"at", OFTDateTime},
                 {"state", OFTString},
                 {"undone_at", OFTDateTime}},
                {"DESCRIPTION=The edit log of the exported pins (create, edit, move, delete, restore)"});
}

}  // namespace samenkaart
