// The kiosk PIN: how it is stored in the project and how many wrong tries the lock allows.
//
// Stored form: Argon2id through libsodium (crypto_pwhash_str: algorithm, parameters, a random salt and
// the hash in one string), slow on purpose so that a copy of the project file does not give the PIN
// away by trying every PIN of four to eight digits in an instant. Parameters: 19 MiB and two passes,
// OWASP's baseline for Argon2id (about 25 ms here, short enough for the window's thread).
// Hashes of Samenkaart 0.x (64-bit FNV-1a over a fixed salt, 16 hex digits) are still accepted and
// replaced by an Argon2id hash on the first right PIN (kioskPinNeedsRehash).
#pragma once

#include <string>

namespace samenkaart::gui {

// Throws samenkaart::Error when libsodium cannot start or the hash's memory cannot be had.
std::string hashKioskPin(const std::string& pin);
// False for a wrong PIN and for a stored text that is no hash this program wrote.
bool kioskPinMatches(const std::string& pin, const std::string& stored);
// For a stored text that matched: true when it is an old FNV hash or an Argon2id hash with other
// parameters than today's.
bool kioskPinNeedsRehash(const std::string& stored);

// Wrong PINs in a row, and for how long the keypad then waits: after the fifth wrong PIN in a row the
// next try waits 30 s, after each further one twice as long, at most 5 minutes. A right PIN resets it.
class PinAttempts {
public:
    static constexpr int kFreeTries = 5;
    static constexpr double kFirstWaitSeconds = 30.0;
    static constexpr double kLongestWaitSeconds = 300.0;

    void failed(double now);
    void succeeded() { failures_ = 0, waitUntil_ = 0.0; }
    // Seconds left before the keypad takes a PIN again (0 when it does now).
    double waitLeft(double now) const { return waitUntil_ > now ? waitUntil_ - now : 0.0; }
    int failures() const { return failures_; }

private:
    int failures_ = 0;
    double waitUntil_ = 0.0;
};

}  // namespace samenkaart::gui
