#include "gui/window/session_map_writer.hpp"

#include <unistd.h>

#include <filesystem>

#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "gui/window/logic/app_paths.hpp"
#include "mapping/map_picture.hpp"

namespace samenkaart::gui {

std::string sessionMapFolder(const std::string& projectPath) {
    const std::filesystem::path project = std::filesystem::absolute(projectPath).lexically_normal();
    const bool besideProject = ::access(project.parent_path().c_str(), W_OK) == 0;
    return besideProject ? (project.parent_path() / (project.stem().string() + "-kaarten")).string()
                         : dataDirectory() + "/kaarten";
}

std::string writeSessionMap(const OffscreenGlContext& gl, const SessionMapRequest& request) {
    std::error_code ec;
    std::filesystem::create_directories(request.folder, ec);
    const std::string stamp = nowIso8601().substr(0, 10);
    const std::string out = request.folder + "/sessie-" + std::to_string(request.sessionId) + "-" + stamp + ".png";
    mapping::checkPictureWritable(out);
    mapping::MapPictureRequest picture;
    picture.project = request.projectPath;
    picture.pins.sessionId = request.sessionId;
    picture.title = request.title;
    picture.legend = true;
    picture.legendHeading = request.english ? "Legend" : "Legenda";
    picture.englishLegend = request.english;
    picture.scalebar = true;
    const CurrentGlContext current(gl);  // declared first: the picture's GL objects go while it is current
    mapping::MapPicture map(picture);
    return map.write(out, map.draw()).png;
}

}  // namespace samenkaart::gui
