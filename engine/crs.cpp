#include "engine/crs.hpp"

#include <geodesic.h>
#include <proj.h>

#include <cmath>
#include <limits>
#include <memory>

#include "engine/error.hpp"

namespace samenkaart {
namespace {

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const { proj_context_destroy(c); }
};
struct PjDeleter {
    void operator()(PJ* p) const { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

std::string lastProjError(PJ_CONTEXT* ctx) {
    const char* msg = proj_context_errno_string(ctx, proj_context_errno(ctx));
    return msg ? msg : "unknown PROJ error";
}

// A bound CRS (WKT with TOWGS84) wraps the CRS we care about.
PjPtr unwrapBound(PJ_CONTEXT* ctx, PjPtr crs) {
    if (proj_get_type(crs.get()) == PJ_TYPE_BOUND_CRS) {
        PjPtr base(proj_get_source_crs(ctx, crs.get()));
        if (base) return base;
    }
    return crs;
}

}  // namespace

std::string epsgDefinition(int epsg) { return "EPSG:" + std::to_string(epsg); }

CrsDescription describeCrs(const std::string& definition) {
    ContextPtr ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);  // failures are reported through the return values
    PjPtr crs(proj_create(ctx.get(), definition.c_str()));
    if (!crs || !proj_is_crs(crs.get()))
        throw Error(definition, "not a coordinate reference system PROJ knows (try a code like EPSG:28992)");
    crs = unwrapBound(ctx.get(), std::move(crs));

    CrsDescription d;
    if (const char* name = proj_get_name(crs.get())) d.name = name;
    const PJ_TYPE type = proj_get_type(crs.get());
    d.projected = type == PJ_TYPE_PROJECTED_CRS;
    d.geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;

