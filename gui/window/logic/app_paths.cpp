#include "gui/window/logic/app_paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;

std::string xdgDirectory(const char* variable, const char* fallback) {
    fs::path base;
    if (const char* v = std::getenv(variable); v && *v) {
        base = v;
    } else {
        const char* home = std::getenv("HOME");
        base = fs::path(home && *home ? home : "/tmp") / fallback;
    }
    const fs::path dir = base / "samenkaart";
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir.string();
}

}  // namespace

std::string dataDirectory() { return xdgDirectory("XDG_DATA_HOME", ".local/share"); }
std::string configDirectory() { return xdgDirectory("XDG_CONFIG_HOME", ".config"); }
std::string cacheDirectory() { return xdgDirectory("XDG_CACHE_HOME", ".cache"); }

std::string sampleAssetsDirectory() {
    std::error_code ec;
    // Installed layout first (bin/../share/samenkaart/sample), then the source tree of this build.
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "samenkaart" / "sample";
        if (fs::exists(installed / "buurten.geojson", ec)) return installed.string();
    }
    return std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample";
}

}  // namespace samenkaart::gui
