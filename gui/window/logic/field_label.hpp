// How a buurt's attribute is shown on its card: a readable label instead of the source file's
// field name ("oppervlakte_ha" -> "Oppervlakte (ha)"), and numbers written the language's way.
#pragma once

#include <string>

#include "gui/window/logic/i18n.hpp"

namespace samenkaart::gui {

// A known field (CBS-style buurt data: buurtnaam, inwoners, oppervlakte_ha, ...) by the catalog;
// any other with its underscores as spaces, its first letter capital and a unit suffix in brackets.
std::string fieldLabel(const Translator& tr, const std::string& field);
// A plain number in the language's notation ("52.38" -> "52,38" in Dutch); other text unchanged.
std::string fieldValue(const Translator& tr, const std::string& value);

}  // namespace samenkaart::gui