    const char* auth = proj_get_id_auth_name(crs.get(), 0);
    const char* code = proj_get_id_code(crs.get(), 0);
    if (auth && code && std::string(auth) == "EPSG") {
        d.epsg = std::atoi(code);
    } else {
        // WKT from a .prj rarely carries an id; ask PROJ which EPSG entry it is.
        int* confidence = nullptr;
        PJ_OBJ_LIST* matches = proj_identify(ctx.get(), crs.get(), "EPSG", nullptr, &confidence);
        if (matches && proj_list_get_count(matches) > 0 && confidence && confidence[0] >= 70) {
            PjPtr best(proj_list_get(ctx.get(), matches, 0));
            if (const char* c = proj_get_id_code(best.get(), 0)) d.epsg = std::atoi(c);
        }
        proj_int_list_destroy(confidence);
        proj_list_destroy(matches);
    }
    const char* wktOptions[] = {"MULTILINE=NO", nullptr};
    if (const char* wkt = proj_as_wkt(ctx.get(), crs.get(), PJ_WKT1_GDAL, wktOptions)) d.wkt = wkt;
    if (const char* wkt = proj_as_wkt(ctx.get(), crs.get(), PJ_WKT2_2019, wktOptions)) d.wkt2 = wkt;
    if (const char* p4 = proj_as_proj_string(ctx.get(), crs.get(), PJ_PROJ_4, nullptr)) d.proj4 = p4;
    return d;
}

bool couldBeLonLat(const Bbox& e) {
    // World layers are often written a hair past the antimeridian (180.000002).
    constexpr double slack = 1e-3;
    return !e.empty() && e.minx >= -180.0 - slack && e.maxx <= 180.0 + slack && e.miny >= -90.0 - slack &&
           e.maxy <= 90.0 + slack;
}

int suggestedProjectedEpsg(const Bbox& ll) {
    // RD New's area of use (EPSG): the Netherlands, onshore and offshore.
    const Bbox rd{3.2, 50.75, 7.22, 53.7};
    if (rd.contains({ll.minx, ll.miny}) && rd.contains({ll.maxx, ll.maxy})) return 28992;
    // Wider than two UTM zones (a country, a continent, the world): an equal-area world projection
    // that SpatiaLite knows and that stays finite at the poles.
    if (ll.width() > 12.0 || ll.height() > 24.0) return 6933;
    const Point c = ll.center();
    int zone = static_cast<int>(std::floor((c.x + 180.0) / 6.0)) + 1;
    zone = std::clamp(zone, 1, 60);
    return (c.y >= 0 ? 32600 : 32700) + zone;
}

std::vector<double> arealScales(const std::string& definition, const std::vector<Point>& points) {
    ContextPtr ctx(proj_context_create());
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    PjPtr crs(proj_create(ctx.get(), definition.c_str()));
    if (crs) crs = unwrapBound(ctx.get(), std::move(crs));
    if (!crs || proj_get_type(crs.get()) != PJ_TYPE_PROJECTED_CRS)
        throw Error(definition, "not a projected coordinate reference system: areas cannot be measured in it");
    // The unit of the map's coordinates, in metres (1 for almost every projected CRS).
    double unit = 1.0;
    if (PjPtr cs{proj_crs_get_coordinate_system(ctx.get(), crs.get())}) {
        double factor = 0.0;
        if (proj_cs_get_axis_info(ctx.get(), cs.get(), 0, nullptr, nullptr, nullptr, &factor, nullptr, nullptr,
                                  nullptr) &&
            factor > 0.0)
            unit = factor;
    }
    // Map coordinates to longitude and latitude on the CRS's own datum and ellipsoid.
    PjPtr geodetic(proj_crs_get_geodetic_crs(ctx.get(), crs.get()));
    PjPtr raw(geodetic ? proj_create_crs_to_crs_from_pj(ctx.get(), crs.get(), geodetic.get(), nullptr, nullptr)
                       : nullptr);
    PjPtr toLonLat(raw ? proj_normalize_for_visualization(ctx.get(), raw.get()) : nullptr);
    PjPtr ellipsoid(proj_get_ellipsoid(ctx.get(), crs.get()));
    double a = 0.0, inverseFlattening = 0.0;
    if (!toLonLat || !ellipsoid ||
        !proj_ellipsoid_get_parameters(ctx.get(), ellipsoid.get(), &a, nullptr, nullptr, &inverseFlattening))
        throw Error(definition, "PROJ cannot turn its coordinates into longitude and latitude");
    geod_geodesic earth{};
    geod_init(&earth, a, inverseFlattening > 0.0 ? 1.0 / inverseFlattening : 0.0);
    // The scale of a 100 m square around each point: its area on the plane over its area on the
    // ellipsoid (a geodesic polygon). proj_factors gives the same from the projection's derivatives,
    // but builds the projection anew on each call (milliseconds each).
    constexpr double kSide = 100.0;
    const double half = kSide / 2.0 / unit;
    std::vector<double> scales;
    scales.reserve(points.size());
    for (const Point& p : points) {
        double lons[4], lats[4];
        bool placed = true;
        const Point corners[4] = {
            {p.x - half, p.y - half}, {p.x + half, p.y - half}, {p.x + half, p.y + half}, {p.x - half, p.y + half}};
        for (int k = 0; k < 4; ++k) {
            const PJ_COORD ll = proj_trans(toLonLat.get(), PJ_FWD, proj_coord(corners[k].x, corners[k].y, 0, 0));
            placed = placed && std::isfinite(ll.lp.lam) && std::isfinite(ll.lp.phi) && ll.lp.lam != HUGE_VAL;
            lons[k] = ll.lp.lam;
            lats[k] = ll.lp.phi;
        }
        double area = 0.0;
        if (placed) geod_polygonarea(&earth, lats, lons, 4, &area, nullptr);
        scales.push_back(placed && area != 0.0 ? 4.0 * half * half / std::abs(area)
                                               : std::numeric_limits<double>::quiet_NaN());
    }
    return scales;
}

double mapUnitsPerMetre(const std::string& definition, Point at) {
    const double areal = arealScales(definition, {at}).front();
    if (!std::isfinite(areal) || areal <= 0.0)
        throw Error(definition,
                    "PROJ cannot measure its scale at " + std::to_string(at.x) + ", " + std::to_string(at.y));
    return std::sqrt(areal);
}

CoordinateTransform::CoordinateTransform(const std::string& from, const std::string& to) {
    ctx_ = proj_context_create();
    PjPtr raw(proj_create_crs_to_crs(ctx_, from.c_str(), to.c_str(), nullptr));
    if (!raw) {
        std::string cause = lastProjError(ctx_);
        proj_context_destroy(ctx_);
        throw Error(from + " -> " + to, "no coordinate transformation: " + cause);
    }
    pj_ = proj_normalize_for_visualization(ctx_, raw.get());
    if (!pj_) {
        proj_context_destroy(ctx_);
        throw Error(from + " -> " + to, "no coordinate transformation");
    }
}

CoordinateTransform::~CoordinateTransform() {
    if (pj_) proj_destroy(pj_);
    if (ctx_) proj_context_destroy(ctx_);
}

CoordinateTransform::CoordinateTransform(CoordinateTransform&& o) noexcept : ctx_(o.ctx_), pj_(o.pj_) {
    o.ctx_ = nullptr;
    o.pj_ = nullptr;
}

static std::optional<Point> run(PJ* pj, PJ_DIRECTION dir, Point p) {
    PJ_COORD c = proj_coord(p.x, p.y, 0, 0);
    PJ_COORD r = proj_trans(pj, dir, c);
    if (!std::isfinite(r.xy.x) || !std::isfinite(r.xy.y) || r.xy.x == HUGE_VAL) return std::nullopt;
    return Point{r.xy.x, r.xy.y};
}

std::optional<Point> CoordinateTransform::forward(Point p) const { return run(pj_, PJ_FWD, p); }
std::optional<Point> CoordinateTransform::inverse(Point p) const { return run(pj_, PJ_INV, p); }

}  // namespace samenkaart
