// A fresh project with a square boundary in RD New for engine tests.
#pragma once

#include <filesystem>
#include <memory>

#include "engine/project.hpp"
#include "tests/support/cli_runner.hpp"

namespace samenkaart::test {

inline std::unique_ptr<Project> makeEmptyRdProject(const std::string& name) {
    const std::string dir = makeTempDir(name);
    return Project::createEmpty(dir + "/p.sqlite", describeCrs("EPSG:28992"));
}

}  // namespace samenkaart::test
