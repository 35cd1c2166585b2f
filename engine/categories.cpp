#include "engine/categories.hpp"

#include <cctype>

#include "engine/error.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

Category readCategory(Statement& st) {
    Category c;
    c.code = st.columnText(0);
    c.labelNl = st.columnText(1);
    c.labelEn = st.columnText(2);
    c.colour = st.columnText(3);
    c.icon = st.columnText(4);
    c.kind = st.columnText(5);
    c.description = st.columnText(6);
    c.personal = st.columnInt(7) != 0;
    c.fields = nlohmann::json::parse(st.columnText(8), nullptr, false);
    if (c.fields.is_discarded()) c.fields = nlohmann::json::array();
    c.sortOrder = static_cast<int>(st.columnInt(9));
    return c;
}

constexpr const char* kColumns =
    "code, label_nl, label_en, colour, icon, kind, description, personal, fields, sort_order";

}  // namespace

nlohmann::json Category::toJson() const {
    return {{"code", code},     {"label_nl", labelNl},    {"label_en", labelEn},        {"colour", colour},
            {"icon", icon},     {"kind", kind},           {"description", description}, {"personal", personal},
            {"fields", fields}, {"sort_order", sortOrder}};
}

std::optional<std::string> normaliseColour(const std::string& text) {
    std::string t(trimmed(text));
    if (t.empty() || t[0] != '#') return std::nullopt;
    std::string hex = t.substr(1);
    for (char c : hex)
        if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (hex.size() == 3) hex = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
    if (hex.size() != 6) return std::nullopt;
    for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return "#" + hex;
}

void insertDefaultCategories(Database& db) {
    CategoryStore store(db);
    const nlohmann::json helpFields = nlohmann::json::array(
        {{{"key", "who_can_help"}, {"label_nl", "Wie kan helpen"}, {"label_en", "Who can help"}},
         {{"key", "when_available"}, {"label_nl", "Wanneer beschikbaar"}, {"label_en", "When available"}}});
    store.add({"kans", "Kans", "Opportunity", "#2e9e5b", "star", "opportunity",
               "Iets dat de buurt beter kan maken: een lege plek, een pand, een initiatief.", false,
               nlohmann::json::array(), 1});
    store.add({"hulpbron", "Hulpbron", "Resource", "#2f6fb3", "hand", "resource",
               "Iemand of iets dat er al is en kan helpen: een vrijwilliger, een ruimte, gereedschap.", true,
               helpFields, 2});
    store.add({"knelpunt", "Knelpunt", "Concern", "#d0462f", "warning", "concern",
               "Een probleem of onveilige plek: een gevaarlijke oversteek, overlast, slechte verlichting.", false,
               nlohmann::json::array(), 3});
    store.add({"idee", "Idee", "Idea", "#e3a21a", "bulb", "idea", "Een idee of wens voor de buurt.", false,
               nlohmann::json::array(), 4});
}

std::vector<Category> CategoryStore::list() {
    Statement st(db_, std::string("SELECT ") + kColumns + " FROM categories ORDER BY sort_order, code");
    std::vector<Category> out;
    while (st.step()) out.push_back(readCategory(st));
    return out;
}

std::optional<Category> CategoryStore::find(const std::string& code) {
    Statement st(db_, std::string("SELECT ") + kColumns + " FROM categories WHERE code = ?");
    st.bind(1, code);
    if (!st.step()) return std::nullopt;
    return readCategory(st);
}

void CategoryStore::add(Category c) {
    if (c.code.empty() || c.code.size() > 40) throw Error("category " + c.code, "a code must have 1 to 40 characters");
    for (char ch : c.code)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_'))
            throw Error("category " + c.code, "a code may only hold letters a-z, digits, '-' and '_'");
    if (!isValidUtf8(c.labelNl) || !isValidUtf8(c.labelEn) || !isValidUtf8(c.description))
        throw Error("category " + c.code, "a label is not valid UTF-8 text");
    if (trimmed(c.labelNl).empty() || trimmed(c.labelEn).empty())
        throw Error("category " + c.code, "both the Dutch and the English label are required");
    auto colour = normaliseColour(c.colour);
    if (!colour) throw Error("category " + c.code, "colour '" + c.colour + "' is not of the form #rrggbb");
    if (find(c.code)) throw Error("category " + c.code, "already exists");
    if (c.sortOrder == 0)
        c.sortOrder =
            static_cast<int>(db_.queryInt("SELECT coalesce(max(sort_order), 0) + 1 FROM categories").value_or(1));

    Statement st(db_, std::string("INSERT INTO categories (") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, c.code).bind(2, std::string(trimmed(c.labelNl))).bind(3, std::string(trimmed(c.labelEn)));
    st.bind(4, *colour).bind(5, c.icon).bind(6, c.kind).bind(7, c.description);
    st.bind(8, c.personal ? 1 : 0).bind(9, c.fields.dump()).bind(10, c.sortOrder).run();
}

}  // namespace samenkaart
