// The pinning screen of a session: the palette, pin form, pin card, sessions, summary, counts,
// export, settings, kiosk lock, undo/redo and the on-screen keyboard, wired to the pinning workflow. The
// app loop hands it the map's taps and draws it once a frame; each part is its own panel class.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "gui/window/logic/pin_workflow.hpp"
#include "gui/window/panels/category_palette.hpp"
#include "gui/window/panels/counts_panel.hpp"
#include "gui/window/panels/export_panel.hpp"
#include "gui/window/panels/kiosk_lock.hpp"
#include "gui/window/panels/on_screen_keyboard.hpp"
#include "gui/window/panels/pin_card.hpp"
#include "gui/window/panels/pin_form.hpp"
#include "gui/window/panels/publish_panel.hpp"
#include "gui/window/panels/session_panel.hpp"
#include "gui/window/panels/session_summary.hpp"
#include "gui/window/panels/settings_panel.hpp"
#include "gui/window/panels/toast.hpp"
#include "gui/window/panels/tool_bar.hpp"

namespace samenkaart::gui {

class SessionScreen {
public:
    // Continues the most recent open session and restores the kiosk lock.
    void start(ProjectState& project, const Settings& settings);
    // After the loop read the project again (ProjectState::refreshFacts): open panels that keep a
    // copy of some of it read it anew. Reads happen here and on taps, never in draw().
    void refresh(ProjectState& project) {
        card_.refresh(project);
        sessions_.refresh(project);
    }

    bool locked() const { return kiosk_.locked(); }
    OnScreenKeyboard* keyboard() { return settings_.onScreenKeyboard ? &keyboard_ : nullptr; }
    // Nothing here animates: the saved banner stays until the first frame after its time is up
    // (the loop idles meanwhile), so it never keeps the loop busy.
    // Only a running export keeps the loop drawing (its progress bar); the session map's worker
    // wakes the loop when it is done.
    bool busy(double) const { return export_.busy() || publish_.busy(); }
    // A countdown on screen (the kiosk keypad waiting after wrong PINs): the idle loop, which wakes
    // each second, draws a frame then instead of skipping it.
    bool ticking(double now) const { return kiosk_.waiting(now); }
    // Wakes the idle loop from the export worker and the session map's.
    void setWake(void (*wake)()) {
        export_.setWake(wake);
        publish_.setWake(wake);
        summary_.setWake(wake);
    }
    bool wantsMapTaps() const { return !form_.isOpen(); }
    // A pin's card is open: the buurt card (the app's) closes, so one card shows at a time.
    bool pinCardOpen() const { return card_.pinId().has_value(); }
    // The pin the open form is about (the map keeps it in sight), if a form is open.
    std::optional<Point> formPlace() const { return form_.place(); }
    // A change the user made could not be written and waits for a retry (the form, the card or
    // the session panel says why): the status bar must not say "all saved" meanwhile.
    bool writeFailed() const { return form_.saveFailed() || card_.deleteFailed() || sessions_.writeFailed(); }
    void setMapWriter(SessionMapWriter writer) { summary_.setMapWriter(std::move(writer)); }

    // A tap or long-press on the map. Returns true when the screen used it (the caller then does
    // not show the buurt's card).
    bool handleTap(const PanelContext& ctx, const MapTap& tap);
    // Draws every panel. Returns the settings when the user changed them this frame.
    std::optional<Settings> draw(const PanelContext& ctx, float bottomInset, double now);

private:
    void restoreDraft(ProjectState& project);
    void undoOrRedo(const PanelContext& ctx, bool undo, double now);
    void drawMarkers(const PanelContext& ctx);
    void ringCardPin(const PanelContext& ctx);

    Settings settings_;
    PinWorkflow workflow_;
    OnScreenKeyboard keyboard_;
    ToolBar toolBar_;
    CategoryPalette palette_;
    PinForm form_;
    PinCard card_;
    SessionPanel sessions_;
    SessionSummary summary_;
    CountsPanel counts_;
    SettingsPanel settingsPanel_;
    KioskLock kiosk_;
    ExportPanel export_;
    PublishPanel publish_;
    // What the facilitator's PIN, once given, opens: the export or the publish dialog.
    enum class AfterPin { Export, Publish };
    AfterPin afterPin_ = AfterPin::Export;
    Toast toast_;
    struct RingedPin {  // where the open card's pin is among the pins shown
        uint64_t revision = 0;
        std::string id;
        std::optional<size_t> index;
    } ringed_;
    std::optional<Point> dragTo_;  // a pin being dragged after a long-press
    std::string dragPin_;
};

}  // namespace samenkaart::gui
