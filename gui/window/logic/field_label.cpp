#include "gui/window/logic/field_label.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace samenkaart::gui {
namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::string fieldLabel(const Translator& tr, const std::string& field) {
    std::string key = lower(field);
    // Units the source writes as a suffix: shown in brackets after the label.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kUnits = {
        {{"_ha", "ha"}, {"_m2", "m\xC2\xB2"}, {"_km2", "km\xC2\xB2"}, {"_km", "km"}, {"_pct", "%"}}};
    std::string unit;
    for (const auto& [suffix, name] : kUnits)
        if (key.size() > suffix.size() && key.ends_with(suffix)) {
            key.resize(key.size() - suffix.size());
            unit = name;
            break;
        }
    std::string label;
    const std::string catalogKey = "field." + key;
    if (catalogHas(catalogKey)) {
        label = tr(catalogKey);
    } else {
        label = key;
        for (char& c : label)
            if (c == '_') c = ' ';
        if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    }
    return unit.empty() ? label : label + " (" + unit + ")";
}

std::string fieldValue(const Translator& tr, const std::string& value) {
    if (value.empty() || value.size() > 20) return value;
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    if (end != value.c_str() + value.size() || !std::isfinite(number)) return value;
    // Codes with leading zeros ("0301") are names, not numbers.
    if (value.size() > 1 && value[0] == '0' && value[1] != '.') return value;
    const size_t dot = value.find('.');
    const int decimals = dot == std::string::npos ? 0 : static_cast<int>(value.size() - dot - 1);
    return tr.formatNumber(number, decimals);
}

}  // namespace samenkaart::gui
