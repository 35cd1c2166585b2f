#include "engine/context_layers.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "engine/crs.hpp"
#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/spatial_reference.hpp"
#include "engine/vector_source.hpp"

namespace samenkaart {
namespace {

ContextLayer readRow(Statement& st) {
    ContextLayer l;
    l.id = st.columnInt(0);
    l.source = st.columnText(1);
    l.layer = st.columnOptionalText(2);
    l.kind = st.columnText(3) == "raster" ? ContextKind::Raster : ContextKind::Vector;
    l.title = st.columnText(4);
    l.visible = st.columnInt(5) != 0;
    l.opacity = static_cast<float>(st.columnDouble(6));
    l.sortOrder = static_cast<int>(st.columnInt(7));
    return l;
}

constexpr const char* kSelect =
    "SELECT id, source, layer, kind, title, visible, opacity, sort_order FROM context_layers";

bool opensAsRaster(const std::string& source) {
    GdalMessageCapture quiet;
    GDALDatasetH ds = GDALOpenEx(source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!ds) return false;
    const bool bands = GDALGetRasterCount(ds) > 0;
    GDALClose(ds);
    return bands;
}

Ring ringFrom(const OGRLinearRing& r) {
    Ring ring;
    ring.reserve(static_cast<size_t>(r.getNumPoints()));
    for (int i = 0; i < r.getNumPoints(); ++i) ring.push_back({r.getX(i), r.getY(i)});
    if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
    return ring;
}

LineString lineFrom(const OGRLineString& l) {
    LineString line;
    line.reserve(static_cast<size_t>(l.getNumPoints()));
    for (int i = 0; i < l.getNumPoints(); ++i) line.push_back({l.getX(i), l.getY(i)});
    return line;
}

// Sorts any geometry's parts into the three kinds the map draws.
void collect(const OGRGeometry& g, MultiPolygon& polygons, MultiLineString& lines, std::vector<Point>& points) {
    switch (wkbFlatten(g.getGeometryType())) {
        case wkbPoint: {
            const OGRPoint* p = g.toPoint();
            points.push_back({p->getX(), p->getY()});
            break;
        }
        case wkbLineString:
            lines.push_back(lineFrom(*g.toLineString()));
            break;
        case wkbPolygon: {
            Polygon poly;
            for (const OGRLinearRing* r : *g.toPolygon()) poly.push_back(ringFrom(*r));
            polygons.push_back(std::move(poly));
            break;
        }
        case wkbMultiPoint:
        case wkbMultiLineString:
        case wkbMultiPolygon:
        case wkbGeometryCollection:
            for (const OGRGeometry* part : *g.toGeometryCollection()) collect(*part, polygons, lines, points);
            break;
        default:
            break;
    }
}

}  // namespace

std::vector<ContextLayer> ContextLayerStore::list() {
    Statement st(db_, std::string(kSelect) + " ORDER BY sort_order, id");
    std::vector<ContextLayer> out;
    while (st.step()) out.push_back(readRow(st));
    return out;
}

ContextLayer ContextLayerStore::get(int64_t id) {
    Statement st(db_, std::string(kSelect) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) throw Error("layer " + std::to_string(id), "does not exist in this project");
    return readRow(st);
}

int64_t ContextLayerStore::add(const std::string& source, const std::optional<std::string>& layer,
                               const std::optional<std::string>& title) {
    ensureGdalRegistered();
    std::string path = source;
    std::error_code ec;
    if (path.rfind("/vsi", 0) != 0) {
        if (!std::filesystem::exists(path, ec)) throw Error(source, "no such file or folder");
        path = std::filesystem::absolute(path, ec).string();
    }
    ContextKind kind = ContextKind::Vector;
    if (!layer && opensAsRaster(path)) {
        kind = ContextKind::Raster;
    } else {
        auto src = VectorSource::open(path);  // throws with the reason
        if (layer) src->layer(layer, nullptr);
    }
    std::string name = title.value_or(std::filesystem::path(path).stem().string());
    if (layer && !title) name += " (" + *layer + ")";
    Transaction tx(db_);
    Statement st(db_,
                 "INSERT INTO context_layers (source, layer, kind, title, sort_order) VALUES (?, ?, ?, ?, "
                 "(SELECT coalesce(max(sort_order), 0) + 1 FROM context_layers))");
    st.bind(1, path).bind(2, layer).bind(3, kind == ContextKind::Raster ? "raster" : "vector").bind(4, name).run();
    const int64_t id = db_.lastInsertRowId();
    tx.commit();
    return id;
}

void ContextLayerStore::remove(int64_t id) {
    get(id);
    Statement st(db_, "DELETE FROM context_layers WHERE id = ?");
    st.bind(1, id).run();
}

void ContextLayerStore::setVisible(int64_t id, bool visible) {
    get(id);
    Statement st(db_, "UPDATE context_layers SET visible = ? WHERE id = ?");
    st.bind(1, visible ? 1 : 0).bind(2, id).run();
}

void ContextLayerStore::setOpacity(int64_t id, float opacity) {
    get(id);
    Statement st(db_, "UPDATE context_layers SET opacity = ? WHERE id = ?");
    st.bind(1, static_cast<double>(std::clamp(opacity, 0.0f, 1.0f))).bind(2, id).run();
}

void ContextLayerStore::move(int64_t id, int direction) {
    auto layers = list();
    auto it = std::find_if(layers.begin(), layers.end(), [id](const ContextLayer& l) { return l.id == id; });
    if (it == layers.end()) throw Error("layer " + std::to_string(id), "does not exist in this project");
    const auto index = static_cast<size_t>(it - layers.begin());
    const size_t other = direction > 0 ? index + 1 : index - 1;
    if (direction == 0 || (direction < 0 && index == 0) || other >= layers.size()) return;
    Transaction tx(db_);
    // Renumber the whole list in its new order: robust against equal sort_order values.
    std::swap(layers[index], layers[other]);
    Statement st(db_, "UPDATE context_layers SET sort_order = ? WHERE id = ?");
    for (size_t i = 0; i < layers.size(); ++i) {
        st.reset();
        st.bind(1, static_cast<int64_t>(i + 1)).bind(2, layers[i].id).run();
    }
    tx.commit();
}

VectorContextData readVectorContext(const ContextLayer& layer, const std::string& mapCrs) {
    auto source = VectorSource::open(layer.source);
    VectorContextData data;
    data.warnings = source->warnings();
    const SpatialRefPtr target = makeSpatialRef(mapCrs, layer.source);
    GdalMessageCapture capture;

    std::vector<OGRLayer*> layers;
    if (layer.layer)
        layers.push_back(&source->layer(layer.layer, nullptr));
    else
        for (int i = 0; i < source->dataset().GetLayerCount(); ++i) layers.push_back(source->dataset().GetLayer(i));

    for (OGRLayer* l : layers) {
        SpatialRefPtr srs;
        if (const OGRSpatialReference* s = l->GetSpatialRef()) {
            srs.reset(s->Clone());
            srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        } else {
            OGREnvelope env;
            const bool lonLat =
                l->GetExtent(&env, TRUE) == OGRERR_NONE && couldBeLonLat({env.MinX, env.MinY, env.MaxX, env.MaxY});
            srs = makeSpatialRef(lonLat ? "EPSG:4326" : mapCrs, layer.source);
            data.warnings.push_back(layer.source + ": layer '" + l->GetName() + "' has no coordinate system; assumed " +
                                    (lonLat ? "WGS 84" : "the map's"));
        }
        const TransformPtr transform = makeTransform(*srs, *target, layer.source);
        const int nameField = l->GetLayerDefn()->GetFieldIndex("name") >= 0 ? l->GetLayerDefn()->GetFieldIndex("name")
                                                                            : l->GetLayerDefn()->GetFieldIndex("naam");
        l->ResetReading();
        for (auto& feature : *l) {
            OGRGeometry* g = feature->GetGeometryRef();
            if (!g || g->IsEmpty()) continue;
            std::unique_ptr<OGRGeometry> geom(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
            if (transform && geom->transform(transform.get()) != OGRERR_NONE) continue;
            MultiPolygon polygons;
            MultiLineString lines;
            std::vector<Point> points;
            collect(*geom, polygons, lines, points);
            if (!polygons.empty()) data.polygons.push_back(std::move(polygons));
            if (!lines.empty()) data.lines.push_back(std::move(lines));
            for (const Point& p : points) {
                data.points.push_back(p);
                data.pointNames.emplace_back(nameField >= 0 ? feature->GetFieldAsString(nameField) : "");
            }
            OGREnvelope env;
            geom->getEnvelope(&env);
            data.extent.expand(Bbox{env.MinX, env.MinY, env.MaxX, env.MaxY});
        }
    }
    return data;
}

RasterContextData readRasterContext(const ContextLayer& layer, const std::string& mapCrs, int maxSide) {
    ensureGdalRegistered();
    GdalMessageCapture capture;
    GDALDatasetH src = GDALOpenEx(layer.source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!src) throw Error(layer.source, "cannot be read as an image: " + capture.lastMessage("unknown format"));
    std::unique_ptr<void, void (*)(void*)> srcOwner(src, [](void* d) { GDALClose(d); });

    // Palette images are expanded to RGBA first; gdalwarp would interpolate palette indices.
    GDALDatasetH input = src;
    std::unique_ptr<void, void (*)(void*)> expandedOwner(nullptr, [](void* d) {
        if (d) GDALClose(d);
    });
    if (GDALGetRasterCount(src) >= 1 && GDALGetRasterColorTable(GDALGetRasterBand(src, 1))) {
        const char* args[] = {"-of", "VRT", "-expand", "rgba", nullptr};
        GDALTranslateOptions* o = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
        input = GDALTranslate("/vsimem/samenkaart_expand.vrt", src, o, nullptr);
        GDALTranslateOptionsFree(o);
        if (!input) throw Error(layer.source, "cannot expand its colour palette");
        expandedOwner.reset(input);
    }

    const SpatialRefPtr target = makeSpatialRef(mapCrs, layer.source);
    char* targetWkt = nullptr;
    target->exportToWkt(&targetWkt);
    const std::string wkt = targetWkt ? targetWkt : "";
    CPLFree(targetWkt);
    if (!GDALGetProjectionRef(input) || !*GDALGetProjectionRef(input))
        throw Error(layer.source,
                    "the image is not georeferenced (no coordinate system); it cannot be placed on the map");

    // Where the image lands in the map CRS, at its own resolution; then capped at maxSide.
    void* transformer = GDALCreateGenImgProjTransformer(input, nullptr, nullptr, wkt.c_str(), FALSE, 0.0, 1);
    if (!transformer) throw Error(layer.source, "cannot be transformed to the map's CRS: " + capture.lastMessage(""));
    double gt[6];
    int w = 0, h = 0;
    const CPLErr err = GDALSuggestedWarpOutput(input, GDALGenImgProjTransform, transformer, gt, &w, &h);
    GDALDestroyGenImgProjTransformer(transformer);
    if (err != CE_None || w <= 0 || h <= 0) throw Error(layer.source, "cannot be placed in the map's CRS");
    const double scale = std::min(1.0, static_cast<double>(maxSide) / std::max(w, h));
    const int outW = std::max(1, static_cast<int>(std::lround(w * scale)));
    const int outH = std::max(1, static_cast<int>(std::lround(h * scale)));
    const Bbox bounds{gt[0], gt[3] + gt[5] * h, gt[0] + gt[1] * w, gt[3]};

    CPLStringList args;
    for (const char* a : {"-of", "MEM", "-r", "bilinear", "-dstalpha", "-t_srs"}) args.AddString(a);
    args.AddString(wkt.c_str());
    args.AddString("-te");
    for (double v : {bounds.minx, bounds.miny, bounds.maxx, bounds.maxy}) args.AddString(std::to_string(v).c_str());
    args.AddString("-ts");
    args.AddString(std::to_string(outW).c_str());
    args.AddString(std::to_string(outH).c_str());
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(args.List(), nullptr);
    GDALDatasetH inputs[] = {input};
    GDALDatasetH warped = GDALWarp("", nullptr, 1, inputs, options, nullptr);
    GDALWarpAppOptionsFree(options);
    if (!warped) throw Error(layer.source, "cannot be reprojected: " + capture.lastMessage("unknown error"));
    std::unique_ptr<void, void (*)(void*)> warpedOwner(warped, [](void* d) { GDALClose(d); });

    RasterContextData out;
    out.width = outW;
    out.height = outH;
    out.bounds = bounds;
    out.rgba.assign(static_cast<size_t>(outW) * static_cast<size_t>(outH) * 4, 255);
    const int bands = GDALGetRasterCount(warped);  // colour bands + the alpha band -dstalpha added
    const int colourBands = bands - 1;
    const int mapping[4] = {1, colourBands >= 3 ? 2 : 1, colourBands >= 3 ? 3 : 1, bands};
    for (int c = 0; c < 4; ++c) {
        GDALRasterBandH band = GDALGetRasterBand(warped, mapping[c]);
        if (GDALRasterIOEx(band, GF_Read, 0, 0, outW, outH, out.rgba.data() + c, outW, outH, GDT_Byte, 4,
                           static_cast<GSpacing>(outW) * 4, nullptr) != CE_None)
            throw Error(layer.source, "cannot be read: " + capture.lastMessage("read error"));
    }
    return out;
}

}  // namespace samenkaart
