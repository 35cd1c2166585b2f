#include "gui/window/input/x11_touch.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>  // glfwGetX11Display, glfwGetX11Window (its Xrandr.h: libxrandr-dev)
#include <X11/Xlib.h>
#include <X11/extensions/XInput2.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <optional>

#include "gui/window/input/xi_touch_decode.hpp"

namespace samenkaart::gui {
namespace {

// Xlib reports protocol errors through one process-wide handler without a context pointer, and its
// default handler ends the process. The few requests that may fail (a device unplugged between its
// event and our question about it) run under withoutXErrors, on the main thread, which notes the
// error here instead.
int& lastXError() {
    static int code = 0;
    return code;
}

int noteXError(Display*, XErrorEvent* error) {
    lastXError() = error->error_code;
    return 0;
}

template <class Request>
bool withoutXErrors(Display* display, Request&& request) {
    XSync(display, False);
    lastXError() = 0;
    auto* previous = XSetErrorHandler(noteXError);
    request();
    XSync(display, False);
    XSetErrorHandler(previous);
    return lastXError() == 0;
}

}  // namespace

struct X11TouchSource::Connection {
    Display* glfwDisplay = nullptr;  // GLFW's, only waited on
    Display* own = nullptr;
    ::Window window = 0;
    int xiOpcode = 0;
    std::map<int, bool> directTouch;  // per source device: a touchscreen (not a touchpad)

    Connection() = default;
    Connection(const Connection&) = delete;  // it owns `own`
    Connection& operator=(const Connection&) = delete;
    ~Connection() {
        if (own) XCloseDisplay(own);
    }
};

X11TouchSource::X11TouchSource(std::unique_ptr<Connection> connection, int stopFd)
    : x_(std::move(connection)), stopFd_(stopFd), watcher_([this] { watch(); }) {}

X11TouchSource::~X11TouchSource() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    drained_.notify_all();
    const uint64_t one = 1;
    (void)!::write(stopFd_, &one, sizeof one);
    watcher_.join();
    ::close(stopFd_);
}

void X11TouchSource::watch() {
    const int socket = ConnectionNumber(x_->own);  // the number only: this thread never calls Xlib
    while (true) {
        {
            std::unique_lock lock(mutex_);
            drained_.wait(lock, [this] { return watching_ || stopping_; });
            if (stopping_) return;
        }
        pollfd fds[2] = {{socket, POLLIN, 0}, {stopFd_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) continue;  // EINTR
        if (fds[1].revents) return;
        if (fds[0].revents) {
            {
                std::lock_guard lock(mutex_);
                watching_ = false;  // until the main thread has read what is there
            }
            glfwPostEmptyEvent();
        }
    }
}

std::unique_ptr<X11TouchSource> X11TouchSource::open(GLFWwindow* window) {
    auto x = std::make_unique<Connection>();
    x->glfwDisplay = glfwGetX11Display();
    x->window = x->glfwDisplay ? glfwGetX11Window(window) : 0;
    if (!x->glfwDisplay || !x->window) return nullptr;
    x->own = XOpenDisplay(DisplayString(x->glfwDisplay));
    if (!x->own) return nullptr;
    int event = 0, error = 0;
    if (!XQueryExtension(x->own, "XInputExtension", &x->xiOpcode, &event, &error)) return nullptr;
    int major = 2, minor = 2;
    if (XIQueryVersion(x->own, &major, &minor) != Success || major < 2 || (major == 2 && minor < 2)) return nullptr;

    unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(bits, XI_TouchBegin);
    XISetMask(bits, XI_TouchUpdate);
    XISetMask(bits, XI_TouchEnd);
    XIEventMask mask{XIAllMasterDevices, static_cast<int>(sizeof bits), bits};
    // BadAccess when another client already reads touches on this window: then it keeps them.
    if (!withoutXErrors(x->own, [&] { XISelectEvents(x->own, x->window, &mask, 1); })) return nullptr;
    // Devices plugged in or out: what is known about them (directTouch) is forgotten.
    unsigned char hierarchyBits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(hierarchyBits, XI_HierarchyChanged);
    XIEventMask hierarchy{XIAllDevices, static_cast<int>(sizeof hierarchyBits), hierarchyBits};
    XISelectEvents(x->own, DefaultRootWindow(x->own), &hierarchy, 1);
    XFlush(x->own);
    const int stopFd = eventfd(0, EFD_CLOEXEC);
    if (stopFd < 0) return nullptr;  // no watcher, no wake-ups: better X's pointer emulation
    return std::unique_ptr<X11TouchSource>(new X11TouchSource(std::move(x), stopFd));
}

bool X11TouchSource::isDirectTouch(int sourceDevice) {
    if (auto known = x_->directTouch.find(sourceDevice); known != x_->directTouch.end()) return known->second;
    bool direct = false;
    withoutXErrors(x_->own, [&] {
        int count = 0;
        XIDeviceInfo* info = XIQueryDevice(x_->own, sourceDevice, &count);
        for (int d = 0; d < count; ++d)
            for (int c = 0; c < info[d].num_classes; ++c)
                if (info[d].classes[c]->type == XITouchClass)
                    direct = reinterpret_cast<const XITouchClassInfo*>(info[d].classes[c])->mode == XIDirectTouch;
        if (info) XIFreeDeviceInfo(info);
    });
    // A touchpad's touches (XIDependentTouch) are where the pointer is, not where the finger is:
    // the pointer already stands for them.
    x_->directTouch[sourceDevice] = direct;
    return direct;
}

std::vector<TouchPoint> X11TouchSource::takeTouches() {
    std::vector<TouchPoint> touches;
    while (XPending(x_->own) > 0) {
        XEvent event;
        XNextEvent(x_->own, &event);
        XGenericEventCookie* cookie = &event.xcookie;
        if (cookie->type != GenericEvent || cookie->extension != x_->xiOpcode || !XGetEventData(x_->own, cookie))
            continue;
        if (cookie->evtype == XI_HierarchyChanged) {
            x_->directTouch.clear();
            XFreeEventData(x_->own, cookie);
            continue;
        }
        const auto* device = static_cast<const XIDeviceEvent*>(cookie->data);
        const std::optional<TouchPoint> touch = decodeTouchEvent(*device, x_->window);
        const int source = device->sourceid;
        XFreeEventData(x_->own, cookie);
        if (touch && isDirectTouch(source)) touches.push_back(*touch);
    }
    {
        std::lock_guard lock(mutex_);
        watching_ = true;
    }
    drained_.notify_one();
    return touches;
}

}  // namespace samenkaart::gui
