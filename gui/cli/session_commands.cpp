// samenkaart session start|close|reopen|list|consent, category list|add
#include <iostream>

#include "engine/categories.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "gui/cli/cli_support.hpp"

namespace samenkaart::cli {
namespace {

struct StartOptions {
    std::string project;
    std::string title;
    std::string facilitator, location, notes;
    int64_t participants = -1;
    bool consent = false;
};

int runStart(const StartOptions& o) {
    auto project = Project::open(o.project);
    NewSession s;
    s.title = o.title;
    s.facilitator = given(o.facilitator);
    s.location = given(o.location);
    s.notes = given(o.notes);
    if (o.participants >= 0) s.participantCount = o.participants;
    s.consent = o.consent;
    std::cout << SessionStore(project->db()).start(s) << "\n";
    return kExitOk;
}

int runList(const std::string& path, bool json) {
    auto project = Project::open(path, true);
    auto sessions = SessionStore(project->db()).list();
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const Session& s : sessions) out.push_back(s.toJson());
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    for (const Session& s : sessions)
        std::cout << s.id << "\t" << (s.isOpen() ? "open" : "closed") << "\t" << s.startedAt << "\t" << s.title << "\n";
    return kExitOk;
}

int runCategoryList(const std::string& path, bool json) {
    auto project = Project::open(path, true);
    auto categories = CategoryStore(project->db()).list();
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const Category& c : categories) out.push_back(c.toJson());
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    for (const Category& c : categories)
        std::cout << c.code << "\t" << c.labelNl << "\t" << c.labelEn << "\t" << c.colour << "\n";
    return kExitOk;
}

}  // namespace

void addSessionCommands(CLI::App& app, CommandAction& action) {
    CLI::App* session = app.add_subcommand("session", "Start, close, reopen and list mapping sessions");
    session->require_subcommand(1);

    auto o = std::make_shared<StartOptions>();
    CLI::App* start = session->add_subcommand("start", "Start a session; prints only its id");
    start->add_option("PROJECT", o->project, "Project file")->required();
    start->add_option("--title", o->title, "Title, e.g. 'Buurtavond De Vlinderhof'")->required();
    start->add_option("--facilitator", o->facilitator, "Who leads the session");
    start->add_option("--location", o->location, "Where (a place or a buurt)");
    start->add_option("--participants", o->participants, "Number of participants")->check(CLI::NonNegativeNumber);
    start->add_option("--notes", o->notes, "Notes");
    start->add_flag("--consent", o->consent, "Participants agreed that their contributions are used for research");
    start->callback([&action, o] { action = [o] { return runStart(*o); }; });

    struct Verb {
        const char* name;
        const char* help;
        void (SessionStore::*apply)(int64_t);
    };
    for (const Verb& verb : {Verb{"close", "Close a session", &SessionStore::close},
                             Verb{"reopen", "Open a closed session again", &SessionStore::reopen},
                             Verb{"consent", "Record that a session's participants gave consent for research use",
                                  &SessionStore::recordConsent}}) {
        auto path = std::make_shared<std::string>();
        auto id = std::make_shared<std::string>();
        CLI::App* c = session->add_subcommand(verb.name, verb.help);
        c->add_option("PROJECT", *path, "Project file")->required();
        c->add_option("ID", *id, "Session id")->required();
        c->callback([&action, path, id, apply = verb.apply] {
            action = [=] {
                auto project = Project::open(*path);
                SessionStore store(project->db());
                (store.*apply)(parseSessionId(*id));
                return kExitOk;
            };
        });
    }

    auto listPath = std::make_shared<std::string>();
    auto listJson = std::make_shared<bool>(false);
    CLI::App* list = session->add_subcommand("list", "List sessions: id, open/closed, start time, title");
    list->add_option("PROJECT", *listPath, "Project file")->required();
    list->add_flag("--json", *listJson, "Print JSON");
    list->callback([&action, listPath, listJson] { action = [=] { return runList(*listPath, *listJson); }; });
}

void addCategoryCommands(CLI::App& app, CommandAction& action) {
    CLI::App* category = app.add_subcommand("category", "List and add pin categories");
    category->require_subcommand(1);

    auto listPath = std::make_shared<std::string>();
    auto listJson = std::make_shared<bool>(false);
    CLI::App* list = category->add_subcommand("list", "One category a line: code, Dutch label, English label, colour");
    list->add_option("PROJECT", *listPath, "Project file")->required();
    list->add_flag("--json", *listJson, "Print JSON with every field");
    list->callback([&action, listPath, listJson] { action = [=] { return runCategoryList(*listPath, *listJson); }; });

    auto path = std::make_shared<std::string>();
    auto c = std::make_shared<Category>();
    CLI::App* add = category->add_subcommand("add", "Add a category");
    add->add_option("PROJECT", *path, "Project file")->required();
    add->add_option("CODE", c->code, "Short code: letters, digits, '-' or '_'")->required();
    add->add_option("--label-nl", c->labelNl, "Dutch label")->required();
    add->add_option("--label-en", c->labelEn, "English label")->required();
    add->add_option("--colour,--color", c->colour, "Colour as #rrggbb")->required();
    add->add_option("--icon", c->icon, "Icon name (star, hand, warning, bulb, heart, home, tree, bike, ...)");
    add->add_option("--kind", c->kind, "Kind, e.g. opportunity, resource, concern, idea");
    add->add_option("--description", c->description, "What belongs in this category");
    add->add_flag("--personal", c->personal, "Pins may identify a person: anonymised in exports");
    add->callback([&action, path, c] {
        action = [=] {
            auto project = Project::open(*path);
            CategoryStore(project->db()).add(*c);
            return kExitOk;
        };
    });
}

}  // namespace samenkaart::cli
