// Multi-touch on Linux/X11: reads XInput2 (2.2) touch events for the GLFW window on a second X
// connection of its own.
//
// Why a second connection: GLFW 3.3 announces XI 2.0 on its connection at glfwInit, and the X server
// (xserver's ProcXIQueryVersion) then keeps answering 2.0 to that client, and refuses touch masks to
// it; and GLFW drops every XI event it does not use itself. A connection of our own announces 2.2,
// selects the touch events on GLFW's window, and gets them; GLFW never sees them.
//
// GLFW still does the waiting (glfwWaitEvents*: its connection, its empty-event pipe, joysticks). A
// watcher thread sleeps in poll() on this connection's socket and, when touches arrive, wakes GLFW's
// wait with glfwPostEmptyEvent (thread-safe); it never calls Xlib. Only the main thread reads the
// connection (takeTouches), after which the watcher watches again.
//
// Once a client selects touch events on a window, X stops emulating the pointer for touches on it:
// TouchRouter then decides where each finger goes (see touch_router.hpp).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "gui/window/input/touch_router.hpp"

struct GLFWwindow;

namespace samenkaart::gui {

class X11TouchSource {
public:
    // Nothing when the display is not X11, or the server has no XInput 2.2; then X's pointer
    // emulation keeps working for the first finger and the window reads only the pointer.
    static std::unique_ptr<X11TouchSource> open(GLFWwindow* window);
    ~X11TouchSource();
    X11TouchSource(const X11TouchSource&) = delete;
    X11TouchSource& operator=(const X11TouchSource&) = delete;

    // The touch events that arrived, in order, without blocking (main thread).
    std::vector<TouchPoint> takeTouches();

private:
    struct Connection;
    X11TouchSource(std::unique_ptr<Connection> connection, int stopFd);
    bool isDirectTouch(int sourceDevice);
    void watch();

    std::unique_ptr<Connection> x_;
    int stopFd_ = -1;  // an eventfd: written once to end the watcher
    std::mutex mutex_;
    std::condition_variable drained_;
    bool watching_ = true;  // false from a wake-up until the main thread has read the connection
    bool stopping_ = false;
    std::thread watcher_;  // last: starts once everything above is set up
};

}  // namespace samenkaart::gui
