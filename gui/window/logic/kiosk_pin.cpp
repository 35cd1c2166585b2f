#include "gui/window/logic/kiosk_pin.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "engine/error.hpp"

namespace samenkaart::gui {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u << 20;

void startSodium() {
    if (sodium_init() < 0) throw Error("kiosk PIN", "libsodium could not start");
}

// Samenkaart 0.x: FNV-1a, 64 bit, over a fixed salt and the PIN, as 16 hex digits.
std::string legacyHash(const std::string& pin) {
    uint64_t h = 14695981039346656037ull;
    for (char c : std::string("samenkaart-kiosk:") + pin) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

bool isLegacyHash(const std::string& stored) {
    return stored.size() == 16 && std::all_of(stored.begin(), stored.end(),
                                              [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool isArgon2Hash(const std::string& stored) {
    return stored.rfind(crypto_pwhash_STRPREFIX, 0) == 0 && stored.size() < crypto_pwhash_STRBYTES;
}

}  // namespace

std::string hashKioskPin(const std::string& pin) {
    startSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, pin.data(), pin.size(), kOpsLimit, kMemLimit) != 0)
        throw Error("kiosk PIN", "not enough memory for its hash");
    return out;
}

bool kioskPinMatches(const std::string& pin, const std::string& stored) {
    if (isLegacyHash(stored)) return sodium_memcmp(legacyHash(pin).data(), stored.data(), stored.size()) == 0;
    if (!isArgon2Hash(stored)) return false;
    startSodium();
    return crypto_pwhash_str_verify(stored.c_str(), pin.data(), pin.size()) == 0;
}

bool kioskPinNeedsRehash(const std::string& stored) {
    if (!isArgon2Hash(stored)) return true;
    startSodium();
    return crypto_pwhash_str_needs_rehash(stored.c_str(), kOpsLimit, kMemLimit) != 0;
}

void PinAttempts::failed(double now) {
    ++failures_;
    if (failures_ < kFreeTries) return;
    const double wait = kFirstWaitSeconds * std::pow(2.0, std::min(failures_ - kFreeTries, 8));
    waitUntil_ = now + std::min(wait, kLongestWaitSeconds);
}

}  // namespace samenkaart::gui
