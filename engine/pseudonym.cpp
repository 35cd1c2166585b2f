#include "engine/pseudonym.hpp"

#include <sodium.h>

#include <array>

#include "engine/error.hpp"

namespace samenkaart {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kPseudonymBytes = 6;

void initSodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw Error("libsodium", "could not be initialised");
}

std::string toHex(const unsigned char* data, size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, size);
    out.pop_back();
    return out;
}

}  // namespace

std::string newPseudonymKey() {
    initSodium();
    std::array<unsigned char, kKeyBytes> key{};
    randombytes_buf(key.data(), key.size());
    return toHex(key.data(), key.size());
}

std::string pseudonym(std::string_view keyHex, std::string_view alias) {
    initSodium();
    std::array<unsigned char, kKeyBytes> key{};
    size_t keyLength = 0;
    if (keyHex.size() != kKeyBytes * 2 ||
        sodium_hex2bin(key.data(), key.size(), keyHex.data(), keyHex.size(), nullptr, &keyLength, nullptr) != 0 ||
        keyLength != kKeyBytes)
        throw Error("pseudonym key", "is not 64 hex digits", ErrorKind::Damaged);
    std::array<unsigned char, kPseudonymBytes> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(alias.data()), alias.size(),
                       key.data(), key.size());
    return "anon-" + toHex(hash.data(), hash.size());
}

}  // namespace samenkaart
