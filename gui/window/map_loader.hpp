// Loads a project's map (mapping::loadMapSnapshot) on a thread of its own, with the prepared-map cache
// (mapping/prepared_map_cache.hpp) in the user's cache folder. Started before the window is made, so a
// big map is read while the window and its GL context come up; then owned by ProjectState, which
// starts it again when the map must be read anew.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "mapping/map_scene.hpp"

namespace samenkaart::gui {

class MapLoader {
public:
    // Starts at once. onLoaded (may be null) is called on the loader's thread when a snapshot or an error
    // is ready; the prepared map is written to the cache after that, so it never delays the map.
    MapLoader(std::string projectPath, void (*onLoaded)());
    ~MapLoader();  // waits for the thread
    MapLoader(const MapLoader&) = delete;
    MapLoader& operator=(const MapLoader&) = delete;

    bool loading() const { return loading_; }
    // Waits for the current load to end, then starts another.
    void restart();
    // The snapshot once, when loaded; then nullptr.
    std::shared_ptr<const mapping::MapSnapshot> takeSnapshot();
    std::optional<std::string> takeError();
    mapping::MapSnapshotOptions::Timings timings();

private:
    void start();

    std::string path_;
    std::string cacheFile_;
    void (*onLoaded_)() = nullptr;
    std::thread worker_;
    std::atomic<bool> loading_{true};
    std::mutex mutex_;
    std::shared_ptr<const mapping::MapSnapshot> loaded_;
    std::optional<std::string> error_;
    mapping::MapSnapshotOptions::Timings timings_;
};

}  // namespace samenkaart::gui
