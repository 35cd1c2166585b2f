#include "tests/programme/old_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace samenkaart::test {
namespace {

bool readAll(int fd, void* data, size_t size) {
    auto* p = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t n = ::recv(fd, p, size, 0);
        if (n <= 0) return false;
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

uint32_t readLength(int fd) {
    uint32_t length = 0;
    return readAll(fd, &length, 4) ? ntohl(length) : 0;
}

// One backend message: type, length (itself included) and body.
void put(std::string& out, char type, const std::string& body) {
    out += type;
    const uint32_t length = htonl(static_cast<uint32_t>(body.size() + 4));
    out.append(reinterpret_cast<const char*>(&length), 4);
    out += body;
}

std::string int32(uint32_t v) {
    const uint32_t n = htonl(v);
    return {reinterpret_cast<const char*>(&n), 4};
}

std::string parameter(const std::string& name, const std::string& value) { return name + '\0' + value + '\0'; }

}  // namespace

OldServer::OldServer(std::string version) : version_(std::move(version)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(listener_, 8) != 0 || ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
        throw std::runtime_error("the old server cannot listen");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
        while (!stop_) {
            pollfd p{listener_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            const int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0) continue;
            serve(client);
            ::close(client);
        }
    });
}

OldServer::~OldServer() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
}

std::string OldServer::conninfo() const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=samenkaart_admin dbname=programme";
}

void OldServer::serve(int client) const {
    // SSL and GSS encryption requests are declined ('N'); then the startup message.
    for (;;) {
        const uint32_t length = readLength(client);
        if (length < 8 || length > 10000) return;
        std::vector<char> body(length - 4);
        if (!readAll(client, body.data(), body.size())) return;
        uint32_t code = 0;
        std::copy_n(body.data(), 4, reinterpret_cast<char*>(&code));
        code = ntohl(code);
        if (code == 80877103 || code == 80877104) {
            if (::send(client, "N", 1, MSG_NOSIGNAL) != 1) return;
            continue;
        }
        break;  // protocol 3.0's startup message
    }
    std::string out;
    put(out, 'R', int32(0));  // no password asked
    put(out, 'S', parameter("server_version", version_));
    put(out, 'S', parameter("server_encoding", "UTF8"));
    put(out, 'S', parameter("client_encoding", "UTF8"));
    put(out, 'S', parameter("standard_conforming_strings", "on"));
    put(out, 'S', parameter("integer_datetimes", "on"));
    put(out, 'S', parameter("DateStyle", "ISO, MDY"));
    put(out, 'K', int32(4242) + int32(1));
    put(out, 'Z', "I");
    for (;;) {
        if (::send(client, out.data(), out.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(out.size())) return;
        out.clear();
        char type = 0;
        if (!readAll(client, &type, 1)) return;
        const uint32_t length = readLength(client);
        if (length < 4 || length > 1000000) return;
        std::vector<char> body(length - 4);
        if (!readAll(client, body.data(), body.size())) return;
        if (type == 'X') return;
        put(out, 'C', std::string("SET") + '\0');  // every query: as "SET client_encoding" is answered
        put(out, 'Z', "I");
    }
}

}  // namespace samenkaart::test
