// The one safe way Samenkaart writes a file: everything goes to TARGET.partial-PID beside the
// target (the same file system, so the last step is atomic), and the file takes its real name only
// when it is complete. A reader, a crash or a full disk never sees half a file under the real name.
// Used for new and repaired projects, every export and its metadata, rendered maps and their
// sidecars, the window's settings and screenshots.
#pragma once

#include <string>
#include <string_view>

namespace samenkaart {

// Flushes a finished file's bytes to the disk before it gets its name, so a power cut after the
// rename never leaves an empty file under the real name. Throws Error naming `target`.
void syncFile(const std::string& path, const std::string& target);

enum class Existing {
    Keep,     // never replace a file at the target (projects): Error of kind Exists
    Replace,  // the finished file replaces one at the target (an export with --overwrite, settings)
};

// A file on its way to `target`. Write it at path(); commit() syncs it to disk and gives it its
// real name. Destroyed uncommitted (an error, an exception), it removes what was written there,
// with a database's -wal, -shm and -journal companions.
class PendingFile {
public:
    // `extension`: appended to the temporary name, for writers that pick a format by it (GDAL's
    // CSV and GeoJSON drivers). Throws Error naming the target, with its kind, when nothing can be
    // written beside it (no such folder, read-only, a full disk).
    PendingFile(std::string target, Existing existing, std::string_view extension = {});
    ~PendingFile();
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;

    const std::string& path() const { return temp_; }
    const std::string& target() const { return target_; }
    // Throws Error naming the target (kind Exists when Existing::Keep finds a file there).
    void commit();

private:
    std::string target_;
    std::string temp_;
    Existing existing_;
    bool committed_ = false;
};

// Writes `bytes` to `target` through a PendingFile.
void writeFileSafely(const std::string& target, std::string_view bytes, Existing existing = Existing::Replace);

// TARGET.partial-PID: where a new file for `target` is built.
std::string partialPathFor(const std::string& target);

// Removes a database file and its -wal, -shm and -journal companions (missing ones are fine).
void removeDatabaseFiles(const std::string& path);

// What a build killed outright (kill -9, a power cut) left beside `target`: its TARGET.partial-PID
// files (with or without an extension), removed when no process with that id runs any more.
void removeAbandonedPartials(const std::string& target);

}  // namespace samenkaart
