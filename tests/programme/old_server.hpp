// A server that says it is PostgreSQL 9.6: it speaks just enough of the wire protocol (startup, and
// "SET" for every simple query) for libpq to connect, so that the store's "too old" check is tested
// against what a real old server tells libpq. No old PostgreSQL is packaged in Debian 12.
#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace samenkaart::test {

class OldServer {
public:
    explicit OldServer(std::string version = "9.6.24");  // listens on 127.0.0.1, a free port
    ~OldServer();
    OldServer(const OldServer&) = delete;
    OldServer& operator=(const OldServer&) = delete;

    std::string conninfo() const;  // host, port, a user and a database

private:
    void serve(int client) const;

    std::string version_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace samenkaart::test
