#include "gui/window/samenkaart_app.hpp"

#include <imgui.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/error.hpp"
#include "engine/file_damage.hpp"
#include "gui/window/app_window.hpp"
#include "gui/window/damaged_project_screen.hpp"
#include "gui/window/input/touch_replay.hpp"
#include "gui/window/logic/app_paths.hpp"
#include "gui/window/logic/settings.hpp"
#include "gui/window/map_view.hpp"
#include "gui/window/panels/info_card.hpp"
#include "gui/window/panels/layer_panel.hpp"
#include "gui/window/panels/map_controls.hpp"
#include "gui/window/panels/map_overlays.hpp"
#include "gui/window/panels/status_bar.hpp"
#include "gui/window/panels/touch_widgets.hpp"
#include "gui/window/project_state.hpp"
#include "gui/window/session_map_writer.hpp"
#include "gui/window/session_screen.hpp"
#include "gui/window/widget_rects.hpp"
#include "mapping/map_style.hpp"

namespace samenkaart::gui {
namespace {

// Seconds since this process started, by the kernel's clock (so dynamic loading counts too).
double processAgeSeconds() {
    std::ifstream stat("/proc/self/stat");
    std::string line;
    std::getline(stat, line);
    const size_t close = line.rfind(')');
    if (close == std::string::npos) return 0.0;
    std::istringstream fields(line.substr(close + 2));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
    }  // field 22: the start time in clock ticks since boot
    double uptime = 0.0;
    std::ifstream("/proc/uptime") >> uptime;
    return uptime - std::stod(field) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Window placement and the last view, remembered per project in its own file.
constexpr const char* kViewKey = "gui.view";

struct RememberedView {
    WindowPlacement placement;
    std::optional<Point> centre;
    std::optional<double> resolution;
};

RememberedView readRememberedView(Project& project) {
    RememberedView v;
    auto text = project.meta(kViewKey);
    if (!text) return v;
    auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object()) return v;
    v.placement.x = j.value("x", -1);
    v.placement.y = j.value("y", -1);
    v.placement.width = j.value("width", 1600);
    v.placement.height = j.value("height", 1000);
    if (j.contains("cx") && j.contains("cy") && j.contains("resolution")) {
        v.centre = Point{j["cx"].get<double>(), j["cy"].get<double>()};
        v.resolution = j["resolution"].get<double>();
    }
    return v;
}

void storeRememberedView(Project& project, const AppWindow& window, const mapping::Viewport& view) {
    const WindowPlacement p = window.placement();
    nlohmann::json j = {{"x", p.x},
                        {"y", p.y},
                        {"width", p.width},
                        {"height", p.height},
                        {"cx", view.centre().x},
                        {"cy", view.centre().y},
                        {"resolution", view.resolution()}};
    try {
        project.setMeta(kViewKey, j.dump());
    } catch (const Error&) {
        // A read-only or locked project still shows its map; only the view is not remembered.
    }
}

}  // namespace

