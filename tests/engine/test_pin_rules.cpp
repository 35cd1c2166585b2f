// engine/pin_rules: the one home of what a pin is. The bulk writer's snapshot text must be exactly
// what the reference (pinSnapshot, nlohmann's dump) writes, for any text and any coordinates: undo
// and redo read both back, and a history row's bytes must not depend on how the pin came in.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "engine/pin_rules.hpp"

using namespace samenkaart;

namespace {

// The stored pin a PreparedPin stands for: what PinStore::add writes for the same new pin.
Pin asStored(const PreparedPin& p) {
    Pin pin;
    pin.id = p.id;
    pin.sessionId = p.sessionId;
    pin.category = p.category;
    pin.title = p.title;
    pin.description = p.description;
    pin.contributor = p.contributor;
    pin.attributes = nlohmann::json::parse(p.attributes);
    pin.position = p.position;
    pin.createdAt = pin.updatedAt = p.createdAt;
    return pin;
}

std::string randomText(std::mt19937& rng) {
    // ASCII with every control character, quotes and backslashes, and multi-byte UTF-8.
    static const std::vector<std::string> pieces = {"a",
                                                    "Z",
                                                    " ",
                                                    "\"",
                                                    "\\",
                                                    "/",
                                                    "\n",
                                                    "\r",
                                                    "\t",
                                                    "\b",
                                                    "\f",
                                                    std::string(1, '\x01'),
                                                    std::string(1, '\x1f'),
                                                    "\x7f",
                                                    "\xc3\xa9",
                                                    "\xe2\x82\xac",
                                                    "\xf0\x9f\x8c\xb3",
                                                    "'",
                                                    "<",
                                                    "&",
                                                    "\xe2\x80\xa8",
                                                    "0",
                                                    "{}"};
    std::uniform_int_distribution<size_t> length(0, 24), pick(0, pieces.size() - 1);
    std::string out;
    for (size_t n = length(rng); n > 0; --n) out += pieces[pick(rng)];
    return out;
}

}  // namespace

TEST(PinRules, TheBulkSnapshotIsTheReferenceSnapshotByteForByte) {
    std::mt19937 rng(2026);
    const std::vector<double> coordinates = {0.0,
                                             -0.0,
                                             155000.0,
                                             463000.123456789,
                                             0.1,
                                             1e-300,
                                             -1e300,
                                             std::numeric_limits<double>::denorm_min(),
                                             std::nextafter(1.0, 2.0),
                                             5.2913419483947754};
    std::uniform_real_distribution<double> anywhere(-2e7, 2e7);
    for (int i = 0; i < 2000; ++i) {
        NewPin n;
        n.sessionId = i % 7 == 0 ? std::numeric_limits<int64_t>::max() : i;
        n.category = randomText(rng);
        n.title = randomText(rng);
        n.description = randomText(rng);
        if (i % 3) n.contributor = i % 5 ? randomText(rng) : "   ";
        if (i % 4 == 0) n.attributes = {{randomText(rng), randomText(rng)}, {"aantal", i}, {"ja", true}};
        n.position = i < static_cast<int>(coordinates.size())
                         ? Point{coordinates[static_cast<size_t>(i)], -coordinates[static_cast<size_t>(i)]}
                         : Point{anywhere(rng), anywhere(rng)};
        const PreparedPin prepared = prepareNewPin(n, "id-" + std::to_string(i));
        ASSERT_EQ(prepared.snapshot, pinSnapshot(asStored(prepared)).dump()) << "pin " << i;
    }
}

TEST(PinRules, AContributorIsStoredOnlyWhenItSaysSomething) {
    EXPECT_EQ(storedContributor(std::nullopt), std::nullopt);
    EXPECT_EQ(storedContributor(""), std::nullopt);
    EXPECT_EQ(storedContributor(" \t "), std::nullopt);
    EXPECT_EQ(storedContributor(" Ans "), " Ans ");
    NewPin n;
    n.contributor = "  ";
    EXPECT_EQ(prepareNewPin(n, "x").contributor, std::nullopt);
}

TEST(PinRules, FieldChecksNameThePinAndTheCause) {
    auto exists = [](const std::string& code) { return code == "kans"; };
    const std::string ok = "Moestuin", blank = "  ", category = "kans", unknown = "geheim";
    EXPECT_NO_THROW(checkPinFields("pin 1", &category, &ok, nullptr, nullptr, nullptr, exists));
    try {
        checkPinFields("pin 1", &category, &blank, nullptr, nullptr, nullptr, exists);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), "pin 1");
        EXPECT_EQ(e.cause(), "a title is required");
    }
    EXPECT_THROW(checkPinFields("pin 1", &unknown, &ok, nullptr, nullptr, nullptr, exists), Error);
    const std::string tooLong(501, 'x'), badUtf8 = "\xc3";
    EXPECT_THROW(checkPinFields("pin 1", nullptr, &tooLong, nullptr, nullptr, nullptr, exists), Error);
    EXPECT_THROW(checkPinFields("pin 1", nullptr, nullptr, &badUtf8, nullptr, nullptr, exists), Error);
    const nlohmann::json notAnObject = nlohmann::json::array();
    EXPECT_THROW(checkPinFields("pin 1", nullptr, nullptr, nullptr, nullptr, &notAnObject, exists), Error);
}
