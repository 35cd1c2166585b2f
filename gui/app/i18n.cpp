#include "gui/app/i18n.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <unordered_map>

namespace samenkaart::gui {
namespace {

struct Entry {
    const char* nl;
    const char* en;
};

const std::unordered_map<std::string_view, Entry>& catalog() {
    static const std::unordered_map<std::string_view, Entry> kCatalog = {
        {"app.title", {"Samenkaart", "Samenkaart"}},
        {"map.loading", {"Kaart laden...", "Loading map..."}},
        {"map.load_failed", {"De kaart kon niet worden geladen", "The map could not be loaded"}},
        {"map.zoom_in", {"Inzoomen", "Zoom in"}},
        {"map.zoom_out", {"Uitzoomen", "Zoom out"}},
        {"map.whole", {"Hele wijk", "Whole area"}},
        {"map.north", {"N", "N"}},
        {"legend.title", {"Legenda", "Legend"}},
        {"legend.pins", {"pins", "pins"}},
        {"card.close", {"Sluiten", "Close"}},
        {"card.pins_here", {"Pins in deze buurt", "Pins in this area"}},
        {"card.attributes", {"Gegevens", "Attributes"}},
        {"card.no_pins", {"Nog geen pins", "No pins yet"}},
        {"card.total", {"Totaal", "Total"}},
        {"status.boundaries", {"buurten", "areas"}},
        {"status.pins", {"pins", "pins"}},
        {"status.saved", {"Alles opgeslagen", "All saved"}},
        {"status.crs", {"Kaart", "Map"}},
        {"menu.language", {"English", "Nederlands"}},
        {"layers.title", {"Lagen", "Layers"}},
        {"layers.hide", {"Lagen verbergen", "Hide layers"}},
        {"layers.opacity_format", {"dekking %.2f", "opacity %.2f"}},
        {"layers.remove", {"Verwijder", "Remove"}},
        {"layers.add", {"Toevoegen", "Add"}},
        {"layers.add_hint", {"Kaartlaag toevoegen (pad naar bestand):", "Add a map layer (path to a file):"}},
        {"error.title", {"Er ging iets mis", "Something went wrong"}},
        {"error.ok", {"OK", "OK"}},
    };
    return kCatalog;
}

const char* kMonthsNl[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
const char* kMonthsEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

const char* Translator::operator()(std::string_view key) const {
    const auto& c = catalog();
    auto it = c.find(key);
    if (it == c.end()) return key.data();
    return language_ == Language::Dutch ? it->second.nl : it->second.en;
}

std::string Translator::formatNumber(double value, int decimals) const {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::abs(value));
    std::string digits = buf;
    const size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : digits.substr(dot + 1);
    const char group = language_ == Language::Dutch ? '.' : ',';
    const char decimal = language_ == Language::Dutch ? ',' : '.';
    std::string grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
        grouped += whole[i];
    }
    std::string out = (value < 0 ? "-" : "") + grouped;
    if (!frac.empty()) out += decimal + frac;
    return out;
}

std::string Translator::formatDateTime(const std::string& iso) const {
    std::tm tm{};
    if (iso.size() < 19 || !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return iso;
    const std::time_t utc = timegm(&tm);
    std::tm local{};
    localtime_r(&utc, &local);
    char buf[64];
    const char* month = (language_ == Language::Dutch ? kMonthsNl : kMonthsEn)[local.tm_mon];
    if (language_ == Language::Dutch)
        std::snprintf(buf, sizeof buf, "%d %s %d %02d:%02d", local.tm_mday, month, local.tm_year + 1900, local.tm_hour,
                      local.tm_min);
    else
        std::snprintf(buf, sizeof buf, "%s %d, %d %02d:%02d", month, local.tm_mday, local.tm_year + 1900, local.tm_hour,
                      local.tm_min);
    return buf;
}

size_t catalogSize() { return catalog().size(); }

bool catalogComplete() {
    for (const auto& [key, e] : catalog())
        if (!e.nl || !e.en || !*e.nl || !*e.en) return false;
    return true;
}

}  // namespace samenkaart::gui
