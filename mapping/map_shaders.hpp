// GLSL 3.30 core sources of the map renderer's programs. Coordinates arrive relative to a layer origin;
// u_matrix (Viewport::worldToClip3) takes them to clip space.
#pragma once

namespace samenkaart::mapping::shaders {

inline constexpr const char* kFillVertex = R"(#version 330 core
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec4 a_colour;
uniform mat3 u_matrix;
out vec4 v_colour;
void main() {
    gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
    v_colour = a_colour;
}
)";

inline constexpr const char* kColourFragment = R"(#version 330 core
in vec4 v_colour;
uniform float u_opacity;
out vec4 fragColour;
void main() { fragColour = vec4(v_colour.rgb, v_colour.a * u_opacity); }
)";

// Both stroke programs: a corner of the quad that draws the segment from -> to (map units) with a
// constant pixel width, in clip space. Corners as in a triangle strip: 0 = from/right, 1 = to/right,
// 2 = from/left, 3 = to/left. Square caps of half the width cover the gaps at joins.
#define SAMENKAART_STROKE_CORNER \
    "vec4 strokeCorner(vec2 from, vec2 to, int corner, float widthPx) {\n" \
    "    vec2 halfSize = 0.5 * u_framebufferPx;\n" \
    "    vec2 fromPx = (u_matrix * vec3(from, 1.0)).xy * halfSize;\n" \
    "    vec2 toPx = (u_matrix * vec3(to, 1.0)).xy * halfSize;\n" \
    "    vec2 delta = toPx - fromPx;\n" \
    "    float len = length(delta);\n" \
    "    vec2 along = len > 1e-6 ? delta / len : vec2(1.0, 0.0);\n" \
    "    vec2 across = vec2(-along.y, along.x);\n" \
    "    float atEnd = float(corner & 1);\n" \
    "    float side = (corner & 2) == 0 ? -1.0 : 1.0;\n" \
    "    float halfWidth = 0.5 * widthPx * u_pixelRatio;\n" \
    "    vec2 px = mix(fromPx, toPx, atEnd) + across * side * halfWidth + along * (atEnd * 2.0 - 1.0) * halfWidth;\n" \
    "    return vec4(px / halfSize, 0.0, 1.0);\n" \
    "}\n"

// One instance per segment (a_from -> a_to), expanded here into a quad of constant pixel width, because
// core profile GL has no wide lines. Square caps of half the width cover the gaps at joins.
inline constexpr const char* kStrokeVertex = R"(#version 330 core
layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in vec4 a_colour;
layout(location = 3) in float a_widthPx;
uniform mat3 u_matrix;
uniform vec2 u_framebufferPx;
uniform float u_pixelRatio;
out vec4 v_colour;
)" SAMENKAART_STROKE_CORNER R"(
void main() {
    v_colour = a_colour;
    if (a_widthPx <= 0.0) {  // end of a line: collapse the quad outside the clip volume
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    gl_Position = strokeCorner(a_from, a_to, gl_VertexID & 3, a_widthPx);
}
)";

// The same quads without instancing: six vertices (two triangles) per segment, gl_VertexID / 6 being the
// segment's first stroke vertex, read from texture buffers. Mesa's llvmpipe runs its whole vertex pipeline
// once per instance, so tens of thousands of four-vertex instances cost far more there than one plain draw
// (docs/render.md); the triangles are the strip's, so both programs draw the same pixels.
inline constexpr const char* kStrokeTexelVertex = R"(#version 330 core
uniform samplerBuffer u_xy;       // x, y of each stroke vertex
uniform usamplerBuffer u_styles;  // colour (RGBA bytes) and width (float bits) of each stroke vertex
uniform mat3 u_matrix;
uniform vec2 u_framebufferPx;
uniform float u_pixelRatio;
out vec4 v_colour;
)" SAMENKAART_STROKE_CORNER R"(
void main() {
    int segment = gl_VertexID / 6;
    int k = gl_VertexID - 6 * segment;
    int corner = k < 3 ? k : (k == 3 ? 2 : (k == 4 ? 1 : 3));  // strip corners 0 1 2, then 2 1 3
    uvec2 style = texelFetch(u_styles, segment).xy;
    v_colour = vec4(float(style.x & 255u), float((style.x >> 8) & 255u), float((style.x >> 16) & 255u),
                    float(style.x >> 24)) / 255.0;
    float widthPx = uintBitsToFloat(style.y);
    if (widthPx <= 0.0) {  // end of a line: collapse the quad outside the clip volume
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        return;
    }
    gl_Position = strokeCorner(texelFetch(u_xy, segment).xy, texelFetch(u_xy, segment + 1).xy, corner, widthPx);
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

#undef SAMENKAART_STROKE_CORNER
