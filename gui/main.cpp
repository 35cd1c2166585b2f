// samenkaart: with a subcommand, the command line; without one (or with `open`), the window.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "engine/error.hpp"
#include "engine/file_damage.hpp"
#include "engine/programme/programme_export.hpp"
#include "engine/programme/programme_view.hpp"
#include "engine/project.hpp"
#include "gui/cli/cli_support.hpp"
#include "gui/window/logic/app_paths.hpp"
#include "gui/window/logic/sample_project.hpp"
#include "gui/window/logic/settings.hpp"
#include "gui/window/samenkaart_app.hpp"

namespace {

using samenkaart::gui::AppOptions;

struct WindowOptions {
    std::string path;
    std::string screenshot;
    float uiScale = 0.0f;
    bool english = false;
    bool timings = false;
    std::string touchReplay;

    void addTo(CLI::App& cmd) {
        cmd.add_option("--screenshot", screenshot, "Write the window's picture to this PNG whenever it settles");
        cmd.add_option("--ui-scale", uiScale, "Size of buttons and text, 1.0 to 2.5 (default: the screen's)")
            ->check(CLI::Range(1.0f, 2.5f));
        cmd.add_flag("--english", english, "Start in English instead of Dutch");
        cmd.add_flag("--timings", timings,
                     "Print on stderr when the first frame, the loaded map and the finished map appear (benchmarks)");
        // For the GUI tests only (no touchscreen under Xvfb): not listed in --help.
        cmd.add_option("--touch-replay", touchReplay, "Play the touches in this file when it appears")->group("");
    }
    AppOptions toApp(const std::string& project) const {
        AppOptions o;
        o.projectPath = project;
        if (!screenshot.empty()) o.screenshotPath = screenshot;
        if (uiScale > 0) o.uiScale = uiScale;
        o.english = english;
        o.timings = timings;
        if (!touchReplay.empty()) o.touchReplayPath = touchReplay;
        return o;
    }
};

// A Samenkaart project is a SQLite file with our metadata table; anything else is map data. A
// damaged SQLite file (or one that is only zeros or empty, as a pulled USB stick leaves it) is
// the window's to explain: handed to GDAL as map data it would be blamed on the wrong cause.
bool looksLikeProject(const std::string& path) {
    try {
        const samenkaart::SqliteFileCheck check = samenkaart::checkSqliteFile(path);
        // Cut short, it still has a SQLite header; empty or zeroed, only its name tells.
        if (check.shape == samenkaart::SqliteFileShape::CutShort) return true;
        if (check.damaged()) return std::filesystem::path(path).extension() == ".sqlite";
    } catch (const samenkaart::Error&) {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    if (!in.read(header, sizeof header) || std::memcmp(header, "SQLite format 3", 15) != 0) return false;
    try {
        samenkaart::Project::open(path, true);
        return true;
    } catch (const samenkaart::DamagedFileError&) {
        return true;
    } catch (const samenkaart::Error&) {
        return false;  // a SQLite file of someone else's (a SpatiaLite layer): treat it as map data
    }
}

// `samenkaart open DB`: the programme read into its local copy (again only when the store changed),
// then the window on that copy, read-only. What it reads is said on stderr as it goes.
int openProgramme(const std::string& db, AppOptions options) {
    namespace programme = samenkaart::programme;
    samenkaart::pg::Connection c = samenkaart::cli::connectToProgramme(db);
    std::cerr << "Reading the programme from " << c.label() << "..." << std::flush;
    const auto started = std::chrono::steady_clock::now();
    int64_t lastTenth = -1;
    programme::ProgrammeView view;
    try {
        view = programme::readProgrammeView(c, samenkaart::gui::cacheDirectory() + "/programme",
                                            [&lastTenth](int64_t read, int64_t total) {
                                                const int64_t tenth = total > 0 ? read * 10 / total : 10;
                                                if (tenth != lastTenth)
                                                    std::cerr << " " << tenth * 10 << "%" << std::flush;
                                                lastTenth = tenth;
                                            });
    } catch (...) {
        std::cerr << " failed\n";  // the cause follows on a line of its own
        throw;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char took[32];
    std::snprintf(took, sizeof took, " (%.1f s)", seconds);
    std::cerr << (view.reused ? " unchanged since the last read" : " done") << took << ": " << view.projects
              << (view.projects == 1 ? " project" : " projects") << " of " << view.werkplaatsen
              << (view.werkplaatsen == 1 ? " werkplaats" : " werkplaatsen") << ", " << view.pins << " pins, "
              << view.boundaries << " buurten\n";
    options.projectPath = view.path;
    options.programme = view.server;
    return samenkaart::gui::runApp(options);
}

}  // namespace

// Every command runs inside runCommandLine's try; only building the command line (CLI11: a name
// taken twice, a malformed one) can throw out of here, a programming error the tests meet first.
int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape)
    auto window = std::make_shared<WindowOptions>();
    auto addOpen = [window](CLI::App& app, samenkaart::cli::CommandAction& action) {
        window->addTo(app);
        CLI::App* open = app.add_subcommand(
            "open", "Open a project, a map file (a project is made for it) or the programme store in the window");
        open->add_option("PROJECT_OR_FILE", window->path,
                         "A project (.sqlite), any vector file (.shp, .zip, .gpkg, ...), or the programme store "
                         "(postgresql://... or service=NAME: every published project, read-only)")
            ->required();
        window->addTo(*open);
        open->callback([&action, window] {
            action = [window] {
                if (samenkaart::programme::looksLikeProgrammeStore(window->path))
                    return openProgramme(window->path, window->toApp(""));
                std::string project = window->path;
                if (!looksLikeProject(project)) project = samenkaart::gui::projectForVectorFile(project);
                return samenkaart::gui::runApp(window->toApp(project));
            };
        });
    };
    auto openDefault = [window] {
        const std::string project = samenkaart::gui::lastProject().value_or(samenkaart::gui::ensureSampleProject());
        return samenkaart::gui::runApp(window->toApp(project));
    };
    return samenkaart::cli::runCommandLine(argc, argv, addOpen, openDefault);
}
