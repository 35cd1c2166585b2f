#include "engine/clock.hpp"

#include <chrono>
#include <ctime>
#include <random>

namespace samenkaart {

namespace {

// Fixed-width decimal digits, written by hand: a bulk import stamps every pin, and snprintf's format
// parsing was most of the cost.
char* putDigits(char* out, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
    return out + width;
}

}  // namespace

std::string nowIso8601() {
    using namespace std::chrono;
    const auto now = system_clock::now();
    const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[24];  // YYYY-MM-DDTHH:MM:SS.mmmZ
    char* p = putDigits(buf, tm.tm_year + 1900, 4);
    *p++ = '-';
    p = putDigits(p, tm.tm_mon + 1, 2);
    *p++ = '-';
    p = putDigits(p, tm.tm_mday, 2);
    *p++ = 'T';
    p = putDigits(p, tm.tm_hour, 2);
    *p++ = ':';
    p = putDigits(p, tm.tm_min, 2);
    *p++ = ':';
    p = putDigits(p, tm.tm_sec, 2);
    *p++ = '.';
    p = putDigits(p, static_cast<int>(ms), 3);
    *p++ = 'Z';
    return std::string(buf, p);
}

std::string newUuid() {
    // One generator per thread, seeded from the OS: ids must not repeat across processes.
    thread_local std::mt19937_64 rng{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd()};
        return std::mt19937_64(seq);
    }()};
    uint64_t hi = rng();
    uint64_t lo = rng();
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
    // 8-4-4-4-12 lower-case hex digits: hi's 16 nibbles, then lo's.
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(36, '-');
    size_t at = 0;
    for (int nibble = 0; nibble < 32; ++nibble) {
        if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) ++at;  // the dashes
        const uint64_t word = nibble < 16 ? hi : lo;
        out[at++] = kHex[(word >> (60 - 4 * (nibble % 16))) & 0xF];
    }
    return out;
}

}  // namespace samenkaart
