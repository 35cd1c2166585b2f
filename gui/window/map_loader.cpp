#include "gui/window/map_loader.hpp"

#include <utility>

#include "engine/project.hpp"
#include "gui/window/logic/app_paths.hpp"

namespace samenkaart::gui {

MapLoader::MapLoader(std::string projectPath, void (*onLoaded)())
    : path_(std::move(projectPath)),
      cacheFile_(mapping::preparedMapCacheFile(cacheDirectory() + "/maps", path_)),
      onLoaded_(onLoaded) {
    start();
}

MapLoader::~MapLoader() {
    if (worker_.joinable()) worker_.join();
}

void MapLoader::restart() {
    if (worker_.joinable()) worker_.join();
    start();
}

void MapLoader::start() {
    loading_ = true;
    worker_ = std::thread([this] {
        std::shared_ptr<const mapping::MapSnapshot> snapshot;
        try {
            auto own = Project::open(path_, true);  // SQLite connections are not shared across threads
            mapping::MapSnapshotOptions::Timings timings;
            mapping::MapSnapshotOptions options;
            options.timings = &timings;
            options.cacheFile = cacheFile_;
            snapshot = mapping::loadMapSnapshot(*own, options);
            std::lock_guard lock(mutex_);
            loaded_ = snapshot;
            timings_ = timings;
        } catch (const std::exception& e) {
            std::lock_guard lock(mutex_);
            error_ = e.what();
        }
        loading_ = false;
        if (onLoaded_) onLoaded_();
        // After the map is on its way to the screen: the next launch reads what this one prepared. A
        // cache that cannot be written (read-only, full) costs only that next launch's time.
        try {
            if (snapshot) mapping::storePreparedMap(*snapshot, cacheFile_);
        } catch (const std::exception&) {
            // out of memory for the writer's buffers: no cache this time
        }
    });
}

std::shared_ptr<const mapping::MapSnapshot> MapLoader::takeSnapshot() {
    std::lock_guard lock(mutex_);
    return std::exchange(loaded_, nullptr);
}

std::optional<std::string> MapLoader::takeError() {
    std::lock_guard lock(mutex_);
    return std::exchange(error_, std::nullopt);
}

mapping::MapSnapshotOptions::Timings MapLoader::timings() {
    std::lock_guard lock(mutex_);
    return timings_;
}

}  // namespace samenkaart::gui
