// `samenkaart repair DAMAGED --out NEW` and the window's "rescue what can be read": copies what can
// still be read from a damaged project file into a new, valid project (the same schema as a fresh
// one, made by Project::createEmpty), table by table and row by row. A damaged page loses the rows
// on it, not the table; a damaged table definition is replaced by the one this build writes. The
// new file is built beside NEW and linked into place: complete or absent, never overwriting.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace samenkaart {

struct RepairReport {
    std::string outPath;
    int64_t sessions = 0;
    int64_t pins = 0;  // live and deleted
    int64_t historyRows = 0;
    int64_t boundaries = 0;
    int64_t categories = 0;
    int64_t contextLayers = 0;
    // What could not be saved, one line each in plain words ("pins: about 12 rows on a damaged part
    // of the file could not be read"). Empty when everything readable came across.
    std::vector<std::string> lost;

    int64_t rescued() const { return sessions + pins + historyRows + boundaries; }
};

// Throws Error naming `damagedPath` when nothing can be rescued (an empty, zeroed or foreign file,
// an unreadable table of contents, no session, pin, history row or boundary readable), and naming
// `outPath` when it exists or cannot be written.
RepairReport repairProject(const std::string& damagedPath, const std::string& outPath);

// Where a window puts the rescue of `damagedPath`: "<stem>-gered.sqlite" beside it (then
// "-gered-2", ...), so nothing existing is replaced; in `fallbackFolder` when the damaged file's
// folder cannot be written (a locked USB stick).
std::string rescuePathFor(const std::string& damagedPath, const std::string& fallbackFolder = "");

}  // namespace samenkaart