int runApp(const AppOptions& options) {
    // Open the project before the window, so a bad file gets a clear message and no empty window.
    std::unique_ptr<ProjectState> state;
    RememberedView remembered;
    {
        std::unique_ptr<Project> probe;
        try {
            probe = Project::open(options.projectPath);
            checkAllPagesReadable(probe->db());
        } catch (const DamagedFileError& damage) {
            // A damaged file gets a window that says so and offers a rescue (damaged_project_screen.hpp).
            probe.reset();
            AppOptions next = options;
            const std::optional<std::string> chosen = runDamagedProjectScreen(options, damage.detail());
            if (!chosen) return 1;
            next.projectPath = *chosen;
            return runApp(next);
        }
        remembered = readRememberedView(*probe);
    }
    AppWindow window("Samenkaart - " + std::filesystem::path(options.projectPath).filename().string(),
                     remembered.placement);
    // The facilitator's last choices on this computer; the command line's flags win.
    const Settings stored = loadSettings(Settings{Language::Dutch, window.chosenUiScale(), true});
    window.setUiScale(options.uiScale.value_or(stored.uiScale));
    state = std::make_unique<ProjectState>(options.projectPath, &AppWindow::wake);
    rememberLastProject(options.projectPath);

    Translator tr;
    tr.setLanguage(options.english ? Language::English : stored.language);
    MapView map;
    MapControls controls;
    MapOverlays overlays;
    InfoCard card;
    LayerPanel layers;
    StatusBar status;
    std::shared_ptr<const mapping::MapSnapshot> snapshot;
    std::optional<std::string> loadError;

    // Sessions, pins and touch: see session_screen.hpp. The summary's map is drawn by `render`.
    SessionScreen screen;
    screen.start(*state, Settings{tr.language(), window.chosenUiScale(), stored.onScreenKeyboard});
    screen.setWake(&AppWindow::wake);
    screen.setMapWriter([&options](int64_t sessionId, const std::string& title) {  // on a worker
        const std::filesystem::path project = std::filesystem::absolute(options.projectPath).lexically_normal();
        const bool besideProject = ::access(project.parent_path().c_str(), W_OK) == 0;
        const std::string folder = besideProject
                                       ? (project.parent_path() / (project.stem().string() + "-kaarten")).string()
                                       : dataDirectory() + "/kaarten";
        return writeSessionMap(options.projectPath, sessionId, title, folder);
    });
    WidgetRects rects;
    // --timings: each moment once, counted from the process's start (dynamic loading included).
    bool reportedFirstFrame = false, reportedLoaded = false, reportedShown = false;
    auto report = [&options](bool& done, const char* what) {
        if (done || !options.timings) return;
        done = true;
        std::fprintf(stderr, "samenkaart: %s after %.0f ms\n", what, processAgeSeconds() * 1000.0);
    };

    // Frames drawn after the last event or the end of activity: a tap's release opens a panel one
    // frame later, ImGui hides an auto-sized window on its first frame while it measures it, and an
    // auto-sized window whose content changed takes its new size a frame later.
    constexpr int kSettleFrames = 4;
    int settleFrames = kSettleFrames;
    bool viewDirty = false;
    Point storedCentre{NAN, NAN};  // the view last written to the project
    double storedResolution = NAN;
    constexpr double kExternalCheckSeconds = 1.0;
    double lastExternalCheck = 0.0;
    float pinScale = 0.0f;           // the UI scale the map's pin markers were sized for
    std::optional<Point> keptPlace;  // the pin the open form is about, kept in sight once
    int keepInViewIn = 0;
    std::optional<TouchReplay> replay;
    if (options.touchReplayPath) replay.emplace(*options.touchReplayPath);
    while (true) {
        if (window.shouldClose()) {
            if (!screen.locked()) break;
            window.cancelClose();  // kiosk mode: residents cannot quit
        }
        // Input still queued for frames of its own (input_queue.hpp) keeps frames coming too.
        const bool active = map.busy() || map.needsRedraw() || screen.busy(ImGui::GetTime()) ||
                            (replay && replay->playing()) || window.inputPending();
        const bool busy = settleFrames > 0 || active;
        // Idle, the loop still wakes once a second to see whether another program (a second window
        // on the same project, the command line) saved pins: they appear here without a restart.
        // A wake-up that only found nothing changed draws no frame (idle stays idle).
        const double waitStart = AppWindow::seconds();
        window.waitForEvents(busy, kExternalCheckSeconds);
        const double now = AppWindow::seconds();
        if (replay && snapshot) {
            replay->check();
            if (replay->playing()) window.touch().addTouches(replay->nextFrame());
        }
        bool external = false;
        if (now - lastExternalCheck >= kExternalCheckSeconds) {
            lastExternalCheck = now;
            external = state->changedElsewhere();
            if (external) state->markPinsChanged();
        }
        if (!busy && !external && now - waitStart >= kExternalCheckSeconds * 0.99 && !window.shouldClose() &&
            !window.touch().hasPending() && !window.inputPending() && !screen.ticking(ImGui::GetTime()))
            continue;
        // An event, or activity that has just ended, earns the settle frames: the frame that shows a
        // finished export is drawn while the job still counted as running, and its dialog takes its
        // new size only a frame later (a tap before that fell through to the map).
        settleFrames = busy && !active ? std::max(0, settleFrames - 1) : kSettleFrames;

        // Markers are sized for the UI scale: a new scale (settings, or a window resized past what
        // the chosen scale fits) redraws them too, and so does a newly loaded map.
        bool refreshPins = state->takePinsChanged() || window.uiScale() != pinScale;
        if (auto loaded = state->takeSnapshot()) {
            const bool first = !snapshot;
            snapshot = loaded;
            map.setSnapshot(snapshot);
            if (first && remembered.centre) map.setView(*remembered.centre, *remembered.resolution);
            map.setHighlight(card.boundary());
            refreshPins = true;
        }
        if (auto error = state->takeLoadError()) loadError = error;
        if (refreshPins) {
            state->refreshFacts();
            if (snapshot) {
                state->refreshPins(*snapshot, mapping::kPinRadiusPx * window.uiScale());
                map.setPins(state->pinSnapshot());
                pinScale = window.uiScale();
            }
            screen.refresh(*state);
        }

        window.beginFrame();
        rects.beginFrame();
        const PanelContext ctx{tr,  window.uiScale(), state.get(),       snapshot.get(),
                               map, screen.locked(),  screen.keyboard(), options.screenshotPath ? &rects : nullptr};
        const bool wasBusy = map.busy();
        if (auto tap = map.frame(window.uiScale(), window.framebufferScale(), window.touch());
            tap && !screen.handleTap(ctx, *tap)) {
            if (tap->kind != MapTap::Kind::Tap) {
            } else if (tap->pin) {
                card.showPin(*tap->pin);
                map.setHighlight(std::nullopt);
            } else if (tap->boundary) {
                card.showBoundary(*tap->boundary);
                map.setHighlight(tap->boundary);
            } else {
                card.close();
                map.setHighlight(std::nullopt);
            }
        }
        if (map.busy() || wasBusy) viewDirty = true;

        bool toggleLanguage = false;
        const float statusHeight = status.draw(ctx, screen.writeFailed(), toggleLanguage);
        if (toggleLanguage) {
            tr.setLanguage(tr.language() == Language::Dutch ? Language::English : Language::Dutch);
            // A resident's choice while locked lasts this run; the facilitator's stays stored.
            if (!screen.locked())
                saveSettings(Settings{tr.language(), window.chosenUiScale(), screen.keyboard() != nullptr});
        }
        controls.draw(ctx, statusHeight);
        layers.draw(ctx, statusHeight);
        if (screen.pinCardOpen() && card.isOpen()) {  // one card at a time: the pin's replaces the buurt's
            card.close();
            map.setHighlight(std::nullopt);
        }
        if (!card.draw(ctx)) map.setHighlight(std::nullopt);
        if (auto changed = screen.draw(ctx, statusHeight, ImGui::GetTime())) {
            tr.setLanguage(changed->language);
            window.setUiScale(changed->uiScale);
            saveSettings(*changed);
        }
        // No legend panel: the category palette (in the session screen) is the legend, with live counts.
        overlays.draw(ctx, statusHeight);
        map.setDockedPanels(panelRects(kDockedPanels));
        // The pin a form is about stays in sight (keep_in_view.hpp): once per form, two frames after
        // it opened, when it and the keyboard have their size. Panning away afterwards is the user's.
        if (const std::optional<Point> place = screen.formPlace(); place && snapshot) {
            if (!keptPlace || !(*keptPlace == *place)) {
                keptPlace = place;
                keepInViewIn = 2;
            } else if (keepInViewIn > 0 && --keepInViewIn == 0) {
                map.keepInView(*place, panelRects(), 24.0 * window.uiScale());
            }
        } else {
            keptPlace.reset();
        }
        if (!snapshot) {
            const ImGuiIO& io = ImGui::GetIO();
            ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                                    ImVec2(0.5f, 0.5f));
            ImGui::Begin("##loading", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize);
            if (loadError) {
                ImGui::TextUnformatted(tr("map.load_failed"));
                ImGui::TextWrapped("%s", loadError->c_str());
            } else {
                ImGui::TextUnformatted(tr("map.loading"));
            }
            ImGui::End();
        }

        const bool settled = snapshot && !map.busy() && !map.needsRedraw() && settleFrames == 0;
        // Any change of view counts, also one without a gesture or animation (a counts row, the
        // whole-neighbourhood button).
        const Point centre = map.viewport().centre();
        if (centre.x != storedCentre.x || centre.y != storedCentre.y || map.viewport().resolution() != storedResolution)
            viewDirty = true;
        if (settled && viewDirty) {
            storeRememberedView(state->project(), window, map.viewport());
            storedCentre = centre;
            storedResolution = map.viewport().resolution();
            viewDirty = false;
        }
        window.endFrame(settled && options.screenshotPath ? &*options.screenshotPath : nullptr);
        // After the picture: a test that sees new widget positions finds the picture of that frame.
        if (settled && options.screenshotPath) rects.write(*options.screenshotPath + ".widgets.json");
        report(reportedFirstFrame, "first frame");
        if (snapshot) report(reportedLoaded, "map loaded and drawn");
        if (settled) report(reportedShown, "map settled");
    }
    if (snapshot) storeRememberedView(state->project(), window, map.viewport());
    return 0;
}

}  // namespace samenkaart::gui
