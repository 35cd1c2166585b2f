#include "gui/window/panels/status_bar.hpp"

#include <imgui.h>

#include <filesystem>
#include <string>

#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/theme_imgui.hpp"

namespace samenkaart::gui {

std::string filteredPinCount(const PanelContext& ctx) {
    const auto shown = static_cast<double>(ctx.project->pinSnapshot().pins.size());
    return fillIn(fillIn(ctx.tr("filter.shown_of"), ctx.tr.formatNumber(shown, 0)),
                  ctx.tr.countOf(static_cast<long>(ctx.project->livePinCount()), "pins"));
}

float StatusBar::draw(const PanelContext& ctx, bool writeFailed, bool& toggleLanguage) {
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * s, 6 * s));
    beginPanel("##status", PanelFocus::Keep);
    noteWindow(ctx, "window.status");  // nothing else may lie under it (tests/window/every_control.py reach)
    const char* language = ctx.tr("menu.language");
    const float buttonWidth = ImGui::CalcTextSize(language).x + 32 * s;
    ImGui::AlignTextToFramePadding();  // the texts on the language button's middle line
    if (ctx.project) {
        const float gap = 24 * s;
        const char* saved = ctx.tr(ctx.project->readOnly() ? "status.read_only"
                                   : writeFailed           ? "status.not_saved"
                                                           : "status.saved");
        std::string buurten = ctx.tr("map.loading"), pinCount;
        if (ctx.snapshot) {
            buurten = ctx.tr.countOf(static_cast<long>(ctx.snapshot->boundaries.size()), "buurten");
            // The filter leaves pins out: said where the count is, so no one takes them for lost.
            pinCount = ctx.project->filtering()
                           ? filteredPinCount(ctx)
                           : ctx.tr.countOf(static_cast<long>(ctx.project->pinSnapshot().pins.size()), "pins");
        }
        const std::string pinText =
            ctx.project->filtering() ? std::string(ctx.tr("filter.on")) + ": " + pinCount : pinCount;
        // The programme view's file is a copy of the store: the store is named instead. A long name
        // gives way (cut with an ellipsis) to the counts and the saved state after it.
        const float counts = ImGui::CalcTextSize(buurten.c_str()).x + ImGui::CalcTextSize(pinText.c_str()).x +
                             ImGui::CalcTextSize(saved).x + 4 * gap + buttonWidth + 2 * ImGui::GetCursorPosX();
        // Without room for a few letters of it, the name is left to the window's title (and, in the
        // programme view, the tool bar).
        if (io.DisplaySize.x - counts >= ImGui::CalcTextSize("Samenk...").x) {
            const std::string name =
                cutToWidth(ctx.project->readOnly() ? ctx.project->programmeServer()
                                                   : std::filesystem::path(ctx.project->path()).filename().string(),
                           io.DisplaySize.x - counts);
            ImGui::TextUnformatted(name.c_str());
            ImGui::SameLine(0, gap);
        }
        ImGui::TextUnformatted(buurten.c_str());
        ImGui::SameLine(0, gap);
        if (ctx.snapshot) {
            if (ctx.project->filtering())
                ImGui::TextColored(imColour(theme::kWarning), "%s", pinText.c_str());
            else
                ImGui::TextUnformatted(pinText.c_str());
            noteItem(ctx, "status.pins." + pinCount);  // the words, for scripted tests
            ImGui::SameLine(0, gap);
        }
        // The map's CRS only where it leaves room for the saved state beside the language button
        // (at a large UI scale on a small screen it goes first).
        const std::string crs = std::string(ctx.tr("status.crs")) + ": " + ctx.project->project().mapCrs().name;
        const float room = io.DisplaySize.x - buttonWidth - 24 * s - ImGui::GetCursorPosX();
        if (!ctx.project->readFailure().empty()) {
            // A read from the file failed (ProjectState::noteReadFailure; the cause went to stderr):
            // said in place of the CRS, always, until a read succeeds again.
            ImGui::TextColored(imColour(theme::kError), "%s", ctx.tr("status.read_failed"));
            noteItem(ctx, "status.read_failed");
            ImGui::SameLine(0, 24 * s);
        } else if (ImGui::CalcTextSize(crs.c_str()).x + 24 * s + ImGui::CalcTextSize(saved).x <= room) {
            ImGui::TextDisabled("%s", crs.c_str());
            ImGui::SameLine(0, 24 * s);
        }
        // Not saved while a change the disk or another program refused waits for a retry. Where the
        // counts leave no room for it beside the language button, on a line of its own below them.
        if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(saved).x > io.DisplaySize.x - buttonWidth - gap) {
            ImGui::NewLine();
            ImGui::AlignTextToFramePadding();
        }
        if (ctx.project->readOnly()) {
            ImGui::TextUnformatted(saved);
            noteItem(ctx, "status.read_only");
        } else {
            ImGui::TextColored(imColour(writeFailed ? theme::kError : theme::kSuccess), "%s", saved);
            noteItem(ctx, writeFailed ? "status.not_saved" : "status.saved");
        }
    }
    ImGui::SameLine(io.DisplaySize.x - buttonWidth - 12 * s);
    if (ImGui::Button(language, ImVec2(buttonWidth, 0))) toggleLanguage = true;
    noteItem(ctx, "status.language");
    const float height = ImGui::GetWindowHeight();
    ImGui::End();
    ImGui::PopStyleVar();
    return height;
}

}  // namespace samenkaart::gui
