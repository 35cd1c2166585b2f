// GLSL 3.30 core sources of the map renderer's programs. Coordinates arrive relative to a layer origin;
// u_matrix (Viewport::worldToClip3) takes them to clip space.
#pragma once

namespace samenkaart::mapping::shaders {

// Fills also write their feature id (plus one) as four bytes to a second target when MapRenderer draws
// outlines from the ids; otherwise that output goes nowhere.
inline constexpr const char* kFillVertex = R"(#version 330 core
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec4 a_colour;
layout(location = 2) in uint a_feature;
uniform mat3 u_matrix;
out vec4 v_colour;
flat out uint v_feature;
void main() {
    gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
    v_colour = a_colour;
    v_feature = a_feature;
}
)";

inline constexpr const char* kFillFragment = R"(#version 330 core
in vec4 v_colour;
flat in uint v_feature;
uniform float u_opacity;
layout(location = 0) out vec4 fragColour;
layout(location = 1) out vec4 fragFeature;
void main() {
    fragColour = vec4(v_colour.rgb, v_colour.a * u_opacity);
    fragFeature = vec4(uvec4(v_feature, v_feature >> 8, v_feature >> 16, v_feature >> 24) & 0xFFu) / 255.0;
}
)";

// Outlines from feature ids, for software GL: one full-screen triangle; a pixel is outline where its
// feature differs from its left or lower neighbour's: a line one pixel wide along every border. The
// wide variant also compares the right and upper neighbours: two pixels wide. The ids are RGBA8 (the
// id's four bytes): llvmpipe samples those about 10 % faster than an R32UI texture.
inline constexpr const char* kEdgeVertex = R"(#version 330 core
void main() {
    vec2 corner = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
    gl_Position = vec4(corner, 0.0, 1.0);
}
)";

// Without a version line: MapRenderer puts "#version 330 core", and "#define WIDE" for the wide variant,
// in front.
inline constexpr const char* kEdgeFragmentBody = R"(
uniform sampler2D u_features;  // nearest, clamped to the edge
uniform vec2 u_texel;          // 1 / size
uniform vec4 u_colour;
out vec4 fragColour;
bool differs(vec4 here, vec2 at) { return here != texture(u_features, at); }
void main() {
    vec2 at = gl_FragCoord.xy * u_texel;
    vec4 here = texture(u_features, at);
    bool edge = differs(here, at - vec2(u_texel.x, 0.0)) || differs(here, at - vec2(0.0, u_texel.y));
#ifdef WIDE
    edge = edge || differs(here, at + vec2(u_texel.x, 0.0)) || differs(here, at + vec2(0.0, u_texel.y));
#endif
    if (!edge) discard;
    fragColour = u_colour;
}
)";

inline constexpr const char* kColourFragment = R"(#version 330 core
in vec4 v_colour;
uniform float u_opacity;
out vec4 fragColour;
void main() { fragColour = vec4(v_colour.rgb, v_colour.a * u_opacity); }
)";

// Outlines. Core profile GL has no wide lines, so each segment of a GL_LINE_STRIP over the stroke
// vertices becomes a quad of constant pixel width in the geometry shader, with square caps of half the
// width that cover the gaps at joins. The vertex shader transforms each stroke vertex once; the geometry
// shader emits the four corners as a strip (from/right, to/right, from/left, to/left). Mesa's llvmpipe
// runs its vertex pipeline per vertex it is given, so one vertex per point and one primitive per segment
// cost it about half of drawing six vertices per segment (docs/render.md). The strip also joins a line's
// last vertex to the next line's first: that segment has width 0 and emits nothing.
inline constexpr const char* kStrokeVertex = R"(#version 330 core
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec4 a_colour;
layout(location = 2) in float a_widthPx;
uniform mat3 u_matrix;
uniform vec2 u_framebufferPx;
out vec2 g_px;  // framebuffer pixels from the centre
out vec4 g_colour;
out float g_widthPx;
void main() {
    g_px = (u_matrix * vec3(a_position, 1.0)).xy * (0.5 * u_framebufferPx);
    g_colour = a_colour;
    g_widthPx = a_widthPx;
    gl_Position = vec4(0.0, 0.0, 0.0, 1.0);  // unused: the geometry shader places the quad
}
)";

inline constexpr const char* kStrokeGeometry = R"(#version 330 core
layout(lines) in;
layout(triangle_strip, max_vertices = 4) out;
in vec2 g_px[];
in vec4 g_colour[];
in float g_widthPx[];
uniform vec2 u_framebufferPx;
uniform float u_pixelRatio;
out vec4 v_colour;
void corner(vec2 px) {
    v_colour = g_colour[0];  // outputs are undefined after each EmitVertex
    gl_Position = vec4(px / (0.5 * u_framebufferPx), 0.0, 1.0);
    EmitVertex();
}
void main() {
    if (g_widthPx[0] <= 0.0) return;  // end of a line
    vec2 delta = g_px[1] - g_px[0];
    float len = length(delta);
    vec2 along = len > 1e-6 ? delta / len : vec2(1.0, 0.0);
    float halfWidth = 0.5 * g_widthPx[0] * u_pixelRatio;
    vec2 across = vec2(-along.y, along.x) * halfWidth;
    along *= halfWidth;
    corner(g_px[0] - across - along);
    corner(g_px[1] - across + along);
    corner(g_px[0] + across - along);
    corner(g_px[1] + across + along);
    EndPrimitive();
}
)";

// One instance per pin; the fragment shader cuts the quad into a disc with a white rim.
inline constexpr const char* kPinVertex = R"(#version 330 core
layout(location = 0) in vec2 a_centre;
layout(location = 1) in vec4 a_colour;
uniform mat3 u_matrix;
uniform vec2 u_framebufferPx;
uniform float u_radiusPx;
out vec4 v_colour;
out vec2 v_offsetPx;
void main() {
    vec2 corner = vec2(float(gl_VertexID & 1) * 2.0 - 1.0, float((gl_VertexID >> 1) & 1) * 2.0 - 1.0);
    v_offsetPx = corner * (u_radiusPx + 1.0);  // one pixel extra for the anti-aliased edge
    vec2 centre = (u_matrix * vec3(a_centre, 1.0)).xy;
    gl_Position = vec4(centre + v_offsetPx * 2.0 / u_framebufferPx, 0.0, 1.0);
    v_colour = a_colour;
}
)";

inline constexpr const char* kPinFragment = R"(#version 330 core
in vec4 v_colour;
in vec2 v_offsetPx;
uniform float u_radiusPx;
uniform float u_rimPx;
out vec4 fragColour;
void main() {
    float d = length(v_offsetPx);
    float coverage = clamp(u_radiusPx - d + 0.5, 0.0, 1.0);
    if (coverage <= 0.0) discard;
    float inner = clamp(u_radiusPx - u_rimPx - d + 0.5, 0.0, 1.0);
    vec3 colour = mix(vec3(1.0), v_colour.rgb, inner);
    fragColour = vec4(colour, coverage * v_colour.a);
}
)";

inline constexpr const char* kRasterVertex = R"(#version 330 core
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_texCoord;
uniform mat3 u_matrix;
out vec2 v_texCoord;
void main() {
    gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
    v_texCoord = a_texCoord;
}
)";

inline constexpr const char* kRasterFragment = R"(#version 330 core
in vec2 v_texCoord;
uniform sampler2D u_image;
uniform float u_opacity;
out vec4 fragColour;
void main() {
    vec4 c = texture(u_image, v_texCoord);
    fragColour = vec4(c.rgb, c.a * u_opacity);
}
)";

}  // namespace samenkaart::mapping::shaders

