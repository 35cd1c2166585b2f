#include "gui/window/widget_rects.hpp"

#include <nlohmann/json.hpp>

#include "engine/error.hpp"
#include "engine/safe_write.hpp"

namespace samenkaart::gui {

bool WidgetRects::write(const std::string& path) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, r] : rects_) j[name] = {r.x0, r.y0, r.x1, r.y1};
    try {
        writeFileSafely(path, j.dump());  // a test polling for the file never reads half of it
        return true;
    } catch (const Error&) {
        return false;
    }
}

}  // namespace samenkaart::gui
