// Coordinate reference systems through PROJ. A CRS travels through the program as its definition
// text ("EPSG:28992", WKT or a PROJ string); PROJ objects live inside a transform, each with its own
// PROJ context, so a transform is used by one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/geometry.hpp"

struct pj_ctx;
struct PJconsts;

namespace samenkaart {

struct CrsDescription {
    std::string name;  // "Amersfoort / RD New"
    int epsg = 0;      // 0 when the CRS has no EPSG identity
    bool projected = false;
    bool geographic = false;
    std::string wkt;   // WKT 1 (GDAL flavour), what SpatiaLite's spatial_ref_sys stores; may be empty
    std::string wkt2;  // WKT 2019: every CRS has one; what a CRS without EPSG code is stored as
    std::string proj4;
};

// Parses and describes a user-given CRS; throws Error(subject = the text) when PROJ cannot use it.
CrsDescription describeCrs(const std::string& definition);

// The definition string for an EPSG code: "EPSG:28992".
std::string epsgDefinition(int epsg);

// A projected CRS suited to an area given in longitude/latitude: RD New (EPSG:28992) inside the
// Netherlands, the WGS 84 UTM zone of the area's centre for a local area, Equal Earth (EASE-Grid 2.0,
// EPSG:6933) for anything wider than two UTM zones.
int suggestedProjectedEpsg(const Bbox& lonLatExtent);

// True when every coordinate can only be longitude/latitude in degrees.
bool couldBeLonLat(const Bbox& extent);

// How much larger an area is on the map than on the ellipsoid, at each point (map CRS): square map
// units per square metre, measured on a 100 m square around the point against its geodesic area. 1 in
// an equal-area projection in metres (EPSG:6933), about 0.9998 in RD New, about 2.7 over the
// Netherlands in Web Mercator. A planar area in square map units divided by it is the true area in
// square metres. NaN for a point PROJ cannot place. Throws Error (subject = the definition) when the
// definition is not a projected CRS.
std::vector<double> arealScales(const std::string& projectedDefinition, const std::vector<Point>& points);
// The map's linear scale at `at`: map units per metre on the ground, the square root of arealScales
// there (1.0001 in RD New, about 1.64 over the Netherlands in Web Mercator). For a distance on the
// ground drawn on the map, as the density's 300 m kernel. Throws Error as arealScales does, and when
// PROJ cannot place the point.
double mapUnitsPerMetre(const std::string& projectedDefinition, Point at);

class CoordinateTransform {
public:
    // Axis order is always x/east first, y/north second (longitude before latitude).
    CoordinateTransform(const std::string& fromDefinition, const std::string& toDefinition);
    ~CoordinateTransform();
    CoordinateTransform(CoordinateTransform&& other) noexcept;
    CoordinateTransform& operator=(CoordinateTransform&&) = delete;
    CoordinateTransform(const CoordinateTransform&) = delete;
    CoordinateTransform& operator=(const CoordinateTransform&) = delete;

    // nullopt when the point lies outside where the transformation is defined.
    std::optional<Point> forward(Point p) const;
    std::optional<Point> inverse(Point p) const;

private:
    pj_ctx* ctx_ = nullptr;
    PJconsts* pj_ = nullptr;
};

}  // namespace samenkaart
