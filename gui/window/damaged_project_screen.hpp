// What the window shows when the project file is damaged (a pulled USB stick, a disk error): not
// silence, but a window that says so in plain words with the true cause, and offers, as big touch
// buttons, to rescue what can be read into a new file beside it (then how many sessions and pins
// were saved, and to open that), to open the sample, or to close.
#pragma once

#include <future>
#include <optional>
#include <string>

#include "engine/project_repair.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/samenkaart_app.hpp"

namespace samenkaart::gui {

class DamagedProjectPanel {
public:
    // `cause`: the engine's words for what is damaged (DamagedFileError::detail()).
    DamagedProjectPanel(std::string projectPath, std::string cause);

    // Draws one frame; returns the project to open next once one was chosen, or "" for close.
    std::optional<std::string> draw(const PanelContext& ctx);
    // A rescue runs (on a worker): the window keeps drawing.
    bool busy() const { return rescue_.valid(); }

private:
    void startRescue();
    void takeRescue();

    std::string projectPath_;
    std::string cause_;
    std::string rescuePath_;
    std::future<RepairReport> rescue_;
    std::optional<RepairReport> rescued_;
    std::optional<std::string> rescueFailed_;  // the engine's words
    std::optional<std::string> sampleFailed_;
};

// Runs the window for a damaged project until the facilitator chose; returns the project to open
// then (the rescued one, or the sample), or nullopt for close.
std::optional<std::string> runDamagedProjectScreen(const AppOptions& options, const std::string& cause);

}  // namespace samenkaart::gui
