// Draws prepared layers with a Viewport. Life of a layer: prepareLayer() on any thread (CPU), then
// addLayer() on the GL thread uploads it once; render() per frame only picks a level of detail, culls
// chunks and issues draw calls - no tessellation and no uploads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>

#include "mapping/gl_object.hpp"
#include "mapping/map_layers.hpp"
#include "mapping/prepared_layer.hpp"
#include "mapping/viewport.hpp"

namespace samenkaart::mapping {

struct RenderStats {
    int drawCalls = 0;
    size_t trianglesSubmitted = 0;  // polygon fill triangles
    size_t segmentsSubmitted = 0;   // stroke quads
    int edgeOutlinePasses = 0;      // outlines drawn from feature ids (software GL, one sample)
    int finestLodLevel = 0;         // the most detailed level used by any vector layer this frame
};

// True on CPU rasterisers (Mesa's llvmpipe and softpipe, SwiftShader), where 4x multisampling costs
// several times the whole frame: interactive views there should call setSampleCount(1). Needs a current
// context.
bool isSoftwareRenderer();

class MapRenderer {
public:
    using LayerId = uint64_t;

    // Needs a current OpenGL 3.3 core context; throws GlError when the shaders do not build.
    MapRenderer();
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    // Uploads and appends on top of the existing layers (pins always stay above everything).
    LayerId addLayer(const PreparedVectorLayer& layer);
    // The same without uploading: each level of detail is uploaded when a view first needs it, or by
    // uploadPendingLevel(), so a big layer shows after uploading only the level its first view draws
    // (2.9 of 154 MB for 14,000 buurten seen whole). The layer keeps `layer` alive meanwhile.
    LayerId addLayer(std::shared_ptr<const PreparedVectorLayer> layer);
    // Uploads one level not uploaded yet (the coarsest first); false when there was none.
    bool uploadPendingLevel();
    bool uploadsPending() const;
    // With `marks`: those instead of the layer's (two per point: symbol, ring), so a layer shared by
    // its pins' snapshot can be drawn with another pin ringed.
    LayerId addLayer(const PreparedPointLayer& layer, const std::vector<uint8_t>* marks = nullptr);
    LayerId addLayer(const RasterLayer& layer);
    void removeLayer(LayerId id);
    void setLayerVisible(LayerId id, bool visible);
    // 0 (invisible) .. 1 (as styled); multiplies every colour's alpha of the layer.
    void setLayerOpacity(LayerId id, float opacity);
    void clearLayers();
    // Recolours the fills of a layer added from `source` (that same prepared layer), feature by
    // feature: every fill vertex of feature f takes featureColours[f]; features past its end keep their
    // own. An empty `featureColours` gives the layer its own colours back. (The choropleth.)
    void setFeatureFills(LayerId id, const PreparedVectorLayer& source, std::span<const Rgba> featureColours);

    void setBackground(Rgba colour) { background_ = colour; }
    // Multisample count for anti-aliasing (clamped to what the driver offers; 1 turns MSAA off).
    void setSampleCount(int samples);
    int sampleCount() const { return samples_; }

    // Draws every visible layer into `target` (nullptr: the window's default framebuffer), which must be
    // viewport.framebufferWidth() x framebufferHeight(). GL state is restored afterwards.
    void render(const Viewport& viewport, const GlFramebuffer* target = nullptr);
    // Draws points over what the target holds (no clearing, no other layer): markers drawn exactly as
    // the map's pins, on a picture's legend.
    void drawPointsOnTop(const PreparedPointLayer& points, const Viewport& viewport, const GlFramebuffer* target);
    const RenderStats& lastStats() const { return stats_; }

private:
    struct Programs;
    struct GpuLevel;
    struct GpuVector;
    struct GpuLayer;
    struct EdgeTargets;

    static GpuLevel uploadLevel(const LodGeometry& source, std::span<const Rgba> featureColours);
    static void recolourLevel(GpuLevel& level, const LodGeometry& from, std::span<const Rgba> featureColours);
    static void ensureUploaded(GpuVector& vector, size_t index);

    void ensureMultisampleTarget(int width, int height);
    bool edgeOutlinesPayOff(const Viewport& viewport) const;
    void bindEdgeTargets(GLuint targetId, int width, int height);
    void drawEdgeOutlines(const StrokeStyle& style, float layerOpacity, const Bbox& layerBounds,
                          const Viewport& viewport);
    // edgeOutlinesThisFrame: the edge targets are bound, and levels that can draw their outlines from
    // feature ids do.
    void drawVectorLayer(const GpuLayer& layer, const Viewport& viewport, bool edgeOutlinesThisFrame);
    void drawPointLayer(const GpuLayer& layer, const Viewport& viewport);
    void drawRasterLayer(const GpuLayer& layer, const Viewport& viewport);

    std::unique_ptr<Programs> programs_;
    std::vector<std::unique_ptr<GpuLayer>> layers_;
    LayerId nextId_ = 1;
    Rgba background_{255, 255, 255, 255};
    int samples_ = 4;
    int maxSamples_ = 1;
    GlFramebuffer multisampleFramebuffer_;
    GlRenderbuffer multisampleColour_;
    int multisampleWidth_ = 0;
    int multisampleHeight_ = 0;
    int multisampleSamples_ = 0;
    // Outlines from feature ids when drawing with one sample (software GL): see render().
    std::unique_ptr<EdgeTargets> edges_;
    RenderStats stats_;
};

}  // namespace samenkaart::mapping
