// The translation catalog: every key has Dutch and English, every key the code asks for exists, and
// no panel draws a hard-coded string (a grep over the window's sources).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "gui/window/logic/i18n.hpp"
#include "gui/window/logic/write_failure.hpp"
#include "gui/window/panels/on_screen_keyboard.hpp"

namespace samenkaart::gui {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> windowSources() {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(SAMENKAART_SOURCE_DIR) / "gui" / "window"))
        if (e.path().extension() == ".cpp") files.push_back(e.path());
    return files;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(Catalog, EveryKeyHasDutchAndEnglish) {
    EXPECT_GT(catalogSize(), 100u);
    EXPECT_TRUE(catalogComplete());
}

TEST(Catalog, EveryKeyTheWindowAsksForExists) {
    // tr("key"), and both keys of tr(cond ? "a" : "b").
    const std::regex call(R"re(tr\((?:[^;"()]*\?\s*)?"([a-z_]+\.[a-z_.]+)"(?:\s*:\s*"([a-z_]+\.[a-z_.]+)")?)re");
    int seen = 0;
    for (const fs::path& file : windowSources()) {
        const std::string text = read(file);
        for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it)
            for (size_t g = 1; g <= 2; ++g) {
                if (!(*it)[g].matched) continue;
                ++seen;
                EXPECT_TRUE(catalogHas((*it)[g].str())) << file.filename() << ": " << (*it)[g].str();
            }
    }
    EXPECT_GT(seen, 80);
}

TEST(Catalog, NoPanelDrawsAHardCodedString) {
    // A literal given straight to an ImGui call that shows text, or to the touch widgets, may hold an
    // id ("##..."), format directives and punctuation, but no words.
    const std::regex drawCall(
        R"re((?:ImGui::(?:Text|TextUnformatted|TextWrapped|TextDisabled|Button|SmallButton|Selectable|Checkbox|)re"
        R"re(RadioButton|MenuItem|BeginMenu|SetTooltip|CollapsingHeader|BulletText|LabelText)|bigButton\(ctx,|)re"
        R"re(bigCheckbox\(ctx,|textField\(ctx,|heading|wrappedText)\s*\(?\s*"((?:[^"\\]|\\.)*)")re");
    const std::regex coloured(R"re(ImGui::TextColored\([^;]*?\),\s*"((?:[^"\\]|\\.)*)")re");
    const std::regex words(R"re([A-Za-z]{2,})re");
    int checked = 0;
    for (const fs::path& file : windowSources()) {
        const std::string text = read(file);
        for (const std::regex* re : {&drawCall, &coloured})
            for (std::sregex_iterator it(text.begin(), text.end(), *re), end; it != end; ++it) {
                std::string literal = (*it)[1].str();
                literal = literal.substr(0, literal.find("##"));
                literal = std::regex_replace(literal, std::regex(R"re(%[-+ 0-9.]*[a-z]+)re"), "");
                literal = std::regex_replace(literal, std::regex(R"re(\\x[0-9A-Fa-f]{2})re"), "");
                ++checked;
                EXPECT_FALSE(std::regex_search(literal, words))
                    << file.filename() << " draws a hard-coded string: \"" << (*it)[1].str() << "\"";
            }
    }
    EXPECT_GT(checked, 20);
}

TEST(Catalog, DatesAndNumbersFollowTheLanguage) {
    Translator tr;
    EXPECT_EQ(tr.formatNumber(1234.5, 1), "1.234,5");
    tr.setLanguage(Language::English);
    EXPECT_EQ(tr.formatNumber(1234.5, 1), "1,234.5");
    EXPECT_STREQ(tr("form.save"), "Save");
    tr.setLanguage(Language::Dutch);
    EXPECT_STREQ(tr("form.save"), "Opslaan");
}

TEST(WriteFailureMessage, NamesTheFileAndTheCauseInTheUsersLanguage) {
    // The engine's causes, as engine/sqlite_db.cpp words and kinds them.
    const Error full("/media/usb/wijk.sqlite", "the disk is full; free some space and try again", ErrorKind::DiskFull);
    const Error readOnly("/media/usb/wijk.sqlite",
                         "the disk holding the project file is read-only (a USB stick's lock, or the system made it "
                         "read-only after a disk error)",
                         ErrorKind::ReadOnly);
    const Error locked("/media/usb/wijk.sqlite",
                       "the project file is locked by another program; close it there and try again",
                       ErrorKind::Locked);
    EXPECT_EQ(classifyWriteFailure(full), WriteFailure::DiskFull);
    EXPECT_EQ(classifyWriteFailure(readOnly), WriteFailure::ReadOnly);
    EXPECT_EQ(classifyWriteFailure(locked), WriteFailure::Locked);
    EXPECT_EQ(classifyWriteFailure(Error("/media/usb/wijk.sqlite", "disk I/O error")), WriteFailure::Other);
    // The kind decides, never the words: reworded (or translated) causes change nothing.
    EXPECT_EQ(classifyWriteFailure(Error("/x.sqlite", "geen ruimte", ErrorKind::DiskFull)), WriteFailure::DiskFull);
    EXPECT_EQ(classifyWriteFailure(Error("/x.sqlite", "the disk is full, read-only and locked")), WriteFailure::Other);

    Translator tr;
    const std::string nl = writeFailureMessage(tr, "/media/usb/wijk.sqlite", full, true);
    EXPECT_EQ(nl.rfind("Niet opgeslagen in wijk.sqlite: de schijf is vol.", 0), 0u) << nl;
    EXPECT_NE(nl.find("Uw tekst blijft staan."), std::string::npos) << nl;
    EXPECT_NE(nl.find("(/media/usb/wijk.sqlite: the disk is full"), std::string::npos)
        << nl;  // the detail, for support
    // A delete or a move typed nothing: no promise about text.
    EXPECT_EQ(writeFailureMessage(tr, "/media/usb/wijk.sqlite", readOnly, false).find("tekst"), std::string::npos);
    EXPECT_NE(writeFailureMessage(tr, "/media/usb/wijk.sqlite", readOnly, false).find("alleen-lezen"),
              std::string::npos);
    tr.setLanguage(Language::English);
    const std::string en = writeFailureMessage(tr, "/media/usb/wijk.sqlite", locked, true);
    EXPECT_EQ(en.rfind("Not saved in wijk.sqlite: the file is locked by another program.", 0), 0u) << en;
    EXPECT_NE(en.find("Your text is kept."), std::string::npos) << en;
}

TEST(OnScreenKeyboard, BackspaceRemovesAWholeDutchCharacter) {
    std::string s = "caf\xC3\xA9";  // café
    OnScreenKeyboard::eraseLastCharacter(s);
    EXPECT_EQ(s, "caf");
    s = "\xC3\xAB";
    OnScreenKeyboard::eraseLastCharacter(s);
    EXPECT_EQ(s, "");
    OnScreenKeyboard::eraseLastCharacter(s);
    EXPECT_EQ(s, "");
}

}  // namespace
}  // namespace samenkaart::gui
