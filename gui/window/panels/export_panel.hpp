// The export dialog: the options of `samenkaart export` for the facilitator (format, file,
// sessions, categories, dates, anonymize, coarsen, deleted and unconsented pins), then a progress
// bar while a worker writes the file, then the path written and the counts. In kiosk mode the
// session screen opens it only after the facilitator's PIN.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gui/window/logic/export_choices.hpp"
#include "gui/window/logic/export_job.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

class ExportPanel {
public:
    enum class View { Hidden, Form, ConfirmOverwrite, Running, Done };

    // `wake` wakes the idle UI loop from the export worker (AppWindow::wake).
    void setWake(void (*wake)()) { job_.setWake(wake); }

    // Opens the form with the defaults for the project (reads its categories, sessions and pins).
    void open(const PanelContext& ctx);
    void close(const PanelContext& ctx);
    bool isOpen() const { return view_ != View::Hidden; }
    View view() const { return view_; }
    // While the worker runs the loop keeps drawing (the progress bar moves).
    bool busy() const { return job_.running(); }
    // `bottomInset`: the status bar and the on-screen keyboard below the dialog.
    void draw(const PanelContext& ctx, float bottomInset);

private:
    ScrollBody optionsBody_;                                            // the options scroll under Export / Cancel
    void drawForm(const PanelContext& ctx, float width, float bottom);  // bottom: screen y it may reach
    void drawOptions(const PanelContext& ctx, float inner);
    void drawConfirmOverwrite(const PanelContext& ctx, float inner);
    void drawRunning(const PanelContext& ctx, float inner);
    void drawDone(const PanelContext& ctx, float inner);
    void startExport(const PanelContext& ctx, bool overwrite);
    void recount(ProjectState& project);

    View view_ = View::Hidden;
    ExportChoices choices_;
    std::vector<Category> categories_;
    std::vector<Session> sessions_;
    std::optional<int64_t> currentSession_;
    std::string projectPath_;
    std::string mapCrs_;
    int64_t leftOut_ = 0;  // pins without consent that pass the other filters (left out unless included)
    bool customCrs_ = false;
    std::string error_;  // why the last try failed, in words, naming the file
    std::string runningPath_;
    bool runningAnonymized_ = false;
    std::optional<double> runningCoarsen_;
    std::optional<ExportReport> report_;
    ExportJob job_;
};

}  // namespace samenkaart::gui
