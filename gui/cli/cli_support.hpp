// Shared pieces of the command-line front end: output conventions and option parsing helpers.
// Results go to stdout (scripts capture them), warnings and errors to stderr as
// "samenkaart: <subject>: <cause>"; exit 0 success, 1 refused/bad input, 2 usage.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "engine/geometry.hpp"
#include "engine/pin_filter.hpp"
#include "engine/programme/pg_connection.hpp"

namespace samenkaart {
class PinStore;
}

namespace samenkaart::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;
inline constexpr int kExitUsage = 2;

// What a subcommand does once its options are parsed; returns the exit code.
using CommandAction = std::function<int()>;

// Registers every subcommand on `app`; `action` receives the chosen one's action.
void addProjectCommands(CLI::App& app, CommandAction& action);
void addSessionCommands(CLI::App& app, CommandAction& action);
void addCategoryCommands(CLI::App& app, CommandAction& action);
void addPinCommands(CLI::App& app, CommandAction& action);
void addRenderCommands(CLI::App& app, CommandAction& action);
void addLayerCommands(CLI::App& app, CommandAction& action);
// export, merge and `pin import`; call after addPinCommands (it adds to the `pin` command).
void addExportCommands(CLI::App& app, CommandAction& action);
// programme init | werkplaats | grant, and publish: the shared PostGIS store.
void addProgrammeCommands(CLI::App& app, CommandAction& action);
// Connects to the programme store; a password the server asks for and ~/.pgpass lacks is asked on
// the terminal (never taken from the command line).
pg::Connection connectToProgramme(const std::string& db);

void printWarning(const std::string& text);

// A position given on the command line either in map coordinates or as longitude/latitude.
struct PositionOptions {
    std::vector<double> xy;
    std::vector<double> lonLat;
    void addTo(CLI::App& cmd);
    // Throws UsageError unless --xy or --lonlat was given (checked before any file is opened).
    void requireGiven() const;
    // Throws UsageError when neither was given; converts lon/lat to the map CRS.
    Point resolve(PinStore& pins) const;
};

// --session, --category (repeatable), --from and --until: which pins a command reads. `render`,
// `render --density --out F.tif` and `pin list` take the same options and the same filter as the window.
struct PinFilterOptions {
    std::string session;
    std::vector<std::string> categories;
    std::string from;
    std::string until;
    // `what`: the pins' use in the help ("Show" or "List").
    void addTo(CLI::App& cmd, const std::string& what);
    // The filter; throws Error for a malformed id or day (PinStore::checkFilter checks it against a project).
    PinFilter resolve() const;
};

// An option's text, or nullopt when it was left empty (not given).
inline std::optional<std::string> given(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// A mistake in how the command was called (exit 2), found after CLI11's own checks.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Parses an id argument ("session", "layer"); throws Error naming it when it is not a positive
// whole number, with where to look the ids up.
int64_t parseId(const std::string& text, const char* what);
inline int64_t parseSessionId(const std::string& text) { return parseId(text, "session"); }

// Runs the parsed command; returns the process exit code. `addMore` registers commands that live
// outside this library (the window's `open`); `noSubcommand` runs when none was given.
int runCommandLine(int argc, char** argv, const std::function<void(CLI::App&, CommandAction&)>& addMore,
                   const std::function<int()>& noSubcommand);

}  // namespace samenkaart::cli
