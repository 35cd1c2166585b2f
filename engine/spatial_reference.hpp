// OGR spatial references and transformations for the export and import paths, with x/east first
// (GDAL's "traditional GIS order") so that coordinates mean the same as everywhere else in Samenkaart.
#pragma once

#include <memory>
#include <span>
#include <string>

class OGRSpatialReference;
class OGRCoordinateTransformation;

namespace samenkaart {

struct SpatialRefDeleter {
    void operator()(OGRSpatialReference* srs) const;
};
using SpatialRefPtr = std::unique_ptr<OGRSpatialReference, SpatialRefDeleter>;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const;
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Parses "EPSG:28992", WKT or a PROJ string; throws Error(subject, ...) when GDAL cannot use it.
SpatialRefPtr makeSpatialRef(const std::string& definition, const std::string& subject);

// nullptr when both describe the same CRS (no transformation, so coordinates stay bit-exact).
TransformPtr makeTransform(const OGRSpatialReference& from, const OGRSpatialReference& to, const std::string& subject);

// Transforms the points (xs[i], ys[i]) in place and sets ok[i] to whether each one moved (the spans
// have one length). GDAL counts points in an int: a longer run goes in pieces of at most INT_MAX.
// False when a piece had no point that transformed (GDAL's own FALSE).
bool transformPoints(OGRCoordinateTransformation& transform, std::span<double> xs, std::span<double> ys,
                     std::span<int> ok);

// "EPSG:4326" when the CRS has an EPSG code, else its WKT.
std::string spatialRefDefinition(const OGRSpatialReference& srs);

}  // namespace samenkaart
