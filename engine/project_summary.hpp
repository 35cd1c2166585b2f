// What `samenkaart info` and the GUI's project card show: the project at a glance.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/geometry.hpp"
#include "engine/project.hpp"

namespace samenkaart {

struct CategoryCount {
    std::string code;
    std::string labelNl;
    std::string labelEn;
    long long livePins = 0;
};

struct ProjectSummary {
    std::string path;
    MapCrs mapCrs;
    Bbox extent;  // of the boundaries, map CRS
    long long boundaries = 0;
    long long sessions = 0;
    long long openSessions = 0;
    long long livePins = 0;
    long long deletedPins = 0;
    long long historyEntries = 0;
    std::vector<CategoryCount> pinsPerCategory;  // every category, in palette order

    nlohmann::json toJson() const;
};

ProjectSummary summarizeProject(Project& project);

}  // namespace samenkaart
