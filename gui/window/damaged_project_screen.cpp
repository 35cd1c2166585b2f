#include "gui/window/damaged_project_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "engine/error.hpp"
#include "gui/window/app_window.hpp"
#include "gui/window/logic/app_paths.hpp"
#include "gui/window/logic/sample_project.hpp"
#include "gui/window/logic/settings.hpp"
#include "gui/window/map_view.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/stop_signals.hpp"
#include "gui/window/theme_imgui.hpp"
#include "gui/window/widget_rects.hpp"

namespace samenkaart::gui {
namespace {

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

}  // namespace

DamagedProjectPanel::DamagedProjectPanel(std::string projectPath, std::string cause)
    : projectPath_(std::move(projectPath)), cause_(std::move(cause)) {}

void DamagedProjectPanel::startRescue() {
    rescueFailed_.reset();
    rescuePath_ = rescuePathFor(projectPath_, dataDirectory());
    rescue_ = std::async(std::launch::async, [from = projectPath_, to = rescuePath_] {
        RepairReport r = repairProject(from, to);
        AppWindow::wake();
        return r;
    });
}

void DamagedProjectPanel::takeRescue() {
    if (!rescue_.valid() || rescue_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    try {
        rescued_ = rescue_.get();
    } catch (const Error& e) {
        rescueFailed_ = e.cause();  // the file's name is shown above
    } catch (const std::exception& e) {
        rescueFailed_ = e.what();
    }
}

std::optional<std::string> DamagedProjectPanel::draw(const PanelContext& ctx) {
    takeRescue();
    const ImGuiIO& io = ImGui::GetIO();
    const float s = ctx.uiScale;
    const float width = std::min(io.DisplaySize.x - 32 * s, 760 * s);
    beginCentredWindow("##damaged", width, io.DisplaySize.y - 16 * s);
    noteWindow(ctx, "damaged");
    const float inner = width - 2 * ImGui::GetStyle().WindowPadding.x;
    std::optional<std::string> next;

    heading(ctx.tr("damaged.title"));
    noteItem(ctx, "damaged.title");
    wrappedText(fillIn(ctx.tr("damaged.file"), fileName(projectPath_)).c_str(), inner);
    wrappedText(ctx.tr("damaged.explain"), inner);
    // The true cause, in the engine's words (never "read-only" for a damaged file).
    ImGui::PushStyleColor(ImGuiCol_Text, imColour(theme::kError));
    wrappedText(("(" + cause_ + ")").c_str(), inner);
    ImGui::PopStyleColor();
    noteItem(ctx, "damaged.cause");
    ImGui::Spacing();

    if (busy()) {
        wrappedText(fillIn(ctx.tr("damaged.rescuing"), fileName(rescuePath_)).c_str(), inner);
        noteItem(ctx, "damaged.rescuing");
    } else if (rescued_) {
        // "Gered in FILE: 1 sessie en 5 pins"
        auto count = [&ctx](int64_t n, const char* one, const char* many) {
            return ctx.tr.formatNumber(static_cast<double>(n), 0) + " " + ctx.tr(n == 1 ? one : many);
        };
        // Beside the damaged file its name says where it is; elsewhere (the data folder) its whole path.
        namespace fs = std::filesystem;
        const bool beside = fs::absolute(rescued_->outPath).parent_path() == fs::absolute(projectPath_).parent_path();
        std::string saved = fillIn(ctx.tr("damaged.rescued"), beside ? fileName(rescued_->outPath) : rescued_->outPath);
        saved = fillIn(saved, count(rescued_->sessions, "damaged.session", "damaged.sessions"));
        saved = fillIn(saved, count(rescued_->pins, "damaged.pin", "damaged.pins"));
        // Bold, and wrapped: a path in the data folder can be longer than the window is wide.
        const bool bold = io.Fonts->Fonts.Size > 1;
        if (bold) ImGui::PushFont(io.Fonts->Fonts[1]);
        wrappedText(saved.c_str(), inner);
        if (bold) ImGui::PopFont();
        noteItem(ctx, "damaged.rescued");
        wrappedText(ctx.tr(rescued_->lost.empty() ? "damaged.nothing_lost" : "damaged.some_lost"), inner);
        if (bigButton(ctx, ctx.tr("damaged.open_rescued"), "damaged.open_rescued", -1)) next = rescued_->outPath;
    } else {
        if (rescueFailed_) {
            wrappedText(ctx.tr("damaged.rescue_failed"), inner);
            wrappedText(("(" + *rescueFailed_ + ")").c_str(), inner);
            noteItem(ctx, "damaged.rescue_failed");
        }
        if (!rescueFailed_ && bigButton(ctx, ctx.tr("damaged.rescue"), "damaged.rescue", -1)) startRescue();
    }
    if (sampleFailed_) {
        wrappedText(ctx.tr("damaged.sample_failed"), inner);
        wrappedText(("(" + *sampleFailed_ + ")").c_str(), inner);
    }
    ImGui::BeginDisabled(busy());
    if (bigButton(ctx, ctx.tr("damaged.open_sample"), "damaged.open_sample", -1)) {
        try {
            next = ensureSampleProject();
        } catch (const std::exception& e) {
            sampleFailed_ = e.what();
        }
    }
    if (bigButton(ctx, ctx.tr("damaged.close"), "damaged.close", -1)) next = std::string();
    ImGui::EndDisabled();
    ImGui::End();
    return next;
}

std::optional<std::string> runDamagedProjectScreen(const AppOptions& options, const std::string& cause) {
    AppWindow window("Samenkaart - " + fileName(options.projectPath), WindowPlacement{});
    const Settings stored = loadSettings(Settings{Language::Dutch, window.chosenUiScale(), true});
    window.setUiScale(options.uiScale.value_or(stored.uiScale));
    Translator tr;
    tr.setLanguage(options.english ? Language::English : stored.language);
    MapView map;  // the panels' context has one; nothing is drawn on it here
    WidgetRects rects;
    DamagedProjectPanel panel(options.projectPath, cause);

    // As in the main loop: a few frames after each event so ImGui settles, then idle.
    constexpr int kSettleFrames = 4;
    int settleFrames = kSettleFrames;
    while (!window.shouldClose() && !StopSignals::requested()) {
        const bool busy = settleFrames > 0 || panel.busy() || window.inputPending();
        const double waitStart = AppWindow::seconds();
        window.waitForEvents(busy, 1.0);
        const bool woken = AppWindow::takeWake();  // the repair's result, whenever it came
        if (!busy && !woken && AppWindow::seconds() - waitStart >= 0.99 && !window.shouldClose() &&
            !window.touch().hasPending())
            continue;
        settleFrames = busy && !panel.busy() && !window.inputPending() ? std::max(0, settleFrames - 1) : kSettleFrames;

        window.beginFrame();
        rects.beginFrame();
        const PanelContext ctx{
            tr, window.uiScale(), nullptr, nullptr, map, false, nullptr, options.screenshotPath ? &rects : nullptr};
        const std::optional<std::string> next = panel.draw(ctx);
        const bool settled = settleFrames == 0 && !panel.busy();
        window.endFrame(settled && options.screenshotPath ? &*options.screenshotPath : nullptr);
        if (settled && options.screenshotPath) {
            rects.notePointer(window.pointerSeen());
            rects.write(*options.screenshotPath + ".widgets.json");
        }
        if (next) return next->empty() ? std::nullopt : next;
    }
    return std::nullopt;
}

}  // namespace samenkaart::gui
