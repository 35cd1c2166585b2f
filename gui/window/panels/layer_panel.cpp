#include "gui/window/panels/layer_panel.hpp"
#include "gui/window/theme_imgui.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // where the category palette lies (the key stays clear of it)
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <utility>

#include "engine/context_layers.hpp"
#include "engine/error.hpp"
#include "engine/pin_density.hpp"
#include "gui/window/panels/category_palette.hpp"
#include "gui/window/panels/map_controls.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {

namespace {

constexpr float kStatusGap = 12.0f;  // between the panel and the status bar, at scale 1

// The key of what the map shows instead of pins (the density, or pins per buurt), above the panel's
// button: its fixed scale in numbers, highest first, and what went wrong when the density cannot be
// drawn. None for pins and clusters (the category palette is their key).
std::span<const DensityClass> keyClasses(mapping::PinView view) {
    if (view == mapping::PinView::Density) return densityClasses();
    if (const auto measure = mapping::choroplethMeasure(view)) return choroplethClasses(*measure);
    return {};
}

// The label of the key's class `i` for `view` (the density's or the buurten's scale).
std::string keyLabel(mapping::PinView view, size_t i, bool english) {
    const std::optional<ChoroplethMeasure> measure = mapping::choroplethMeasure(view);
    return measure ? mapping::choroplethClassLabel(*measure, i, english) : mapping::densityClassLabel(i, english);
}

// How the key lies above the layer button: its columns and its height. One column where it fits; else
// two, side by side, half as high; else none above (0 columns): where even two would push the map's
// zoom and home buttons off the top of the screen (a short screen at a large UI scale: 1366 x 768 at
// 1.5, 1920 x 1080 at 2) the key goes beside the button instead (drawViewKeyBeside).
struct KeyLayout {
    int columns = 0;
    float height = 0.0f;
};

KeyLayout viewKeyLayout(const PanelContext& ctx, float bottomInset) {
    const mapping::PinView view = ctx.map.pinView();
    const size_t classes = keyClasses(view).size();
    if (classes == 0) return {};
    const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().ItemSpacing.y;
    const float s = ctx.uiScale;
    const float buttonTop = ImGui::GetIO().DisplaySize.y - bottomInset - kStatusGap * s - kTouchTarget * s -
                            2 * ImGui::GetStyle().WindowPadding.y;
    const auto fits = [&](float key) {
        return buttonTop - key - MapControls::margin(s) - MapControls::height(s) >= MapControls::margin(s);
    };
    if (view == mapping::PinView::Density && !ctx.map.densityError().empty())
        return fits(row * 4) ? KeyLayout{1, row * 4} : KeyLayout{};
    for (int columns : {1, 2}) {
        const size_t rows =
            (classes + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns) + 1;  // + heading
        const float key = row * static_cast<float>(rows);
        if (fits(key)) return {columns, key};
    }
    return {};
}

void drawViewKey(const PanelContext& ctx, int columns) {
    const float s = ctx.uiScale;
    const mapping::PinView view = ctx.map.pinView();
    const std::optional<ChoroplethMeasure> measure = mapping::choroplethMeasure(view);
    if (!measure)
        heading(fillIn(ctx.tr("density.title"), std::to_string(static_cast<int>(mapping::kMapDensityRadius))).c_str());
    else
        heading(ctx.tr(*measure == ChoroplethMeasure::Count ? "choropleth.count_title" : "choropleth.density_title"));
    const bool english = ctx.tr.language() == Language::English;
    if (!measure && !ctx.map.densityError().empty()) {  // no density drawn: what is wrong instead of a key
        errorText(ctx.map.densityError(), 360 * s);
        return;
    }
    const auto classes = keyClasses(view);
    // Highest first, down the first column and on down the second.
    const size_t perColumn = (classes.size() + static_cast<size_t>(columns) - 1) / static_cast<size_t>(columns);
    ImGui::BeginGroup();  // the whole key, for its name's rectangle
    for (size_t shown = 0; shown < classes.size(); ++shown) {
        if (shown % perColumn == 0) {
            if (shown > 0) {
                ImGui::EndGroup();
                ImGui::SameLine(0, 24 * s);
            }
            ImGui::BeginGroup();
        }
        const size_t i = classes.size() - 1 - shown;
        const DensityColour c = classes[i].colour;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float h = ImGui::GetTextLineHeight();
        // The swatch as the map shows it: the translucent class colour over the map's paper.
        const auto colour = [](uint8_t r, uint8_t g, uint8_t b, uint8_t a) {
            return Colour{static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                          static_cast<float>(b) / 255.0f, static_cast<float>(a) / 255.0f};
        };
        const mapping::Rgba paper = mapping::kMapBackground;
        ImGui::GetWindowDrawList()->AddRectFilled(
            at, ImVec2(at.x + 34 * s, at.y + h),
            imColourU32(over(colour(c.r, c.g, c.b, c.a), colour(paper.r, paper.g, paper.b, 255))));
        ImGui::Dummy(ImVec2(34 * s, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(keyLabel(view, i, english).c_str());
    }
    ImGui::EndGroup();
    ImGui::EndGroup();
    noteItem(ctx, !measure                               ? "density.legend"
                  : *measure == ChoroplethMeasure::Count ? "choropleth.legend.count"
                                                         : "choropleth.legend.per_km2");
}

// Where the key does not fit above the layer button: in a window of its own beside it, left of the
// map's buttons, bottom-aligned with the layer button; in two columns where one would take more than
// half the map's height. Display only: taps go through to the map.
void drawViewKeyBeside(const PanelContext& ctx, float bottomInset) {
    const float s = ctx.uiScale;
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float layerButton = ImGui::CalcTextSize(ctx.tr("layers.title")).x + 2 * style.FramePadding.x;
    const float rightColumn = std::max(layerButton, kTouchTarget * s) + 2 * style.WindowPadding.x;
    const float row = ImGui::GetTextLineHeight() + style.ItemSpacing.y;
    const size_t classes = keyClasses(ctx.map.pinView()).size();
    const float oneColumn = row * static_cast<float>(classes + 1) + 2 * style.WindowPadding.y;
    const int columns = oneColumn <= 0.5f * (display.y - bottomInset) ? 1 : 2;
    // Its width as drawViewKey lays it out; never over the category palette (at a large UI scale with
    // wide counts it reaches far right): then the key is left out, and the buurt card still gives values.
    const bool english = ctx.tr.language() == Language::English;
    float label = 0.0f;
    for (size_t i = 0; i < classes; ++i)
        label = std::max(label, ImGui::CalcTextSize(keyLabel(ctx.map.pinView(), i, english).c_str()).x);
    const float width = std::max(static_cast<float>(columns) * (34 * s + style.ItemSpacing.x + label) +
                                     static_cast<float>(columns - 1) * 24 * s,
                                 ImGui::CalcTextSize(ctx.tr("choropleth.density_title")).x * 1.1f) +
                        2 * style.WindowPadding.x;  // the heading, bold, about a tenth wider
    const float right = display.x - 16 * s - rightColumn - 12 * s;
    if (const ImGuiWindow* palette = ImGui::FindWindowByName("##category_palette");
        palette && palette->WasActive && right - width < palette->Pos.x + palette->Size.x + 12 * s)
        return;
    ImGui::SetNextWindowPos(ImVec2(right, display.y - bottomInset - kStatusGap * s), ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(theme::kPanelAlpha);
    ImGui::Begin("##view_key", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoInputs);
    drawViewKey(ctx, columns);
    ImGui::End();
}

}  // namespace

float LayerPanel::closedTop(const PanelContext& ctx, float bottomInset) {
    const float s = ctx.uiScale;
    return ImGui::GetIO().DisplaySize.y - bottomInset - kStatusGap * s - kTouchTarget * s -
           2 * ImGui::GetStyle().WindowPadding.y - viewKeyLayout(ctx, bottomInset).height;
}

void LayerPanel::drawFilter(const PanelContext& ctx) {
    ProjectState& project = *ctx.project;
    if (sessionsRead_ != project.generation()) {
        try {
            sessions_ = project.sessions().list();
        } catch (const Error& e) {
            project.noteReadFailure(e);  // the chips of the sessions read last stay
        }
        sessionsRead_ = project.generation();
    }
    const float inner = ImGui::GetContentRegionAvail().x;
    // The taps change copies, applied once below: a chip seen after another this frame sees both.
    ProjectState::PinShown shown = project.shown();
    bool others = project.showOtherSessions();
    ImGui::Separator();
    heading(ctx.tr("filter.title"));
    // The programme view: one werkplaats's pins; its sessions alone are offered below.
    const auto& werkplaatsen = project.werkplaatsen();
    const std::vector<int64_t>* sessionsOf = nullptr;
    if (!werkplaatsen.empty()) {
        ImGui::TextDisabled("%s", ctx.tr("filter.werkplaatsen"));
        ChipRow row(ctx, inner);
        if (row.chip(ctx.tr("filter.all_werkplaatsen"), "filter.werkplaats.all", !shown.werkplaats))
            shown.werkplaats.reset();
        for (const auto& [code, ids] : werkplaatsen)
            if (row.chip(code, "filter.werkplaats." + code, shown.werkplaats == code)) {
                shown.werkplaats = code;
                if (shown.session && std::find(ids.begin(), ids.end(), *shown.session) == ids.end())
                    shown.session.reset();  // a session of another werkplaats would show nothing
            }
        if (shown.werkplaats)
            if (const auto it = werkplaatsen.find(*shown.werkplaats); it != werkplaatsen.end())
                sessionsOf = &it->second;
    }
    ImGui::TextDisabled("%s", ctx.tr("filter.sessions"));
    {
        ChipRow row(ctx, inner);
        if (row.chip(ctx.tr("filter.all_sessions"), "filter.session.all", others && !shown.session)) {
            others = true;
            shown.session.reset();
        }
        if (project.currentSession() && row.chip(ctx.tr("filter.this_session"), "filter.session.this", !others)) {
            others = false;
            shown.session.reset();
        }
        // The others newest first, by title and day (a long title cut to fit the panel).
        for (auto it = sessions_.rbegin(); it != sessions_.rend(); ++it) {
            if (it->id == project.currentSession()) continue;
            if (sessionsOf && std::find(sessionsOf->begin(), sessionsOf->end(), it->id) == sessionsOf->end()) continue;
            const std::string label =
                cutToWidth(it->title, inner * 0.55f) + "  " + ctx.tr.formatDateTime(it->startedAt).substr(0, 10);
            if (row.chip(label, "filter.session." + std::to_string(it->id), others && shown.session == it->id)) {
                others = true;
                shown.session = it->id;
            }
        }
    }
    ImGui::TextDisabled("%s", ctx.tr("filter.categories"));
    {
        ChipRow row(ctx, inner);
        for (const Category& c : ctx.snapshot->categories) {
            const bool visible = !shown.hiddenCategories.contains(c.code);
            const Colour tint = colourFromHex(c.colour);
            if (row.chip(categoryLabel(ctx, c), "filter.category." + c.code, visible, &tint)) {
                if (visible)
                    shown.hiddenCategories.insert(c.code);
                else
                    shown.hiddenCategories.erase(c.code);
            }
        }
    }
    ImGui::TextDisabled("%s", ctx.tr("filter.period"));
    {
        ChipRow row(ctx, inner);
        for (const PinPeriod period : pinPeriods()) {
            std::string id = periodKey(period);  // "filter.period_week": its chip is "filter.period.week"
            std::replace(id.begin(), id.end(), '_', '.');
            if (row.chip(ctx.tr(periodKey(period)), id, shown.period == period)) shown.period = period;
        }
    }
    if (project.filtering() || !(shown == ProjectState::PinShown{})) {
        if (bigButton(ctx, ctx.tr("filter.clear"), "filter.clear")) {
            others = true;
            shown = {};
        }
    }
    if (others != project.showOtherSessions()) project.setShowOtherSessions(others);  // forgets a chosen session
    if (!(shown == project.shown())) project.setShown(std::move(shown));
}

void LayerPanel::draw(const PanelContext& ctx, float bottomInset) {
    if (!ctx.project || !ctx.snapshot) return;
    const float s = ctx.uiScale;
    // Bottom right, above the status bar: the left column belongs to the category palette, which at
    // large UI scales reaches down to the status bar.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x - 16 * s, display.y - bottomInset - kStatusGap * s), ImGuiCond_Always,
                            ImVec2(1, 1));
    const float maxHeight = display.y * 0.6f;
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(460 * s, maxHeight));
    beginPanel("##layers");
    // The key while the panel is closed: open, the panel's list needs the room (and covers the map).
    const KeyLayout key = viewKeyLayout(ctx, bottomInset);
    if (!open_ && key.columns > 0) drawViewKey(ctx, key.columns);
    if (ImGui::Button(open_ ? ctx.tr("layers.hide") : ctx.tr("layers.title"), ImVec2(0, kTouchTarget * s)))
        open_ = !open_;
    noteItem(ctx, "layers.toggle");
    if (ctx.kioskLocked) {  // what a facilitator left half typed or half asked does not wait for residents
        newPath_.clear();
        confirmRemove_.reset();
    }
    if (open_) {
        ContextLayerStore store(ctx.project->project().db());
        bool reload = false;
        const float button = kTouchTarget * s;
        // Live values come from the store (one query a frame, only while the panel is open): the
        // snapshot only knows what they were at load time.
        // A refused write (a read-only or locked file) is shown, never thrown out of the frame.
        auto guarded = [this](auto&& change) {
            try {
                change();
            } catch (const Error& e) {
                message_ = e.what();
            }
        };
        std::vector<ContextLayer> stored;
        guarded([&] { stored = store.list(); });
        // The layers and the path to add one scroll; the panel's button above and an error below
        // stay in view. The panel grows upwards from the status bar, so its body ends at most
        // maxHeight below the panel's top.
        beginScrollBody(body_, "##layer_list", ImGui::GetWindowPos().y + maxHeight,
                        std::min(440.0f * s, display.x - 64.0f * s));
        // How the pins are drawn: each one, nearby pins as one marker with their count, their density,
        // or each buurt coloured by its pins (anyone may switch, residents too: it changes nothing in
        // the project).
        heading(ctx.tr("layers.pins"));
        {
            ChipRow row(ctx, ImGui::GetContentRegionAvail().x);
            const mapping::PinView view = ctx.map.pinView();
            if (row.chip(ctx.tr("layers.pins_each"), "layers.pins.each", view == mapping::PinView::Pins))
                ctx.map.choosePinView(mapping::PinView::Pins);
            if (row.chip(ctx.tr("layers.pins_clusters"), "layers.pins.clusters", view == mapping::PinView::Clusters))
                ctx.map.choosePinView(mapping::PinView::Clusters);
            if (row.chip(ctx.tr("layers.pins_density"), "layers.pins.density", view == mapping::PinView::Density))
                ctx.map.choosePinView(mapping::PinView::Density);
            if (row.chip(ctx.tr("layers.pins_buurt_count"), "layers.pins.buurt_count",
                         view == mapping::PinView::CountPerBuurt))
                ctx.map.choosePinView(mapping::PinView::CountPerBuurt);
            if (row.chip(ctx.tr("layers.pins_buurt_density"), "layers.pins.buurt_density",
                         view == mapping::PinView::DensityPerBuurt))
                ctx.map.choosePinView(mapping::PinView::DensityPerBuurt);
        }
        drawFilter(ctx);
        for (const mapping::ContextSnapshot& c : ctx.snapshot->context) {
            ImGui::PushID(static_cast<int>(c.layer.id));
            ImGui::Separator();
            bool visible = c.layer.visible;
            float opacity = c.layer.opacity;
            for (const ContextLayer& l : stored)
                if (l.id == c.layer.id) {
                    visible = l.visible;
                    opacity = l.opacity;
                }
            const std::string id = std::to_string(c.layer.id);
            if (ImGui::Checkbox(c.layer.title.c_str(), &visible)) {
                guarded([&] { store.setVisible(c.layer.id, visible); });
                ctx.map.setContextVisible(c.layer.id, visible);
            }
            noteItem(ctx, "layers.visible." + id);
            if (!c.error.empty()) ImGui::TextColored(imColour(theme::kError), "%s", c.error.c_str());
            ImGui::SetNextItemWidth(200 * s);
            if (ImGui::SliderFloat("##opacity", &opacity, 0.0f, 1.0f, ctx.tr("layers.opacity_format"))) {
                guarded([&] { store.setOpacity(c.layer.id, opacity); });
                ctx.map.setContextOpacity(c.layer.id, opacity);
            }
            noteItem(ctx, "layers.opacity." + id);
            if (!ctx.kioskLocked) {
                ImGui::SameLine();
                if (ImGui::Button("\xE2\x96\xB2", ImVec2(button, 0))) {  // up: drawn later, on top
                    guarded([&] { store.move(c.layer.id, +1); });
                    reload = true;
                }
                noteItem(ctx, "layers.up." + id);
                ImGui::SameLine();
                if (ImGui::Button("\xE2\x96\xBC", ImVec2(button, 0))) {
                    guarded([&] { store.move(c.layer.id, -1); });
                    reload = true;
                }
                noteItem(ctx, "layers.down." + id);
                // On a line of its own: beside the slider and arrows it ran past the panel's edge.
                const std::string name = "layers.remove." + std::to_string(c.layer.id);
                if (bigButton(ctx, ctx.tr("layers.remove"), name.c_str())) confirmRemove_ = c.layer.id;
                // Removing cannot be undone (the layer's settings go with it): asked once.
                if (confirmRemove_ == c.layer.id) {
                    wrappedText(fillIn(ctx.tr("layers.remove_confirm"), c.layer.title).c_str(), 400 * s);
                    if (bigButton(ctx, ctx.tr("layers.remove_yes"), "layers.remove_yes")) {
                        try {
                            store.remove(c.layer.id);
                            message_.clear();
                            reload = true;
                        } catch (const Error& e) {
                            message_ = e.what();
                        }
                        confirmRemove_.reset();
                    }
                    ImGui::SameLine();
                    if (bigButton(ctx, ctx.tr("layers.remove_no"), "layers.remove_no")) confirmRemove_.reset();
                }
            }
            ImGui::PopID();
        }
        // The programme view is a copy of the store, read again when it changes: context layers are
        // added to a project of one's own.
        if (!ctx.project->readOnly()) {
            ImGui::Separator();
            if (ctx.kioskLocked) {
                // Residents see the layers; adding and removing them is the facilitator's.
                wrappedText(ctx.tr("layers.locked"), 400 * s);
                noteItem(ctx, "layers.locked");
            } else {
                ImGui::TextUnformatted(ctx.tr("layers.add_hint"));
                ImGui::SetNextItemWidth(-1);  // the path, as wide as the list; Add below it
                const bool entered = ImGui::InputText("##path", &newPath_, ImGuiInputTextFlags_EnterReturnsTrue);
                noteItem(ctx, "layers.path");
                if ((bigButton(ctx, ctx.tr("layers.add"), "layers.add") || entered) && !newPath_.empty()) {
                    try {
                        store.add(newPath_);
                        newPath_.clear();
                        message_.clear();
                        reload = true;
                    } catch (const Error& e) {
                        message_ = e.what();
                    }
                }
            }
        }
        endScrollBody(body_);
        if (!message_.empty()) {  // in the footer: always in view
            errorText(message_, 400 * s);
        }
        endFooter(body_);
        if (reload) ctx.project->reload();
    }
    ImGui::End();
    if (!open_ && key.columns == 0 && !keyClasses(ctx.map.pinView()).empty()) drawViewKeyBeside(ctx, bottomInset);
}

}  // namespace samenkaart::gui
