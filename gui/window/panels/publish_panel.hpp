// The publish dialog: sends what is new in the project to the programme store (samenkaart publish,
// docs/programme.md) for the facilitator. It shows when the project was last published and where,
// asks for the server (remembered on this computer, never with a password) and, the first time, the
// werkplaats; a password only when the server asks for one that ~/.pgpass does not have. While a
// worker publishes it shows the step; then the receipt in plain words. In kiosk mode the session
// screen opens it only after the facilitator's PIN.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/programme/publish.hpp"
#include "gui/window/logic/publish_job.hpp"
#include "gui/window/panels/panel_context.hpp"
#include "gui/window/panels/touch_widgets.hpp"

namespace samenkaart::gui {

class PublishPanel {
public:
    enum class View { Hidden, Form, Running, Done };

    void setWake(void (*wake)()) { job_.setWake(wake); }
    // Opens the form: reads the project's publish log (here, not in draw()).
    void open(const PanelContext& ctx);
    void close(const PanelContext& ctx);
    bool isOpen() const { return view_ != View::Hidden; }
    bool busy() const { return job_.running(); }
    void draw(const PanelContext& ctx, float bottomInset);

private:
    void drawForm(const PanelContext& ctx, float inner);
    void drawRunning(const PanelContext& ctx, float inner);
    void drawDone(const PanelContext& ctx, float inner);
    void start(const PanelContext& ctx);

    View view_ = View::Hidden;
    std::string projectPath_;
    std::string db_, werkplaats_, password_;
    bool askPassword_ = false;
    std::optional<programme::PublishRecord> last_;
    std::string error_;
    std::optional<programme::PublishReceipt> receipt_;
    PublishJob job_;
};

// The receipt as the dialog says it, one line per fact, in the user's language.
std::vector<std::string> receiptLines(const Translator& tr, const programme::PublishReceipt& receipt);
// What the dialog says when a publish failed, by the error's kind (never by its words).
const char* publishFailureKey(ErrorKind kind);

}  // namespace samenkaart::gui
