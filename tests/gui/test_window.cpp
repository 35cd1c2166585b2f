// The real window, driven as a facilitator would: it opens a project, shows a map that is not blank,
// draws nothing while idle, answers a tap with the buurt's card, and remembers the view.
// Runs under xvfb-run (CTest); the child process and xdotool share its DISPLAY.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include "engine/sqlite_db.hpp"
#include "tests/support/cli_runner.hpp"

using namespace samenkaart::test;
namespace fs = std::filesystem;

namespace {

struct Image {
    int w = 0, h = 0;
    std::vector<uint8_t> rgba;
    std::array<uint8_t, 4> at(int x, int y) const {
        const size_t i = (static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)) * 4;
        return {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]};
    }
};

Image loadPng(const std::string& path) {
    Image img;
    int channels = 0;
    stbi_uc* data = stbi_load(path.c_str(), &img.w, &img.h, &channels, 4);
    if (!data) return img;
    img.rgba.assign(data, data + static_cast<size_t>(img.w) * static_cast<size_t>(img.h) * 4);
    stbi_image_free(data);
    return img;
}

// Waits until the window writes a new screenshot (its mtime changes) or the time runs out.
bool waitForScreenshot(const std::string& path, fs::file_time_type after, int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        std::error_code ec;
        if (fs::exists(path, ec) && fs::last_write_time(path, ec) > after) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let it settle fully
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

double cpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(in, line);
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    std::string f;
    unsigned long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14) utime = std::stoull(f);
        if (i == 15) stime = std::stoull(f);
    }
    return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int xdotool(const std::string& args) { return std::system(("xdotool " + args + " >/dev/null 2>&1").c_str()); }

class Window : public ::testing::Test {
protected:
    std::string dir = makeTempDir("window");
    std::string project = dir + "/wijk.sqlite";
    std::string shot = dir + "/shot.png";
    pid_t pid = -1;

    void SetUp() override {
        if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no DISPLAY: this test runs under xvfb-run from CTest";
        auto r = runSamenkaart(
            {"new", project, "--boundaries", std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample/buurten.geojson"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const std::string session = runSamenkaart({"session", "start", project, "--title", "Test"}).out;
        ASSERT_EQ(runSamenkaart({"pin", "add", project, "--session", session.substr(0, session.size() - 1),
                                 "--category", "knelpunt", "--title", "Oversteek", "--xy", "156400", "464500"})
                      .exitCode,
                  0);
    }

    void TearDown() override {
        if (pid > 0) {
            kill(pid, SIGTERM);
            int status = 0;
            waitpid(pid, &status, 0);
        }
    }

    void start() {
        pid = fork();
        if (pid == 0) {
            setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
            setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
            const std::string exe = samenkaartExe();
            execl(exe.c_str(), exe.c_str(), "open", project.c_str(), "--screenshot", shot.c_str(), "--ui-scale", "1",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
    }
};

}  // namespace

TEST_F(Window, ShowsTheMapIdlesAndAnswersATap) {
    start();
    ASSERT_TRUE(waitForScreenshot(shot, fs::file_time_type::min(), 60)) << "the window never settled";
    Image first = loadPng(shot);
    ASSERT_GT(first.w, 0);
    std::set<uint32_t> colours;
    for (int y = 0; y < first.h; y += 7)
        for (int x = 0; x < first.w; x += 7) {
            auto c = first.at(x, y);
            colours.insert(static_cast<uint32_t>(c[0]) << 16 | static_cast<uint32_t>(c[1]) << 8 | c[2]);
        }
    EXPECT_GT(colours.size(), 40u) << "the window looks blank";

    // Idle: nothing moves, so the loop must block instead of drawing.
    const double before = cpuSeconds(pid);
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const double used = cpuSeconds(pid) - before;
    EXPECT_LT(used / 3.0, 0.02) << "idle CPU " << used / 3.0 * 100 << "% of a core";

    // A tap in the middle of the map selects the buurt under it: a blue outline appears.
    const auto beforeTap = fs::last_write_time(shot);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    xdotool("mousemove " + std::to_string(first.w / 2) + " " + std::to_string(first.h / 2) + " click 1");
    ASSERT_TRUE(waitForScreenshot(shot, beforeTap, 30));
    Image tapped = loadPng(shot);
    int highlight = 0;
    for (int y = 0; y < tapped.h; y += 2)
        for (int x = 0; x < tapped.w; x += 2) {
            auto c = tapped.at(x, y);
            if (c[0] < 60 && c[1] > 70 && c[1] < 120 && c[2] > 170) ++highlight;
        }
    EXPECT_GT(highlight, 50) << "no highlighted buurt after the tap";

    // Zoom in with the keyboard; the view is remembered in the project.
    const auto beforeZoom = fs::last_write_time(shot);
    xdotool("type +");
    ASSERT_TRUE(waitForScreenshot(shot, beforeZoom, 30));
    samenkaart::Database db(project, samenkaart::Database::Mode::ReadOnly);
    auto view = db.queryText("SELECT value FROM project_meta WHERE key = 'gui.view'");
    ASSERT_TRUE(view) << "the view was not remembered";
    auto j = nlohmann::json::parse(*view);
    EXPECT_GT(j["resolution"].get<double>(), 0.0);
    EXPECT_LT(j["resolution"].get<double>(), 3.0) << "zoomed in from the whole wijk (about 3 m/px)";
}

TEST_F(Window, BrokenProjectGivesAMessageNotAWindow) {
    { std::ofstream(project, std::ios::trunc) << "geen project"; }
    auto r = runSamenkaart({"open", project}, 30);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find(project), std::string::npos) << r.err;
}
