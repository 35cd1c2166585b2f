// X11TouchSource against a real X server (Xvfb, from CTest): it gets XInput 2.2 on its own
// connection and takes the window's touch events (another client then cannot), and while GLFW
// waits, input on that connection wakes the wait (its watcher thread) as glfwPostEmptyEvent still does.
// Xvfb has no touchscreen, so the input used here is a device hierarchy change, which the source
// also reads; real touch events are covered by the decoding and routing tests.
#include <gtest/gtest.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>
#include <X11/Xlib.h>
#include <X11/extensions/XInput2.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "gui/window/input/x11_touch.hpp"

namespace samenkaart::gui {
namespace {

int lastError = 0;  // Xlib's error handler has no context pointer; this test is single-threaded there
int noteError(Display*, XErrorEvent* e) {
    lastError = e->error_code;
    return 0;
}

double secondsWaiting(double timeout) {
    const auto start = std::chrono::steady_clock::now();
    glfwWaitEventsTimeout(timeout);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class X11Touch : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no DISPLAY: this test runs under xvfb-run from CTest";
        ASSERT_TRUE(glfwInit());
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        window = glfwCreateWindow(320, 240, "x11 touch test", nullptr, nullptr);
        ASSERT_NE(window, nullptr);
        other = XOpenDisplay(nullptr);  // another program on the same display
        ASSERT_NE(other, nullptr);
        int major = 2, minor = 2;
        ASSERT_EQ(XIQueryVersion(other, &major, &minor), Success);
    }
    void TearDown() override {
        if (other) XCloseDisplay(other);
        if (window) glfwDestroyWindow(window);
        glfwTerminate();
    }
    // Lets everything that is pending arrive and be handled, so the next wait starts idle.
    void settle(X11TouchSource* source) {
        for (int i = 0; i < 5; ++i) {
            glfwWaitEventsTimeout(0.05);
            if (source) source->takeTouches();
        }
    }
    // Another client adds (or removes) a master device: every XI 2 client selecting hierarchy
    // events hears of it; GLFW's connection does not select them.
    void changeDeviceHierarchy(bool add) {
        if (add) {
            XIAddMasterInfo info{};
            info.type = XIAddMaster;
            info.name = const_cast<char*>("touch test");
            info.send_core = True;
            info.enable = True;
            XIChangeHierarchy(other, reinterpret_cast<XIAnyHierarchyChangeInfo*>(&info), 1);
        } else {
            int count = 0;
            XIDeviceInfo* devices = XIQueryDevice(other, XIAllMasterDevices, &count);
            for (int i = 0; i < count; ++i) {
                if (devices[i].use != XIMasterPointer || std::strcmp(devices[i].name, "touch test pointer") != 0)
                    continue;
                XIRemoveMasterInfo info{};
                info.type = XIRemoveMaster;
                info.deviceid = devices[i].deviceid;
                info.return_mode = XIFloating;
                XIChangeHierarchy(other, reinterpret_cast<XIAnyHierarchyChangeInfo*>(&info), 1);
            }
            XIFreeDeviceInfo(devices);
        }
        XSync(other, False);
    }

    GLFWwindow* window = nullptr;
    Display* other = nullptr;
};

TEST_F(X11Touch, TakesTheWindowsTouchEvents) {
    auto source = X11TouchSource::open(window);
    ASSERT_NE(source, nullptr) << "Xvfb offers XInput 2.2";
    unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(bits, XI_TouchBegin);
    XISetMask(bits, XI_TouchUpdate);
    XISetMask(bits, XI_TouchEnd);
    XIEventMask mask{XIAllMasterDevices, static_cast<int>(sizeof bits), bits};
    auto* previous = XSetErrorHandler(noteError);
    lastError = 0;
    XISelectEvents(other, glfwGetX11Window(window), &mask, 1);
    XSync(other, False);
    EXPECT_EQ(lastError, BadAccess) << "only one client may read a window's touches: the window does";
    source.reset();  // its connection closes: the window's touches are free again
    lastError = 0;
    XISelectEvents(other, glfwGetX11Window(window), &mask, 1);
    XSync(other, False);
    EXPECT_EQ(lastError, Success);
    XSetErrorHandler(previous);
}

TEST_F(X11Touch, InputOnTheTouchConnectionWakesGlfwsWait) {
    auto source = X11TouchSource::open(window);
    ASSERT_NE(source, nullptr);
    // Without the source, the same change does not wake GLFW: what wakes it below is the watcher.
    settle(nullptr);
    source.reset();
    settle(nullptr);
    std::thread add([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        changeDeviceHierarchy(true);
    });
    EXPECT_GT(secondsWaiting(1.0), 0.95);
    add.join();

    source = X11TouchSource::open(window);
    ASSERT_NE(source, nullptr);
    settle(source.get());
    std::thread remove([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        changeDeviceHierarchy(false);
    });
    const double waited = secondsWaiting(5.0);
    remove.join();
    EXPECT_LT(waited, 1.0) << "the touch connection's input did not wake the wait";
    EXPECT_TRUE(source->takeTouches().empty());  // read (and no touches): the watcher watches again

    // And again: the watcher re-armed after the main thread read the connection.
    settle(source.get());
    std::thread addAgain([this] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        changeDeviceHierarchy(true);
    });
    EXPECT_LT(secondsWaiting(5.0), 1.0);
    addAgain.join();
    source->takeTouches();
    changeDeviceHierarchy(false);
}

TEST_F(X11Touch, GlfwPostEmptyEventStillWakesTheWait) {
    auto source = X11TouchSource::open(window);
    ASSERT_NE(source, nullptr);
    settle(source.get());
    std::thread worker([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        glfwPostEmptyEvent();
    });
    const double waited = secondsWaiting(5.0);
    worker.join();
    EXPECT_LT(waited, 1.0);
    // Idle stays idle: nothing wakes the wait without a reason.
    source->takeTouches();
    settle(source.get());
    EXPECT_GT(secondsWaiting(0.5), 0.45);
}

}  // namespace
}  // namespace samenkaart::gui
