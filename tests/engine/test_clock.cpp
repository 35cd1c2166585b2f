// Time stamps and ids: the exact text forms the project file, the history and every export rely on.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <set>

#include "engine/clock.hpp"

using namespace samenkaart;

TEST(Clock, NowIsIso8601UtcWithMillisecondsAndAgreesWithTheSystemClock) {
    const auto before = std::chrono::system_clock::now();
    const std::string now = nowIso8601();
    const auto after = std::chrono::system_clock::now();
    ASSERT_TRUE(std::regex_match(now, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)"))) << now;
    // The same instant written by strftime: the stamp lies between the two readings.
    auto format = [](std::chrono::system_clock::time_point t) {
        const std::time_t s = std::chrono::system_clock::to_time_t(t);
        std::tm tm{};
        gmtime_r(&s, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
        return std::string(buf);
    };
    EXPECT_GE(now.substr(0, 19), format(before));
    EXPECT_LE(now.substr(0, 19), format(after));
}

TEST(Clock, UuidsAreVersion4InLowerCaseAndDoNotRepeat) {
    const std::regex form("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    std::set<char> digits;
    for (int i = 0; i < 10000; ++i) {
        const std::string id = newUuid();
        ASSERT_TRUE(std::regex_match(id, form)) << id;
        EXPECT_TRUE(seen.insert(id).second) << id;
        digits.insert(id.begin(), id.end());
    }
    EXPECT_EQ(digits.size(), 17u);  // all sixteen hex digits and the dash occur
}
