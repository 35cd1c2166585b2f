#include "mapping/prepared_layer.hpp"

#include <algorithm>

#include "mapping/tessellate.hpp"

namespace samenkaart::mapping {

namespace {

template <typename Style>
const Style& styleFor(const std::vector<Style>& styles, size_t feature, const Style& fallback) {
    if (styles.empty()) return fallback;
    return styles.size() == 1 ? styles.front() : (feature < styles.size() ? styles[feature] : fallback);
}

void appendStrokeVertex(LodGeometry& level, Point p, Point origin, StrokeStyle style) {
    level.strokeXy.push_back(static_cast<float>(p.x - origin.x));
    level.strokeXy.push_back(static_cast<float>(p.y - origin.y));
    level.strokeStyles.push_back(style);
}

// Appends a polyline; closed rings repeat their first point so the closing edge is drawn too.
void appendStroke(LodGeometry& level, const std::vector<Point>& points, bool closed, Point origin, StrokeStyle style) {
    if (points.size() < 2 || style.widthPx <= 0.0f || style.colour.a == 0) return;
    for (const Point& p : points) appendStrokeVertex(level, p, origin, style);
    if (closed) appendStrokeVertex(level, points.front(), origin, style);
    level.strokeStyles.back().widthPx = 0.0f;  // no segment from here to the next line
}

// Groups consecutive features into chunks by vertex count; featureDone() is called after each feature.
class Chunker {
public:
    Chunker(LodGeometry& level, uint32_t verticesPerChunk) : level_(level), limit_(verticesPerChunk) {}

    void featureDone(const Bbox& featureBounds) {
        bounds_.expand(featureBounds);
        const size_t vertices = level_.fillXy.size() / 2 + level_.strokeXy.size() / 2;
        if (vertices - verticesAtStart_ >= limit_) close();
    }

