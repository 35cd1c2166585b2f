#include "engine/gpkg_geometry.hpp"

#include <bit>
#include <cstring>

namespace samenkaart {
namespace {

static_assert(std::endian::native == std::endian::little, "the writer emits little-endian WKB from memory");
static_assert(sizeof(Point) == 16, "rings are copied as arrays of x, y doubles");

template <typename T>
void put(std::vector<uint8_t>& out, T value) {
    const size_t at = out.size();
    out.resize(at + sizeof(T));
    std::memcpy(out.data() + at, &value, sizeof(T));
}

// Magic "GP", version 0 (GeoPackage 1.0 and later), flags, srs_id. Flags: bit 0 little-endian,
// bits 1-3 the envelope's kind (0 none, 1 xy).
void header(std::vector<uint8_t>& out, int32_t srsId, bool envelope) {
    out.push_back('G');
    out.push_back('P');
    out.push_back(0);
    out.push_back(static_cast<uint8_t>(0x01 | (envelope ? 0x02 : 0x00)));
    put(out, srsId);
}

void wkbHeader(std::vector<uint8_t>& out, uint32_t type) {
    out.push_back(1);  // little-endian
    put(out, type);
}

}  // namespace

void appendGpkgPoint(std::vector<uint8_t>& out, int32_t srsId, Point p) {
    header(out, srsId, false);
    wkbHeader(out, 1);
    put(out, p.x);
    put(out, p.y);
}

void appendGpkgMultiPolygon(std::vector<uint8_t>& out, int32_t srsId, const MultiPolygon& mp, const Bbox& envelope) {
    size_t bytes = 8 + 32 + 9;
    for (const Polygon& poly : mp) {
        bytes += 9;
        for (const Ring& ring : poly) bytes += 4 + 16 * (ring.size() + 1);
    }
    out.reserve(out.size() + bytes);
    header(out, srsId, true);
    put(out, envelope.minx);
    put(out, envelope.maxx);
    put(out, envelope.miny);
    put(out, envelope.maxy);
    wkbHeader(out, 6);
    put(out, static_cast<uint32_t>(mp.size()));
    for (const Polygon& poly : mp) {
        wkbHeader(out, 3);
        put(out, static_cast<uint32_t>(poly.size()));
        for (const Ring& ring : poly) {
            const bool closing = !ring.empty();
            put(out, static_cast<uint32_t>(ring.size() + (closing ? 1 : 0)));
            const size_t at = out.size();
            out.resize(at + 16 * ring.size());
            std::memcpy(out.data() + at, ring.data(), 16 * ring.size());  // Point is two packed doubles
            if (closing) {
                put(out, ring.front().x);
                put(out, ring.front().y);
            }
        }
    }
}

}  // namespace samenkaart
