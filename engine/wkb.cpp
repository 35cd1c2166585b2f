#include "engine/wkb.hpp"

#include <cstring>

namespace samenkaart {
namespace {

class WkbReader {
public:
    WkbReader(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}

    bool ok() const { return ok_; }

    // For formats that state byte order and coordinate width once, outside the geometry (SpatiaLite).
    void setLayout(bool little, int dims) {
        little_ = little;
        dims_ = dims;
    }

    // Consumes one byte that must equal `expected` (SpatiaLite's entity markers).
    bool marker(uint8_t expected) {
        if (!need(1) || *p_ != expected) return ok_ = false;
        ++p_;
        return true;
    }

    bool atEnd() const { return p_ == end_; }

    // Reads a geometry header; returns the base type (1..7) and sets the coordinate width.
    uint32_t header() {
        if (!need(5)) return 0;
        little_ = *p_++ == 1;
        uint32_t type = u32();
        // ISO: 1000s for Z, 2000s for M, 3000s for ZM; EWKB-style high bits also seen in the wild.
        dims_ = 2;
        if (type & 0x80000000u) ++dims_;
        if (type & 0x40000000u) ++dims_;
        type &= 0x0FFFFFFFu;
        if (type >= 3000) {
            dims_ = 4;
            type -= 3000;
        } else if (type >= 1000) {
            dims_ = 3;
            type %= 1000;
        }
        return type;
    }

    uint32_t u32() {
        if (!need(4)) return 0;
        uint32_t v;
        std::memcpy(&v, p_, 4);
        p_ += 4;
        if (!little_) v = __builtin_bswap32(v);
        return v;
    }

    bool points(uint32_t n, std::vector<Point>& out) {
        const size_t stride = 8u * static_cast<size_t>(dims_);
        if (n > static_cast<size_t>(end_ - p_) / stride) return ok_ = false;
        out.resize(n);
        for (uint32_t i = 0; i < n; ++i) {
            double xy[2];
            std::memcpy(xy, p_, 16);
            if (!little_) {
                for (double& d : xy) {
                    uint64_t bits;
                    std::memcpy(&bits, &d, 8);
                    bits = __builtin_bswap64(bits);
                    std::memcpy(&d, &bits, 8);
                }
            }
            out[i] = {xy[0], xy[1]};
            p_ += stride;
        }
        return true;
    }

    bool polygonBody(Polygon& poly) {
        const uint32_t rings = u32();
        if (!ok_ || rings > static_cast<size_t>(end_ - p_) / 4) return ok_ = false;
        poly.resize(rings);
        for (Ring& ring : poly) {
            if (!points(u32(), ring)) return false;
            if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
        }
        return ok_;
    }

private:
    bool need(size_t n) {
        if (static_cast<size_t>(end_ - p_) < n) ok_ = false;
        return ok_;
    }

    const uint8_t* p_;
    const uint8_t* end_;
    bool little_ = true;
    int dims_ = 2;
    bool ok_ = true;
};

}  // namespace

std::optional<MultiPolygon> multiPolygonFromWkb(const uint8_t* data, size_t size) {
    if (!data) return std::nullopt;
    WkbReader r(data, size);
    MultiPolygon mp;
    const uint32_t type = r.header();
    if (type == 3) {
        mp.emplace_back();
        r.polygonBody(mp.back());
    } else if (type == 6) {
        const uint32_t n = r.u32();
        if (!r.ok() || n > size / 9) return std::nullopt;
        mp.resize(n);
        for (Polygon& poly : mp) {
            if (r.header() != 3 || !r.polygonBody(poly)) return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    if (!r.ok()) return std::nullopt;
    return mp;
}

bool multiPolygonFromSpatialite(const uint8_t* data, size_t size, MultiPolygon& into) {
    // START, byte order, SRID, MBR (4 doubles), MBR_END, class, ..., END.
    constexpr size_t kHeader = 39, kMinimum = kHeader + 4 + 1;
    if (!data || size < kMinimum || data[0] != 0x00 || data[1] > 1 || data[38] != 0x7C || data[size - 1] != 0xFE)
        return false;
    WkbReader r(data + kHeader, size - kHeader - 1);
    r.setLayout(data[1] == 1, 2);
    const uint32_t cls = r.u32();
    // Uncompressed classes only: 3 / 6 plus 1000 (Z), 2000 (M) or 3000 (ZM).
    const uint32_t base = cls % 1000, variant = cls / 1000;
    if ((base != 3 && base != 6) || variant > 3) return false;
    const int dims = variant == 0 ? 2 : variant == 3 ? 4 : 3;
    r.setLayout(data[1] == 1, dims);
    // resize() keeps the buffers `into` already has, so a caller decoding row after row reuses them.
    if (base == 3) {
        into.resize(1);
        r.polygonBody(into.front());
    } else {
        const uint32_t n = r.u32();
        if (!r.ok() || n > size / 9) return false;
        into.resize(n);
        for (Polygon& poly : into)
            if (!r.marker(0x69) || r.u32() != variant * 1000 + 3 || !r.polygonBody(poly)) return false;
    }
    return r.ok() && r.atEnd();
}

std::optional<MultiPolygon> multiPolygonFromSpatialite(const uint8_t* data, size_t size) {
    MultiPolygon mp;
    if (!multiPolygonFromSpatialite(data, size, mp)) return std::nullopt;
    return mp;
}

std::optional<MultiLineString> multiLineStringFromWkb(const uint8_t* data, size_t size) {
    if (!data) return std::nullopt;
    WkbReader r(data, size);
    MultiLineString ml;
    const uint32_t type = r.header();
    if (type == 2) {
        ml.emplace_back();
        r.points(r.u32(), ml.back());
    } else if (type == 5) {
        const uint32_t n = r.u32();
        if (!r.ok() || n > size / 9) return std::nullopt;
        ml.resize(n);
        for (LineString& line : ml) {
            if (r.header() != 2 || !r.points(r.u32(), line)) return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    if (!r.ok()) return std::nullopt;
    return ml;
}

}  // namespace samenkaart
