#include "gui/window/session_map_writer.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "engine/clock.hpp"
#include "engine/error.hpp"

namespace samenkaart::gui {

std::string writeSessionMap(const std::string& projectPath, int64_t sessionId, const std::string& title,
                            const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const std::string stamp = nowIso8601().substr(0, 10);
    const std::string out = folder + "/sessie-" + std::to_string(sessionId) + "-" + stamp + ".png";
    const std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    std::vector<std::string> args = {
        exe,       "render", projectPath, "--out",     out, "--session", std::to_string(sessionId),
        "--title", title,    "--legend",  "--scalebar"};
    // Built before fork: the child of a process with threads may only call async-signal-safe
    // functions (no malloc) until execv.
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int errPipe[2];
    if (pipe(errPipe) != 0) throw Error(out, "cannot start the map renderer");
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(errPipe[1], 2);
        close(errPipe[0]);
        execv(exe.c_str(), argv.data());
        _exit(127);
    }
    close(errPipe[1]);
    std::string err;
    char buf[1024];
    for (ssize_t n; (n = read(errPipe[0], buf, sizeof buf)) > 0;) err.append(buf, static_cast<size_t>(n));
    close(errPipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        while (!err.empty() && err.back() == '\n') err.pop_back();
        const std::string prefix = "samenkaart: ";
        if (err.rfind(prefix, 0) == 0) err = err.substr(prefix.size());
        throw Error(out, err.empty() ? "the map could not be drawn" : err);
    }
    return out;
}

}  // namespace samenkaart::gui
