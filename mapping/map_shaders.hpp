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
flat out vec4 v_colour;
flat out uint v_feature;
void main() {
    gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
    v_colour = a_colour;
    v_feature = a_feature;
}
)";

inline constexpr const char* kFillFragment = R"(#version 330 core
flat in vec4 v_colour;
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
flat in vec4 v_colour;
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
flat out vec4 v_colour;
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

// One instance per pin; the fragment shader cuts the quad into a disc with a white rim. A pin (symbol
// 1-5) also gets a thin dark edge and its category's symbol in white or near-black, whichever reads
// better on its colour (as the window's inkOn); a ringed pin a dark ring outside. The quad reaches
// out to the ring, so every pin's quad has room for it.
inline constexpr const char* kPinVertex = R"(#version 330 core
layout(location = 0) in vec2 a_centre;
layout(location = 1) in vec4 a_colour;
layout(location = 2) in vec2 a_marks;  // symbol, ringed
uniform mat3 u_matrix;
uniform vec2 u_framebufferPx;
uniform float u_radiusPx;
out vec4 v_colour;
out vec2 v_offsetPx;
flat out float v_symbol;
flat out float v_ring;
void main() {
    vec2 corner = vec2(float(gl_VertexID & 1) * 2.0 - 1.0, float((gl_VertexID >> 1) & 1) * 2.0 - 1.0);
    float reach = a_marks.y > 0.5 ? u_radiusPx * 1.7 : u_radiusPx;
    v_offsetPx = corner * (reach + 1.0);  // one pixel extra for the anti-aliased edge
    vec2 centre = (u_matrix * vec3(a_centre, 1.0)).xy;
    gl_Position = vec4(centre + v_offsetPx * 2.0 / u_framebufferPx, 0.0, 1.0);
    v_colour = a_colour;
    v_symbol = a_marks.x;
    v_ring = a_marks.y;
}
)";

inline constexpr const char* kPinFragment = R"(#version 330 core
in vec4 v_colour;
in vec2 v_offsetPx;
flat in float v_symbol;
flat in float v_ring;
uniform float u_radiusPx;
uniform float u_rimPx;
out vec4 fragColour;
const vec3 kInk = vec3(0.08, 0.08, 0.09);

float box(vec2 p, vec2 lo, vec2 hi) {
    vec2 c = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
    vec2 d = abs(p - c) - h;
    return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0);
}
float star5(vec2 p, float r, float rf) {  // Inigo Quilez's five-pointed star, a point up
    const vec2 k1 = vec2(0.809016994375, -0.587785252292);
    const vec2 k2 = vec2(-k1.x, k1.y);
    p.x = abs(p.x);
    p -= 2.0 * max(dot(k1, p), 0.0) * k1;
    p -= 2.0 * max(dot(k2, p), 0.0) * k2;
    p.x = abs(p.x);
    p.y -= r;
    vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0, 1);
    float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
    return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}
float triangle(vec2 p, vec2 p0, vec2 p1, vec2 p2) {  // Inigo Quilez's exact triangle distance
    vec2 e0 = p1 - p0, e1 = p2 - p1, e2 = p0 - p2;
    vec2 v0 = p - p0, v1 = p - p1, v2 = p - p2;
    vec2 q0 = v0 - e0 * clamp(dot(v0, e0) / dot(e0, e0), 0.0, 1.0);
    vec2 q1 = v1 - e1 * clamp(dot(v1, e1) / dot(e1, e1), 0.0, 1.0);
    vec2 q2 = v2 - e2 * clamp(dot(v2, e2) / dot(e2, e2), 0.0, 1.0);
    float s = sign(e0.x * e2.y - e0.y * e2.x);
    vec2 d = min(min(vec2(dot(q0, q0), s * (v0.x * e0.y - v0.y * e0.x)), vec2(dot(q1, q1), s * (v1.x * e1.y - v1.y * e1.x))),
                 vec2(dot(q2, q2), s * (v2.x * e2.y - v2.y * e2.x)));
    return -sqrt(d.x) * sign(d.y);
}
// The symbol's signed distance, in units of 0.55 radius, y up: the shapes of the palette's icons
// (gui/window/panels/category_palette.cpp, drawCategoryIcon).
float symbol(vec2 p, int kind) {
    if (kind == 1) return star5(p, 1.0, 0.45);
    if (kind == 2) {  // a hand: palm, four fingers, thumb
        float d = box(p, vec2(-0.55, -0.8), vec2(0.45, 0.1));
        for (int f = 0; f < 4; ++f) {
            float x = -0.5 + float(f) * 0.27;
            d = min(d, box(p, vec2(x, 0.0), vec2(x + 0.18, 0.8)));
        }
        return min(d, box(p, vec2(0.35, -0.2), vec2(0.8, 0.05)));
    }
    if (kind == 3) {  // a warning triangle with its exclamation mark cut out
        float t = triangle(p, vec2(0.0, 1.0), vec2(-1.0, -0.8), vec2(1.0, -0.8));
        float mark = min(box(p, vec2(-0.1, -0.3), vec2(0.1, 0.35)), length(p - vec2(0.0, -0.55)) - 0.11);
        return max(t, -mark);
    }
    if (kind == 4) return min(length(p - vec2(0.0, 0.2)) - 0.6, box(p, vec2(-0.3, -0.8), vec2(0.3, -0.35)));  // a bulb
    return length(p) - 0.4;  // a dot
}
float luminance(vec3 c) { return dot(pow(c, vec3(2.2)), vec3(0.2126, 0.7152, 0.0722)); }

void main() {
    float d = length(v_offsetPx);
    float r = u_radiusPx;
    float disc = clamp(r - d + 0.5, 0.0, 1.0);
    float ring = 0.0;
    if (v_ring > 0.5) {  // a gap of the map's own colour, then a dark ring
        float inner = r * 1.22, outer = r * 1.62;
        ring = clamp(min(d - inner, outer - d) + 0.5, 0.0, 1.0);
    }
    if (disc <= 0.0 && ring <= 0.0) discard;
    if (disc <= 0.0) {
        fragColour = vec4(kInk, ring);
        return;
    }
    float inside = clamp(r - u_rimPx - d + 0.5, 0.0, 1.0);
    vec3 colour = mix(vec3(1.0), v_colour.rgb, inside);
    int kind = int(v_symbol + 0.5);
    if (kind > 0) {
        float l = luminance(v_colour.rgb);
        vec3 ink = (1.05 / (l + 0.05) >= (l + 0.05) / (luminance(kInk) + 0.05)) ? vec3(1.0) : kInk;
        float unit = 0.55 * r;
        float mark = clamp(0.5 - symbol(v_offsetPx / unit, kind) * unit, 0.0, 1.0);
        colour = mix(colour, ink, mark * inside);
        float edge = clamp(d - (r - max(1.0, 0.1 * r)) + 0.5, 0.0, 1.0);  // a thin dark edge outside the rim
        colour = mix(colour, kInk, edge * 0.8);
    }
    fragColour = vec4(colour, max(disc * v_colour.a, ring));
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
