// The one safe way a new project file comes into being: built beside its target as
// TARGET.partial-PID, closed, then linked into place, never replacing an existing file. Used by
// `samenkaart new` (boundary_import) and `samenkaart repair` (project_repair).
#pragma once

#include <string>

namespace samenkaart {

// TARGET.partial-PID: where a new file for `target` is built (on the same file system).
std::string partialPathFor(const std::string& target);

// Moves the finished temporary file to `target` without ever replacing an existing file. Throws
// Error naming the target when it exists or cannot be written.
void moveIntoPlace(const std::string& temp, const std::string& target);

// Removes a database file and its -wal, -shm and -journal companions (missing ones are fine).
void removeDatabaseFiles(const std::string& path);

// What a build killed outright (kill -9, a power cut) left beside `target`: its TARGET.partial-PID
// files, removed when no process with that id runs any more.
void removeAbandonedPartials(const std::string& target);

}  // namespace samenkaart
