// Why a change could not be written to the project file, in words for the facilitator: which file,
// the cause (a full disk, a read-only file or disk, another program's lock), what to do about it,
// and, for a form, that what was typed is still there. The engine's own words follow in brackets.
#pragma once

#include <string>

#include "engine/error.hpp"
#include "gui/window/logic/i18n.hpp"

namespace samenkaart::gui {

enum class WriteFailure { DiskFull, ReadOnly, Locked, Other };

// From the engine's error kind (engine/sqlite_db.cpp sets it where SQLite or the system tells).
WriteFailure classifyWriteFailure(const Error& error);
// "disk_full", "read_only", "locked", "other": for the names of the widgets that show it.
const char* writeFailureName(WriteFailure failure);

// `projectPath`: the file the change was for (its name is shown). `textKept`: a form stays open with
// what was typed; else the change (a delete, a move, an undo) was simply not made.
std::string writeFailureMessage(const Translator& tr, const std::string& projectPath, const Error& error,
                                bool textKept);

}  // namespace samenkaart::gui
