// A pin's durable commit: PinStore::add (one transaction with its history row, WAL,
// synchronous=FULL) on a fresh project in the temporary folder. Prints p50/p95/p99/max as JSON.
// `bench_pin_commit N --no-reserve` leaves the write-ahead log to grow commit by commit.
// Target (issue 4): p95 <= 5 ms on the development machine.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/categories.hpp"
#include "engine/crs.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"

int main(int argc, char** argv) {
    using namespace samenkaart;
    const int n = argc > 1 ? std::atoi(argv[1]) : 500;
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path path = std::filesystem::path(tmp ? tmp : "/tmp") / "bench_pin_commit.sqlite";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    { auto created = Project::createEmpty(path.string(), describeCrs("EPSG:28992")); }
    auto project = Project::open(path.string());
    // As the window does when it opens a project for a session (see ProjectState).
    const bool reserve = !(argc > 2 && std::string(argv[2]) == "--no-reserve");
    if (reserve) project->db().reserveWriteAheadLog(kSessionWriteAheadLogBytes);
    SessionStore sessions(project->db());
    NewSession s;
    s.title = "bench";
    const int64_t session = sessions.start(s);
    PinStore pins(*project);
    std::vector<double> ms;
    ms.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        NewPin p;
        p.sessionId = session;
        p.category = "idee";
        p.title = "Bankje " + std::to_string(i);
        p.description = "Een bankje bij de vijver, met \xC3\xA9\xC3\xA9n boom erbij.";
        p.position = {155500.0 + i % 100 * 10.0, 463600.0 + i / 100 * 10.0};
        const auto t0 = std::chrono::steady_clock::now();
        pins.add(p);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double q) {
        return ms[std::min(ms.size() - 1, static_cast<size_t>(q * static_cast<double>(ms.size())))];
    };
    std::printf(
        "{\"bench\": \"pin_commit\", \"pins\": %d, \"wal_reserved\": %s, \"p50_ms\": %.3f, \"p95_ms\": %.3f, "
        "\"p99_ms\": %.3f, \"max_ms\": %.3f, \"target_p95_ms\": 5}\n",
        n, reserve ? "true" : "false", pct(0.50), pct(0.95), pct(0.99), ms.back());
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return 0;
}
