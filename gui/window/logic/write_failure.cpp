#include "gui/window/logic/write_failure.hpp"

#include <filesystem>

namespace samenkaart::gui {

WriteFailure classifyWriteFailure(const Error& error) {
    switch (error.kind()) {
        case ErrorKind::DiskFull:
            return WriteFailure::DiskFull;
        case ErrorKind::ReadOnly:
            return WriteFailure::ReadOnly;
        case ErrorKind::Locked:
            return WriteFailure::Locked;
        default:
            return WriteFailure::Other;
    }
}

const char* writeFailureName(WriteFailure failure) {
    switch (failure) {
        case WriteFailure::DiskFull:
            return "disk_full";
        case WriteFailure::ReadOnly:
            return "read_only";
        case WriteFailure::Locked:
            return "locked";
        case WriteFailure::Other:
            break;
    }
    return "other";
}

std::string writeFailureMessage(const Translator& tr, const std::string& projectPath, const Error& error,
                                bool textKept) {
    const WriteFailure failure = classifyWriteFailure(error);
    const char* key = "save.failed";
    if (failure == WriteFailure::DiskFull)
        key = "save.disk_full";
    else if (failure == WriteFailure::ReadOnly)
        key = "save.read_only";
    else if (failure == WriteFailure::Locked)
        key = "save.locked";
    std::string text = fillIn(tr(key), std::filesystem::path(projectPath).filename().string());
    if (textKept) text += std::string(" ") + tr("save.text_kept");
    return text + "\n(" + error.what() + ")";
}

}  // namespace samenkaart::gui
