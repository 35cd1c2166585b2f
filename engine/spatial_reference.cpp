#include "engine/spatial_reference.hpp"

#include <ogr_spatialref.h>

#include <algorithm>
#include <climits>

#include "engine/error.hpp"
#include "engine/gdal_support.hpp"

namespace samenkaart {

void SpatialRefDeleter::operator()(OGRSpatialReference* srs) const {
    if (srs) srs->Release();
}

void TransformDeleter::operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }

SpatialRefPtr makeSpatialRef(const std::string& definition, const std::string& subject) {
    ensureGdalRegistered();
    GdalMessageCapture quiet;
    SpatialRefPtr srs(new OGRSpatialReference());
    if (srs->SetFromUserInput(definition.c_str()) != OGRERR_NONE)
        throw Error(subject, "'" + definition + "' is not a coordinate reference system (try e.g. EPSG:28992)");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

TransformPtr makeTransform(const OGRSpatialReference& from, const OGRSpatialReference& to, const std::string& subject) {
    if (from.IsSame(&to)) return nullptr;
    GdalMessageCapture capture;
    TransformPtr ct(OGRCreateCoordinateTransformation(&from, &to));
    if (!ct) throw Error(subject, "no coordinate transformation: " + capture.lastMessage("PROJ found none"));
    return ct;
}

bool transformPoints(OGRCoordinateTransformation& transform, std::span<double> xs, std::span<double> ys,
                     std::span<int> ok) {
    bool allPiecesMoved = true;
    for (size_t start = 0; start < xs.size();) {
        const size_t count = std::min(xs.size() - start, static_cast<size_t>(INT_MAX));
        // count <= INT_MAX, so the int holds it.
        if (!transform.Transform(static_cast<int>(count), xs.data() + start, ys.data() + start, nullptr,
                                 ok.data() + start))
            allPiecesMoved = false;
        start += count;
    }
    return allPiecesMoved;
}

std::string spatialRefDefinition(const OGRSpatialReference& srs) {
    const char* auth = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (auth && code && std::string(auth) == "EPSG") return std::string("EPSG:") + code;
    char* text = nullptr;
    srs.exportToWkt(&text);
    std::string out = text ? text : "";
    CPLFree(text);
    return out;
}

}  // namespace samenkaart
