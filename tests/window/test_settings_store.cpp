// The facilitator's settings survive a restart, and a damaged or hand-edited file never breaks
// the start (each value falls back to its default on its own).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "gui/window/logic/app_paths.hpp"
#include "gui/window/logic/settings.hpp"
#include "gui/window/logic/ui_scale.hpp"

namespace samenkaart::gui {
namespace {

class SettingsStore : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("samenkaart-settings-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        ::setenv("XDG_CONFIG_HOME", dir_.c_str(), 1);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    void writeRaw(const std::string& text) { std::ofstream(configDirectory() + "/settings.json") << text; }
    std::filesystem::path dir_;
};

TEST_F(SettingsStore, DefaultsWhenNothingWasChosen) {
    const Settings s = loadSettings(Settings{Language::Dutch, 1.25f, true});
    EXPECT_EQ(s.language, Language::Dutch);
    EXPECT_FLOAT_EQ(s.uiScale, 1.25f);
    EXPECT_TRUE(s.onScreenKeyboard);
}

TEST_F(SettingsStore, ChoicesComeBackAndKeepTheLastProject) {
    rememberLastProject("/tmp/buurt.sqlite");
    saveSettings(Settings{Language::English, 2.0f, false});
    const Settings s = loadSettings(Settings{});
    EXPECT_EQ(s.language, Language::English);
    EXPECT_FLOAT_EQ(s.uiScale, 2.0f);
    EXPECT_FALSE(s.onScreenKeyboard);
    std::ifstream in(configDirectory() + "/settings.json");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find("/tmp/buurt.sqlite"), std::string::npos) << text;
}

TEST_F(SettingsStore, DamagedOrOutOfRangeValuesFallBack) {
    writeRaw(R"({"language": 3, "ui_scale": 40, "on_screen_keyboard": false})");
    Settings s = loadSettings(Settings{Language::Dutch, 1.0f, true});
    EXPECT_EQ(s.language, Language::Dutch);
    EXPECT_FLOAT_EQ(s.uiScale, 1.0f);
    EXPECT_FALSE(s.onScreenKeyboard);
    writeRaw("{not json");
    s = loadSettings(Settings{Language::English, 1.5f, true});
    EXPECT_EQ(s.language, Language::English);
    EXPECT_FLOAT_EQ(s.uiScale, 1.5f);
}

TEST(UiScale, TheChosenScaleAsFarAsTheWindowLeaves800By500) {
    EXPECT_FLOAT_EQ(fittedUiScale(2.5f, 3840, 2160), 2.5f);  // a large touchscreen
    EXPECT_FLOAT_EQ(fittedUiScale(2.5f, 1600, 1000), 2.0f);
    EXPECT_FLOAT_EQ(fittedUiScale(2.0f, 1600, 1000), 2.0f);
    EXPECT_FLOAT_EQ(fittedUiScale(2.5f, 1920, 1080), 2.0f);  // 2.16 fits: down to a whole step
    EXPECT_FLOAT_EQ(fittedUiScale(2.5f, 2560, 1440), 2.5f);  // 2.88 fits
    EXPECT_FLOAT_EQ(fittedUiScale(1.75f, 1400, 1050), 1.75f);
    EXPECT_FLOAT_EQ(fittedUiScale(1.5f, 1024, 600), 1.0f);   // 1.2 fits: 1.0, the smallest step
    EXPECT_FLOAT_EQ(fittedUiScale(2.5f, 640, 400), 1.0f);    // a tiny window: never below 1.0
    EXPECT_FLOAT_EQ(fittedUiScale(9.0f, 8000, 5000), 2.5f);  // a hand-edited setting: at most 2.5
    EXPECT_FLOAT_EQ(fittedUiScale(0.5f, 1600, 1000), 1.0f);
    EXPECT_FLOAT_EQ(fittedUiScale(2.5f, 0, 0), 2.5f);  // minimised: keep what was chosen
}

}  // namespace
}  // namespace samenkaart::gui
