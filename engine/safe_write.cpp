#include "engine/safe_write.hpp"

#include <fcntl.h>
#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX kill() is declared here, not in <csignal>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "engine/error.hpp"

namespace samenkaart {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void failWith(const std::string& target, const std::string& what, int err) {
    throw Error(target, what + ": " + std::strerror(err), errorKindFromErrno(err));
}

}  // namespace

void syncFile(const std::string& path, const std::string& target) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) failWith(target, "the finished file cannot be read back", errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL && err != EROFS) failWith(target, "cannot be written to the disk", err);
}

std::string partialPathFor(const std::string& target) { return target + ".partial-" + std::to_string(::getpid()); }

PendingFile::PendingFile(std::string target, Existing existing, std::string_view extension)
    : target_(std::move(target)), temp_(partialPathFor(target_) + std::string(extension)), existing_(existing) {
    removeDatabaseFiles(temp_);  // left by this process id, long dead
    // Finds out now, with the system's own reason, whether anything can be written here: a writer
    // such as GDAL would only say that it failed.
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) failWith(target_, "cannot be written", errno);
    ::close(fd);
    ::unlink(temp_.c_str());
}

PendingFile::~PendingFile() {
    if (!committed_) removeDatabaseFiles(temp_);
}

void PendingFile::commit() {
    syncFile(temp_, target_);
    if (existing_ == Existing::Replace) {
        if (::rename(temp_.c_str(), target_.c_str()) != 0) failWith(target_, "cannot be put in place", errno);
    } else if (::link(temp_.c_str(), target_.c_str()) == 0) {
        ::unlink(temp_.c_str());
    } else {
        const int err = errno;
        if (err == EEXIST)
            throw Error(target_, "already exists; Samenkaart never overwrites a project (choose another name)",
                        ErrorKind::Exists);
        // File systems without hard links (FAT on a USB stick): check, then rename.
        std::error_code ec;
        if (fs::exists(target_, ec))
            throw Error(target_, "already exists; Samenkaart never overwrites a project", ErrorKind::Exists);
        if (::rename(temp_.c_str(), target_.c_str()) != 0) failWith(target_, "cannot be put in place", errno);
    }
    committed_ = true;
    // The -wal/-shm a database's first, journaled open may have left.
    removeDatabaseFiles(temp_);
}

void writeFileSafely(const std::string& target, std::string_view bytes, Existing existing) {
    PendingFile file(target, existing);
    const int fd = ::open(file.path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) failWith(target, "cannot be written", errno);
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ENOSPC;
            ::close(fd);
            failWith(target, "cannot be written", err);
        }
        done += static_cast<size_t>(n);
    }
    if (::close(fd) != 0) failWith(target, "cannot be written", errno);
    file.commit();
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
        std::string digits = name.substr(prefix.size());
        // TARGET.partial-PID or TARGET.partial-PID.EXT (PendingFile's `extension`).
        if (const size_t dot = digits.find('.'); dot != std::string::npos) digits.resize(dot);
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
            continue;
        const auto pid = static_cast<pid_t>(std::stol(digits));
        if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to judge)
        removeDatabaseFiles(entry.path().string());
    }
}

}  // namespace samenkaart
