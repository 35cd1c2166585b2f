// Writes a session's map as a georeferenced PNG by running this program's own `render` command, so
// the summary's picture is exactly what `samenkaart render` draws (and a crash there cannot take the
// open session with it).
#pragma once

#include <cstdint>
#include <string>

namespace samenkaart::gui {

// Renders the session's pins over the project's map into `folder`; returns the PNG's path or throws
// Error with render's own message.
std::string writeSessionMap(const std::string& projectPath, int64_t sessionId, const std::string& title,
                            const std::string& folder);

}  // namespace samenkaart::gui
