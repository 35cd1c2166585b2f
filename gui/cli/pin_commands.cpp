// samenkaart pin add|list|edit|move|delete|restore
#include <iomanip>
#include <iostream>

#include "engine/error.hpp"
#include "engine/pins.hpp"
#include "gui/cli/cli_support.hpp"

namespace samenkaart::cli {
namespace {

struct PinOptions {
    std::string project;
    std::string pinId;
    std::string session;
    std::string category;
    std::string title;
    std::string description;
    std::string contributor;
    std::string attributes;  // JSON object
    PositionOptions position;
};

nlohmann::json parseAttributes(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) throw Error("--fields", "must be a JSON object, e.g. '{\"who_can_help\": \"Jan\"}'");
    return j;
}

int runAdd(PinOptions& o, CLI::App& cmd) {
    o.position.requireGiven();
    auto project = Project::open(o.project);
    PinStore pins(*project);
    NewPin n;
    n.sessionId = parseSessionId(o.session);
    n.category = o.category;
    n.title = o.title;
    n.description = o.description;
    if (cmd.count("--contributor")) n.contributor = o.contributor;
    if (!o.attributes.empty()) n.attributes = parseAttributes(o.attributes);
    n.position = o.position.resolve(pins);
    std::cout << pins.add(n) << "\n";
    return kExitOk;
}

int runList(const std::string& path, const PinFilterOptions& which, bool json, bool includeDeleted) {
    PinFilter f = which.resolve();
    f.includeDeleted = includeDeleted;
    auto project = Project::open(path, true);
    PinStore pins(*project);
    pins.checkFilter(f);
    auto list = pins.list(f);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const Pin& p : list) out.push_back(pins.toJson(p));
        std::cout << out.dump(2) << "\n";
        return kExitOk;
    }
    std::cout << std::fixed << std::setprecision(2);
    for (const Pin& p : list)
        std::cout << p.id << "\t" << p.sessionId << "\t" << p.category << "\t" << p.position.x << "\t" << p.position.y
                  << "\t" << p.title << (p.isLive() ? "" : "\t(deleted)") << "\n";
    return kExitOk;
}

int runEdit(PinOptions& o, CLI::App& cmd) {
    PinEdit e;
    if (cmd.count("--category")) e.category = o.category;
    if (cmd.count("--title")) e.title = o.title;
    if (cmd.count("--description")) e.description = o.description;
    if (cmd.count("--contributor")) e.contributor = o.contributor;
    if (cmd.count("--fields")) e.attributes = parseAttributes(o.attributes);
    if (!e.category && !e.title && !e.description && !e.contributor && !e.attributes)
        throw UsageError("nothing to change: give --title, --description, --category, --contributor or --fields");
    auto project = Project::open(o.project);
    PinStore(*project).edit(o.pinId, e);
    return kExitOk;
}

void addTextOptions(CLI::App& cmd, PinOptions& o, bool required) {
    auto* cat = cmd.add_option("--category", o.category, "Category code (see: samenkaart category list)");
    auto* title = cmd.add_option("--title", o.title, "Short title");
    if (required) {
        cat->required();
        title->required();
    }
    cmd.add_option("--description", o.description, "Longer description");
    cmd.add_option("--contributor", o.contributor, "Alias of the resident who contributed it (optional)");
    cmd.add_option("--fields", o.attributes, "The category's extra fields as a JSON object");
}

}  // namespace

void addPinCommands(CLI::App& app, CommandAction& action) {
    CLI::App* pin = app.add_subcommand("pin", "Add, list, edit, move and delete pins");
    pin->require_subcommand(1);

    {
        auto o = std::make_shared<PinOptions>();
        CLI::App* add = pin->add_subcommand("add", "Add a pin; prints only its id");
        add->add_option("PROJECT", o->project, "Project file")->required();
        add->add_option("--session", o->session, "Session id (see: samenkaart session list)")->required();
        addTextOptions(*add, *o, true);
        o->position.addTo(*add);
        add->callback([&action, o, add] { action = [o, add] { return runAdd(*o, *add); }; });
    }
    {
        auto path = std::make_shared<std::string>();
        auto which = std::make_shared<PinFilterOptions>();
        auto json = std::make_shared<bool>(false);
        auto deleted = std::make_shared<bool>(false);
        CLI::App* list = pin->add_subcommand("list", "List live pins: id, session, category, x, y, title");
        list->add_option("PROJECT", *path, "Project file")->required();
        which->addTo(*list, "List");
        list->add_flag("--json", *json, "Print JSON (with lon/lat and every field)");
        list->add_flag("--include-deleted", *deleted, "Also list deleted pins");
        list->callback([&action, path, which, json, deleted] {
            action = [=] { return runList(*path, *which, *json, *deleted); };
        });
    }
    {
        auto o = std::make_shared<PinOptions>();
        CLI::App* edit = pin->add_subcommand("edit", "Change a pin's text or category");
        edit->add_option("PROJECT", o->project, "Project file")->required();
        edit->add_option("PIN_ID", o->pinId, "Pin id")->required();
        addTextOptions(*edit, *o, false);
        edit->callback([&action, o, edit] { action = [o, edit] { return runEdit(*o, *edit); }; });
    }
    {
        auto o = std::make_shared<PinOptions>();
        CLI::App* move = pin->add_subcommand("move", "Move a pin");
        move->add_option("PROJECT", o->project, "Project file")->required();
        move->add_option("PIN_ID", o->pinId, "Pin id")->required();
        o->position.addTo(*move);
        move->callback([&action, o] {
            action = [o] {
                o->position.requireGiven();
                auto project = Project::open(o->project);
                PinStore pins(*project);
                pins.move(o->pinId, o->position.resolve(pins));
                return kExitOk;
            };
        });
    }
    for (bool remove : {true, false}) {
        auto o = std::make_shared<PinOptions>();
        CLI::App* c = pin->add_subcommand(
            remove ? "delete" : "restore",
            remove ? "Delete a pin (kept in the history; undo brings it back)" : "Bring a deleted pin back");
        c->add_option("PROJECT", o->project, "Project file")->required();
        c->add_option("PIN_ID", o->pinId, "Pin id")->required();
        c->callback([&action, o, remove] {
            action = [o, remove] {
                auto project = Project::open(o->project);
                PinStore pins(*project);
                if (remove)
                    pins.remove(o->pinId);
                else
                    pins.restore(o->pinId);
                return kExitOk;
            };
        });
    }
}

}  // namespace samenkaart::cli
