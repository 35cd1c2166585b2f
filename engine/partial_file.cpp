#include "engine/partial_file.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "engine/error.hpp"

namespace samenkaart {

namespace fs = std::filesystem;

std::string partialPathFor(const std::string& target) { return target + ".partial-" + std::to_string(::getpid()); }

void moveIntoPlace(const std::string& temp, const std::string& target) {
    if (::link(temp.c_str(), target.c_str()) == 0) {
        ::unlink(temp.c_str());
        return;
    }
    const int err = errno;
    if (err == EEXIST)
        throw Error(target, "already exists; Samenkaart never overwrites a project (choose another name)");
    // File systems without hard links (FAT on a USB stick): check, then rename.
    std::error_code ec;
    if (fs::exists(target, ec)) throw Error(target, "already exists; Samenkaart never overwrites a project");
    fs::rename(temp, target, ec);
    if (ec) throw Error(target, "cannot be written: " + ec.message());
}

void removeDatabaseFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

void removeAbandonedPartials(const std::string& projectPath) {
    const fs::path target = fs::absolute(projectPath);
    const std::string prefix = target.filename().string() + ".partial-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string digits = name.substr(prefix.size());
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
            continue;
        const auto pid = static_cast<pid_t>(std::stol(digits));
        if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to judge)
        removeDatabaseFiles(entry.path().string());
    }
}

}  // namespace samenkaart
