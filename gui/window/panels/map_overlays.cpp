#include "gui/window/panels/map_overlays.hpp"

#include <imgui.h>

#include <array>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gui/window/logic/keep_in_view.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"
#include "gui/window/widget_rects.hpp"

namespace samenkaart::gui {

double roundScaleLength(double maxMetres) {
    if (!(maxMetres > 0)) return 0.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (double step : {5.0, 2.0, 1.0})
        if (step * magnitude <= maxMetres) return step * magnitude;
    return magnitude;
}

void MapOverlays::draw(const PanelContext& ctx, float bottomInset) {
    const ImGuiIO& io = ImGui::GetIO();
    // Above the map picture, beneath every panel; each in its corner, or as near to it as the docked
    // panels leave room (a large UI scale fills the corners with toolbar and palette). Forms, cards,
    // dialogs and the keyboard come and go: they cover the overlays for a while rather than move them.
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const float s = ctx.uiScale;
    const ImU32 ink = imColourU32(theme::kMapInk);
    const ImU32 paper = imColourU32(theme::kMapPaper);
    const std::vector<Bbox> panels = panelRects(kDockedPanels);
    if (ctx.rects) {
        // For the tests (every_control.py reach): the overlays must lie clear of these.
        for (const std::string_view& name : kDockedPanels) {
            for (const Bbox& b : panelRects(std::span(&name, 1)))
                ctx.rects->note("docked." + std::string(name.substr(2)),
                                {static_cast<float>(b.minx), static_cast<float>(b.miny), static_cast<float>(b.maxx),
                                 static_cast<float>(b.maxy)});
        }
    }
    const Bbox screen{0.0, 0.0, io.DisplaySize.x, io.DisplaySize.y - bottomInset};
    auto placed = [&](const Bbox& box) {
        const std::optional<Point> offset = clearBoxOffset(box, panels, screen, 6.0 * s);
        return offset ? ImVec2(static_cast<float>(offset->x), static_cast<float>(offset->y)) : ImVec2(0, 0);
    };

    // Scale bar, bottom left, at most 160 px long. Placed as if at its longest, so it stays put while
    // the zoom changes its length.
    const double resolution = ctx.map.viewport().resolution();
    const double metres = roundScaleLength(160.0 * s * resolution);
    if (metres > 0) {
        const float length = static_cast<float>(metres / resolution);
        const std::string label =
            metres >= 1000
                ? ctx.tr.formatNumber(metres / 1000.0, metres >= 10000 ? 0 : (std::fmod(metres, 1000.0) == 0 ? 0 : 1)) +
                      " km"
                : ctx.tr.formatNumber(metres, 0) + " m";
        const ImVec2 textSize = ImGui::CalcTextSize(label.c_str());
        const float left = 20.0f * s, base = io.DisplaySize.y - bottomInset - 24.0f * s;
        const ImVec2 move = placed({left - 8 * s, base - textSize.y - 10 * s, left + 168 * s, base + 10 * s});
        const float x0 = left + move.x, y0 = base + move.y;
        draw->AddRectFilled(ImVec2(x0 - 8 * s, y0 - textSize.y - 10 * s), ImVec2(x0 + length + 8 * s, y0 + 10 * s),
                            paper, 6 * s);
        draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + length, y0 + 5 * s), ink);
        draw->AddRectFilled(ImVec2(x0, y0 - 6 * s), ImVec2(x0 + 2 * s, y0 + 5 * s), ink);
        draw->AddRectFilled(ImVec2(x0 + length - 2 * s, y0 - 6 * s), ImVec2(x0 + length, y0 + 5 * s), ink);
        draw->AddText(ImVec2(x0 + (length - textSize.x) * 0.5f, y0 - textSize.y - 6 * s), ink, label.c_str());
        if (ctx.rects)
            ctx.rects->note("overlay.scale_bar",
                            {x0 - 8 * s, y0 - textSize.y - 10 * s, x0 + length + 8 * s, y0 + 10 * s});
    }

    // North arrow, top right. The map CRS is projected with grid north up.
    const float r = 22.0f * s, disc = r + 6 * s;
    const float cornerX = io.DisplaySize.x - 44.0f * s, cornerY = 64.0f * s;
    const ImVec2 move = placed({cornerX - disc, cornerY - disc, cornerX + disc, cornerY + disc});
    const float cx = cornerX + move.x, cy = cornerY + move.y;
    draw->AddCircleFilled(ImVec2(cx, cy), disc, paper, 32);
    draw->AddTriangleFilled(ImVec2(cx, cy - r), ImVec2(cx - r * 0.45f, cy + r * 0.55f), ImVec2(cx, cy + r * 0.25f),
                            ink);
    draw->AddTriangle(ImVec2(cx, cy - r), ImVec2(cx + r * 0.45f, cy + r * 0.55f), ImVec2(cx, cy + r * 0.25f), ink,
                      1.5f * s);
    const char* n = ctx.tr("map.north");
    const ImVec2 ns = ImGui::CalcTextSize(n);
    draw->AddText(ImVec2(cx - ns.x * 0.5f, cy + r * 0.55f), ink, n);
    if (ctx.rects) ctx.rects->note("overlay.north", {cx - disc, cy - disc, cx + disc, cy + disc});
}

}  // namespace samenkaart::gui