    void close() {
        const auto indexEnd = static_cast<uint32_t>(level_.fillIndices.size());
        const auto strokeEnd = static_cast<uint32_t>(level_.strokeStyles.size());
        if (indexEnd == firstIndex_ && strokeEnd == firstStroke_) return;
        level_.chunks.push_back({bounds_, firstIndex_, indexEnd - firstIndex_, firstStroke_, strokeEnd - firstStroke_});
        bounds_ = Bbox{};
        firstIndex_ = indexEnd;
        firstStroke_ = strokeEnd;
        verticesAtStart_ = level_.fillXy.size() / 2 + level_.strokeXy.size() / 2;
    }

private:
    LodGeometry& level_;
    uint32_t limit_;
    Bbox bounds_;
    uint32_t firstIndex_ = 0;
    uint32_t firstStroke_ = 0;
    size_t verticesAtStart_ = 0;
};

LodGeometry buildPolygonLevel(const std::vector<MultiPolygon>& features, const std::vector<PolygonStyle>& styles,
                              Point origin, const PrepareOptions& options) {
    LodGeometry level;
    Tessellator tessellator;
    Triangulation triangulation;
    Chunker chunker(level, options.verticesPerChunk);
    const PolygonStyle fallback;
    level.outlinesFollowFills = true;
    for (size_t f = 0; f < features.size(); ++f) {
        const PolygonStyle& style = styleFor(styles, f, fallback);
        if (style.fill.a == 0 && style.outlineWidthPx > 0.0f && style.outline.a > 0) level.outlinesFollowFills = false;
        if (style.fill.a > 0) {
            // Tessellate straight into the level's arrays: the triangulation object is the level itself.
            triangulation.xy.swap(level.fillXy);
            triangulation.indices.swap(level.fillIndices);
            for (const Polygon& polygon : features[f]) tessellator.tessellate(polygon, origin, triangulation);
            triangulation.xy.swap(level.fillXy);
            triangulation.indices.swap(level.fillIndices);
            level.fillColours.resize(level.fillXy.size() / 2, style.fill);
            level.fillFeatures.resize(level.fillXy.size() / 2, static_cast<uint32_t>(f + 1));
        }
        for (const Polygon& polygon : features[f])
            for (const Ring& ring : polygon)
                appendStroke(level, ring, true, origin, {style.outline, style.outlineWidthPx});
        chunker.featureDone(bboxOf(features[f]));
    }
    chunker.close();
    return level;
}

LodGeometry buildLineLevel(const std::vector<MultiLineString>& features, const std::vector<LineStyle>& styles,
                           Point origin, const PrepareOptions& options) {
    LodGeometry level;
    Chunker chunker(level, options.verticesPerChunk);
    const LineStyle fallback;
    for (size_t f = 0; f < features.size(); ++f) {
        const LineStyle& style = styleFor(styles, f, fallback);
        Bbox bounds;
        for (const LineString& line : features[f]) {
            appendStroke(level, line, false, origin, {style.colour, style.widthPx});
            for (const Point& p : line) bounds.expand(p);
        }
        chunker.featureDone(bounds);
    }
    chunker.close();
    return level;
}

size_t vertexCount(const LodGeometry& level) { return level.fillXy.size() / 2 + level.strokeXy.size() / 2; }

// Adds a level for each zoom band that pays off; buildLevel(options) builds the geometry for one band.
// A band that simplifies too little is skipped, not a reason to stop: noisy outlines may only shrink
// once the tolerance exceeds the noise.
template <typename BuildLevel>
void addCoarserLevels(PreparedVectorLayer& prepared, double extent, const PrepareOptions& options,
                      BuildLevel buildLevel) {
    const LodLadder ladder(extent);
    for (int band = 1; band < LodLadder::kBandCount; ++band) {
        const size_t kept = vertexCount(prepared.levels.back());
        if (kept < options.lodMinimumVertices) break;
        LodGeometry coarser = buildLevel(ladder.options(band));
        // Every ring is below a pixel from here on: keep the last level that still shows something.
        if (vertexCount(coarser) == 0) break;
        if (static_cast<double>(vertexCount(coarser)) > (1.0 - options.lodMinimumReduction) * static_cast<double>(kept))
            continue;
        coarser.minResolution = ladder.minResolution(band);
        prepared.levels.push_back(std::move(coarser));
    }
}

}  // namespace

PreparedVectorLayer prepareLayer(const PolygonLayer& layer, const PrepareOptions& options) {
    PreparedVectorLayer prepared;
    for (const MultiPolygon& f : layer.features) prepared.bounds.expand(bboxOf(f));
    prepared.origin = options.origin.value_or(prepared.bounds.empty() ? Point{} : prepared.bounds.center());
    const double extent = std::max(prepared.bounds.width(), prepared.bounds.height());
    if (options.singleResolution > 0) {
        const SimplifyOptions simplify = simplifyOptionsForResolution(options.singleResolution);
        std::vector<MultiPolygon> coarse;
        coarse.reserve(layer.features.size());
        for (const MultiPolygon& f : layer.features) coarse.push_back(simplifyMultiPolygon(f, simplify));
        prepared.levels.push_back(buildPolygonLevel(coarse, layer.styles, prepared.origin, options));
        return prepared;
    }
    prepared.levels.push_back(buildPolygonLevel(layer.features, layer.styles, prepared.origin, options));
    addCoarserLevels(prepared, extent, options, [&](const SimplifyOptions& simplify) {
        std::vector<MultiPolygon> coarse;
        coarse.reserve(layer.features.size());
        // Keep one (possibly empty) entry per feature so per-feature styles stay aligned.
        for (const MultiPolygon& f : layer.features) coarse.push_back(simplifyMultiPolygon(f, simplify));
        return buildPolygonLevel(coarse, layer.styles, prepared.origin, options);
    });
    return prepared;
}

PreparedVectorLayer prepareLayer(const LineLayer& layer, const PrepareOptions& options) {
    PreparedVectorLayer prepared;
    for (const MultiLineString& f : layer.features)
        for (const LineString& line : f)
            for (const Point& p : line) prepared.bounds.expand(p);
    prepared.origin = prepared.bounds.empty() ? Point{} : prepared.bounds.center();
    const double extent = std::max(prepared.bounds.width(), prepared.bounds.height());
    prepared.levels.push_back(buildLineLevel(layer.features, layer.styles, prepared.origin, options));
    addCoarserLevels(prepared, extent, options, [&](const SimplifyOptions& simplify) {
        std::vector<MultiLineString> coarse;
        coarse.reserve(layer.features.size());
        for (const MultiLineString& f : layer.features) {
            MultiLineString lines;
            for (const LineString& line : f) lines.push_back(simplifyLine(line, simplify.tolerance));
            coarse.push_back(std::move(lines));
        }
        return buildLineLevel(coarse, layer.styles, prepared.origin, options);
    });
    return prepared;
}

PreparedPointLayer prepareLayer(const PointLayer& layer) {
    PreparedPointLayer prepared;
    Bbox bounds;
    for (const Point& p : layer.points) bounds.expand(p);
    prepared.origin = bounds.empty() ? Point{} : bounds.center();
    prepared.radiusPx = layer.radiusPx;
    const Rgba fallback{220, 40, 40, 255};
    for (size_t i = 0; i < layer.points.size(); ++i) {
        prepared.xy.push_back(static_cast<float>(layer.points[i].x - prepared.origin.x));
        prepared.xy.push_back(static_cast<float>(layer.points[i].y - prepared.origin.y));
        prepared.colours.push_back(styleFor(layer.colours, i, fallback));
        prepared.marks.push_back(static_cast<uint8_t>(styleFor(layer.symbols, i, PinSymbol::None)));
        prepared.marks.push_back(layer.ringed == i ? 1 : 0);
    }
    return prepared;
}

}  // namespace samenkaart::mapping
