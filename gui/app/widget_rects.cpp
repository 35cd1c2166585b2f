#include "gui/app/widget_rects.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

namespace samenkaart::gui {

bool WidgetRects::write(const std::string& path) const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, r] : rects_) j[name] = {r.x0, r.y0, r.x1, r.y1};
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp);
        if (!(out << j.dump())) return false;
    }
    return std::rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace samenkaart::gui
