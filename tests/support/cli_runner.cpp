#include "tests/support/cli_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>

namespace samenkaart::test {

std::string samenkaartExe() { return SAMENKAART_EXE; }

std::string corpusDir() {
    const std::filesystem::path p = std::filesystem::path(SAMENKAART_SHARED_DATA) / "shapefile-corpus";
    return std::filesystem::is_directory(p) ? p.string() : std::string();
}

namespace {
// This process's folder of test files, removed when the process ends (each test is a process of its
// own under CTest, so thousands would pile up in /tmp), unless SAMENKAART_KEEP_TEST_FILES is set.
struct ProcessTempRoot {
    std::filesystem::path path;
    pid_t owner = ::getpid();
    ProcessTempRoot() {
        const char* base = std::getenv("TMPDIR");
        path = std::filesystem::path(base ? base : "/tmp") / ("samenkaart-test-" + std::to_string(owner));
    }
    ~ProcessTempRoot() {
        std::error_code ec;
        if (::getpid() == owner && !std::getenv("SAMENKAART_KEEP_TEST_FILES")) std::filesystem::remove_all(path, ec);
    }
    ProcessTempRoot(const ProcessTempRoot&) = delete;
    ProcessTempRoot& operator=(const ProcessTempRoot&) = delete;
};
}  // namespace

std::string makeTempDir(const std::string& name) {
    static const ProcessTempRoot root;
    const std::filesystem::path dir = root.path / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

CliResult runSamenkaart(const std::vector<std::string>& args, int timeoutSeconds, const std::vector<std::string>& env) {
    int outPipe[2], errPipe[2];
    if (pipe(outPipe) != 0 || pipe(errPipe) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(outPipe[1], 1);
        dup2(errPipe[1], 2);
        close(outPipe[0]);
        close(errPipe[0]);
        const int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        std::string exe = samenkaartExe();
        argv.push_back(exe.data());
        std::vector<std::string> copy = args;
        for (std::string& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(exe.c_str(), argv.data());
        _exit(127);
    }
    close(outPipe[1]);
    close(errPipe[1]);
    CliResult r;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = 2;
    char buf[65536];
    while (open > 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            r.timedOut = true;
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds, 2, static_cast<int>(left.count())) <= 0) continue;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
            const ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            } else {
                (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
            }
        }
    }
    for (auto& f : fds)
        if (f.fd >= 0) close(f.fd);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) r.exitCode = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    return r;
}

}  // namespace samenkaart::test
