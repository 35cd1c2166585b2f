#include "gui/cli/cli_support.hpp"

#include <iostream>

#include "engine/engine_version.hpp"
#include "engine/error.hpp"
#include "engine/pins.hpp"

namespace samenkaart::cli {

void printWarning(const std::string& text) { std::cerr << "samenkaart: warning: " << text << "\n"; }

void PositionOptions::addTo(CLI::App& cmd) {
    auto* xyOpt = cmd.add_option("--xy", xy, "Position in the project's map CRS (X Y, e.g. metres)")
                      ->expected(2)
                      ->allow_extra_args(false);
    auto* llOpt = cmd.add_option("--lonlat", lonLat, "Position as WGS 84 longitude and latitude (LON LAT)")
                      ->expected(2)
                      ->allow_extra_args(false);
    xyOpt->excludes(llOpt);
}

void PositionOptions::requireGiven() const {
    if (xy.size() != 2 && lonLat.size() != 2)
        throw UsageError("a position is required: --xy X Y (map CRS) or --lonlat LON LAT");
}

Point PositionOptions::resolve(PinStore& pins) const {
    if (xy.size() == 2) {
        Point p{xy[0], xy[1]};
        pins.checkMapPoint(p);
        return p;
    }
    requireGiven();
    return pins.fromLonLat(lonLat[0], lonLat[1]);
}

int64_t parseId(const std::string& text, const char* what) {
    try {
        size_t used = 0;
        const long long v = std::stoll(text, &used);
        if (used == text.size() && v > 0) return v;
    } catch (const std::exception&) {
    }
    throw Error(std::string(what) + " " + text,
                std::string("is not a ") + what + " id (a positive whole number; see: samenkaart " + what + " list)");
}

void PinFilterOptions::addTo(CLI::App& cmd, const std::string& what) {
    cmd.add_option("--session", session, what + " only this session's pins");
    cmd.add_option("--category", categories,
                   what + " only pins of this category (its code, see: samenkaart category list); repeat for more");
    cmd.add_option("--from", from, what + " only pins made on or after this day, YYYY-MM-DD (local time)");
    cmd.add_option("--until", until, what + " only pins made on or before this day, YYYY-MM-DD (local time)");
}

PinFilter PinFilterOptions::resolve() const {
    PinFilter f;
    if (!session.empty()) f.sessionId = parseSessionId(session);
    if (!categories.empty()) f.categories = categories;
    setPeriod(f, from, until);
    return f;
}

int runCommandLine(int argc, char** argv, const std::function<void(CLI::App&, CommandAction&)>& addMore,
                   const std::function<int()>& noSubcommand) {
    CLI::App app{"Samenkaart: community mapping for neighbourhoods", "samenkaart"};
    app.set_version_flag("--version", std::string("samenkaart ") + engineVersion());
    app.require_subcommand(0, 1);
    CommandAction action;
    addProjectCommands(app, action);
    addSessionCommands(app, action);
    addCategoryCommands(app, action);
    addPinCommands(app, action);
    addExportCommands(app, action);
    addRenderCommands(app, action);
    addLayerCommands(app, action);
    addProgrammeCommands(app, action);
    if (addMore) addMore(app, action);
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitUsage;
    }
    try {
        if (!action) return noSubcommand ? noSubcommand() : kExitUsage;
        return action();
    } catch (const UsageError& e) {
        std::cerr << "samenkaart: " << e.what() << "\nRun with --help for more information.\n";
        return kExitUsage;
    } catch (const Error& e) {
        std::cerr << "samenkaart: " << e.what() << "\n";
        return kExitRefused;
    } catch (const std::exception& e) {
        std::cerr << "samenkaart: unexpected error: " << e.what() << "\n";
        return kExitRefused;
    }
}

}  // namespace samenkaart::cli
