// The translation catalog: every string the window shows, in Dutch (the default) and English.
// Panels call tr("key"); a missing key shows the key itself, so it is noticed, never blank.
#pragma once

#include <string>
#include <string_view>

namespace samenkaart::gui {

enum class Language { Dutch, English };

class Translator {
public:
    void setLanguage(Language language) { language_ = language; }
    Language language() const { return language_; }
    const char* operator()(std::string_view key) const;

    // A count with its noun in the right number: countOf(1, "pins") is "1 pin", countOf(3, "pins")
    // "3 pins" (the catalog's "pins.one" and "pins.other"; Dutch and English both have these two).
    std::string countOf(long n, std::string_view key) const;
    // "1.234,5" in Dutch, "1,234.5" in English.
    std::string formatNumber(double value, int decimals) const;
    // ISO 8601 UTC text -> "22 nov 2026 19:03" (local time) in the chosen language.
    std::string formatDateTime(const std::string& iso) const;

private:
    Language language_ = Language::Dutch;
};

// A catalog text with `value` in place of its first "{}" ("Wacht nog {} s" -> "Wacht nog 30 s").
std::string fillIn(std::string text, const std::string& value);

// The catalog's keys, for tests that check every key has both languages.
size_t catalogSize();
bool catalogComplete();
bool catalogHas(std::string_view key);

}  // namespace samenkaart::gui
