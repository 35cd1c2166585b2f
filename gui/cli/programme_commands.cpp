// samenkaart programme init | werkplaats add | werkplaats list | grant, and samenkaart publish
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "engine/error.hpp"
#include "engine/programme/programme_store.hpp"
#include "engine/programme/publish.hpp"
#include "gui/cli/cli_support.hpp"

namespace samenkaart::cli {
namespace {

// Asks on the terminal, without echo; nullopt when there is no terminal (scripts use ~/.pgpass).
std::optional<std::string> askPasswordOnTerminal(const std::string& server) {
    FILE* tty = std::fopen("/dev/tty", "r+");
    if (!tty || !isatty(fileno(tty))) {
        if (tty) std::fclose(tty);
        return std::nullopt;
    }
    std::fprintf(tty, "Password for %s: ", server.c_str());
    std::fflush(tty);
    termios old{};
    const bool echoOff = tcgetattr(fileno(tty), &old) == 0;
    if (echoOff) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
    }
    std::string password;
    for (int ch = std::fgetc(tty); ch != EOF && ch != '\n'; ch = std::fgetc(tty)) password += static_cast<char>(ch);
    if (echoOff) tcsetattr(fileno(tty), TCSAFLUSH, &old);
    std::fprintf(tty, "\n");
    std::fclose(tty);
    return password;
}

int parseSrid(const std::string& crs) {
    std::string digits = crs;
    for (const char* prefix : {"EPSG:", "epsg:"})
        if (digits.starts_with(prefix)) digits = digits.substr(5);
    try {
        size_t used = 0;
        const int srid = std::stoi(digits, &used);
        if (used == digits.size() && srid > 0) return srid;
    } catch (const std::exception&) {
    }
    throw Error("--crs " + crs, "the programme's CRS is given as an EPSG code, e.g. EPSG:28992", ErrorKind::BadInput);
}

std::string plural(int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

int printReceipt(const std::string& project, const programme::PublishReceipt& r) {
    for (const programme::RefusedPin& p : r.refused) printWarning("refused pin " + p.id + ": " + p.reason);
    if (r.leftOutUnconsented > 0)
        printWarning(plural(r.leftOutUnconsented, "pin stays", "pins stay") +
                     " home because its session has no recorded consent (record it with: samenkaart session consent "
                     "PROJECT ID, or publish them anyway with --include-unconsented)");
    const std::string holds = "the server holds " + plural(r.serverPins, "pin", "pins") + " of this project" +
                              (r.serverDeletedPins ? " (and " + std::to_string(r.serverDeletedPins) + " deleted)" : "");
    if (r.nothingNew) {
        std::cout << "Nothing new to publish from " << project << " to " << r.server << " (werkplaats " << r.werkplaats
                  << "); " << holds << "\n";
    } else {
        std::cout << "Published " << project << " to " << r.server << " (werkplaats " << r.werkplaats << "): sent "
                  << plural(r.pinsSent, "pin", "pins") << " (" << r.pinsNew << " new, " << r.pinsChanged << " changed, "
                  << r.pinsDeleted << " deleted)";
        if (r.pinsWithdrawn) std::cout << ", withdrew " << plural(r.pinsWithdrawn, "pin", "pins");
        std::cout << ", " << plural(r.sessionsSent, "session", "sessions") << ", "
                  << plural(r.categoriesSent, "category", "categories") << ", "
                  << plural(r.historySent, "history row", "history rows");
        if (r.boundariesSent) std::cout << ", " << plural(r.boundariesSent, "boundary", "boundaries");
        std::cout << "; " << holds << "; refused " << r.refused.size() << "\n";
    }
    if (!r.notRecorded.empty())
        printWarning(project + ": the server has this publish, but the project file could not record it (" +
                     r.notRecorded + "); nothing is lost: the next publish sends these rows again");
    if (!r.countsMatch()) {
        printWarning(r.server + ": the server's counts differ from what was published: it holds " +
                     std::to_string(r.serverPins) + " live and " + std::to_string(r.serverDeletedPins) +
                     " deleted pins of this project, the project published " + std::to_string(r.expectedPins) +
                     " and " + std::to_string(r.expectedDeletedPins) +
                     " (an administrator may have removed rows; publish --resend-all sends everything again)");
        return kExitRefused;
    }
    return kExitOk;
}

}  // namespace

pg::Connection connectToProgramme(const std::string& db) {
    pg::ConnectOptions options;
    options.askPassword = askPasswordOnTerminal;
    return pg::Connection::open(db, options);
}

void addProgrammeCommands(CLI::App& app, CommandAction& action) {
    CLI::App* programme = app.add_subcommand(
        "programme", "Set up the programme store: one PostgreSQL + PostGIS database for all Werkplaatsen");
    programme->require_subcommand(1);
    {
        auto db = std::make_shared<std::string>();
        auto crs = std::make_shared<std::string>("EPSG:28992");
        CLI::App* init = programme->add_subcommand(
            "init", "Create the programme store in a PostGIS database, or bring an older one up to date");
        init->add_option("DB", *db, "Connection string or URI: postgresql://user@host/db, service=NAME, ...")
            ->required();
        init->add_option("--crs", *crs, "The programme-wide CRS of a new store (an EPSG code)")->capture_default_str();
        init->callback([&action, db, crs] {
            action = [db, crs] {
                const int srid = parseSrid(*crs);
                pg::Connection c = connectToProgramme(*db);
                const programme::InitReport r = programme::initStore(c, srid);
                if (r.fromVersion == r.toVersion)
                    std::cout << "The programme store on " << c.label() << " is up to date (version " << r.toVersion
                              << ", EPSG:" << r.store.commonSrid << ")\n";
                else if (r.fromVersion == 0)
                    std::cout << "Made the programme store on " << c.label() << " (version " << r.toVersion
                              << ", EPSG:" << r.store.commonSrid << ", PostGIS " << r.store.postgisVersion
                              << "); roles samenkaart_publisher and samenkaart_researcher are ready to grant\n";
                else
                    std::cout << "Brought the programme store on " << c.label() << " from version " << r.fromVersion
                              << " to " << r.toVersion << "\n";
                return kExitOk;
            };
        });
    }
    CLI::App* werkplaats = programme->add_subcommand("werkplaats", "Add and list the werkplaatsen of the programme");
    werkplaats->require_subcommand(1);
    {
        struct Options {
            std::string db, code, name;
        };
        auto o = std::make_shared<Options>();
        CLI::App* add = werkplaats->add_subcommand("add", "Add a werkplaats (or rename one)");
        add->add_option("DB", o->db, "The programme store's connection string")->required();
        add->add_option("CODE", o->code, "Short code: lower-case letters, digits, '-' or '_' (e.g. utrecht)")
            ->required();
        add->add_option("--name", o->name, "Full name, e.g. \"Werkplaats Sociaal Domein Utrecht\"");
        add->callback([&action, o] {
            action = [o] {
                pg::Connection c = connectToProgramme(o->db);
                programme::checkStore(c);
                programme::addWerkplaats(c, o->code, o->name);
                std::cout << o->code << "\n";
                return kExitOk;
            };
        });
    }
    {
        auto db = std::make_shared<std::string>();
        CLI::App* list =
            werkplaats->add_subcommand("list", "One werkplaats a line: code, projects, pins, publishing roles, name");
        list->add_option("DB", *db, "The programme store's connection string")->required();
        list->callback([&action, db] {
            action = [db] {
                pg::Connection c = connectToProgramme(*db);
                programme::checkStore(c);
                for (const programme::Werkplaats& w : programme::listWerkplaatsen(c)) {
                    std::string roles;
                    for (const std::string& r : w.publishers) roles += (roles.empty() ? "" : ",") + r;
                    std::cout << w.code << "\t" << w.projects << "\t" << w.pins << "\t" << (roles.empty() ? "-" : roles)
                              << "\t" << w.name << "\n";
                }
                return kExitOk;
            };
        });
    }
    {
        struct Options {
            std::string db, role, werkplaats;
            bool researcher = false;
        };
        auto o = std::make_shared<Options>();
        CLI::App* grant = programme->add_subcommand(
            "grant", "Let a login role publish for a werkplaats (--werkplaats) or read the programme (--researcher)");
        grant->add_option("DB", o->db, "The programme store's connection string")->required();
        grant->add_option("--role", o->role, "An existing login role (CREATE ROLE name LOGIN)")->required();
        auto* w = grant->add_option("--werkplaats", o->werkplaats, "Publish for this werkplaats");
        auto* r = grant->add_flag("--researcher", o->researcher, "Read everything, change nothing");
        w->excludes(r);
        grant->callback([&action, o] {
            action = [o] {
                if (o->werkplaats.empty() && !o->researcher) throw UsageError("give --werkplaats CODE or --researcher");
                pg::Connection c = connectToProgramme(o->db);
                programme::checkStore(c);
                if (o->researcher) {
                    programme::grantResearcher(c, o->role);
                    std::cout << o->role << " may read the programme\n";
                } else {
                    programme::grantPublisher(c, o->role, o->werkplaats);
                    std::cout << o->role << " may publish for " << o->werkplaats << "\n";
                }
                return kExitOk;
            };
        });
    }

    {
        struct Options {
            std::string project, db, werkplaats;
            bool includeUnconsented = false, resendAll = false;
            double coarsen = 0.0;
        };
        auto o = std::make_shared<Options>();
        CLI::App* publish = app.add_subcommand(
            "publish", "Send what is new or changed in a project to the programme store (one transaction)");
        publish->add_option("PROJECT", o->project, "Project file")->required();
        publish->add_option("DB", o->db, "The programme store's connection string")->required();
        publish->add_option("--werkplaats", o->werkplaats, "The werkplaats to publish under (needed the first time)");
        publish->add_flag("--include-unconsented", o->includeUnconsented,
                          "Also publish pins of sessions without recorded consent");
        publish->add_option("--coarsen", o->coarsen, "Move each pin to the centre of a grid cell of this many metres")
            ->check(CLI::PositiveNumber);
        publish->add_flag(
            "--resend-all", o->resendAll,
            "Send everything again, not only what changed since the last publish (nothing is duplicated)");
        publish->callback([&action, o] {
            action = [o] {
                programme::PublishOptions options;
                options.werkplaats = given(o->werkplaats);
                options.includeUnconsented = o->includeUnconsented;
                if (o->coarsen > 0.0) options.coarsenMetres = o->coarsen;
                options.resendAll = o->resendAll;
                pg::Connection c = connectToProgramme(o->db);
                return printReceipt(o->project, programme::publishProject(o->project, c, options));
            };
        });
    }
}

}  // namespace samenkaart::cli
