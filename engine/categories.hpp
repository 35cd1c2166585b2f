// Pin categories: the codebook residents choose from. Four defaults come with every project.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/sqlite_db.hpp"

namespace samenkaart {

struct Category {
    std::string code;
    std::string labelNl;
    std::string labelEn;
    std::string colour;  // "#rrggbb", lower case
    std::string icon;    // icon name from the app's icon set
    std::string kind;    // opportunity, resource, concern, idea, or the user's own word
    std::string description;
    bool personal = false;                            // pins may identify a person: exports anonymise them
    nlohmann::json fields = nlohmann::json::array();  // extra fields: [{"key", "label_nl", "label_en"}]
    int sortOrder = 0;

    nlohmann::json toJson() const;
};

void insertDefaultCategories(Database& db);

class CategoryStore {
public:
    explicit CategoryStore(Database& db) : db_(db) {}

    std::vector<Category> list();
    std::optional<Category> find(const std::string& code);
    // Validates the code (letters, digits, '-', '_'), labels (non-empty) and colour; throws Error.
    void add(Category category);

private:
    Database& db_;
};

// "#RGB" or "#RRGGBB" (any case) -> "#rrggbb"; nullopt for anything else.
std::optional<std::string> normaliseColour(const std::string& text);

}  // namespace samenkaart
