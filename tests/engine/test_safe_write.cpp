// engine/safe_write: the one way files come into being. A file appears whole under its real name or
// not at all, never replaces what it must keep, and says why it cannot be written with a kind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/error.hpp"
#include "engine/safe_write.hpp"
#include "tests/engine/engine_fixture.hpp"

using namespace samenkaart;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

size_t filesIn(const std::string& dir) {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST(SafeWrite, AFileAppearsWholeAndReplacesOnlyWhenAllowed) {
    const std::string dir = test::makeTempDir("safe-write");
    const std::string target = dir + "/settings.json";
    writeFileSafely(target, "{\"a\": 1}\n");
    EXPECT_EQ(slurp(target), "{\"a\": 1}\n");
    writeFileSafely(target, "{\"a\": 2}\n", Existing::Replace);
    EXPECT_EQ(slurp(target), "{\"a\": 2}\n");
    try {
        writeFileSafely(target, "overwritten", Existing::Keep);
        FAIL() << "replaced a file it had to keep";
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), target);
        EXPECT_EQ(e.kind(), ErrorKind::Exists) << e.what();
    }
    EXPECT_EQ(slurp(target), "{\"a\": 2}\n");
    EXPECT_EQ(filesIn(dir), 1u) << "a partial file was left behind";
}

TEST(SafeWrite, NothingUnderTheRealNameUntilCommitAndNothingLeftWithout) {
    const std::string dir = test::makeTempDir("safe-pending");
    const std::string target = dir + "/out.csv";
    {
        PendingFile file(target, Existing::Replace, ".csv");
        EXPECT_EQ(file.path(), target + ".partial-" + std::to_string(::getpid()) + ".csv");
        std::ofstream(file.path()) << "a,b\n";
        EXPECT_FALSE(fs::exists(target));
        // an exception here: the destructor removes the partial file
    }
    EXPECT_EQ(filesIn(dir), 0u);
    {
        PendingFile file(target, Existing::Keep);
        std::ofstream(file.path()) << "a,b\n";
        std::ofstream(file.path() + "-wal") << "log";  // a database's companion, gone with it
        file.commit();
    }
    EXPECT_EQ(slurp(target), "a,b\n");
    EXPECT_EQ(filesIn(dir), 1u);
}

TEST(SafeWrite, WhyAFileCannotBeWrittenComesWithItsKind) {
    const std::string dir = test::makeTempDir("safe-kinds");
    try {
        writeFileSafely(dir + "/no/such/folder/map.png", "x");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.subject(), dir + "/no/such/folder/map.png");
        EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
    }
    // A file where a folder should be.
    std::ofstream(dir + "/plain") << "x";
    try {
        PendingFile file(dir + "/plain/out.gpkg", Existing::Replace);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NotFound) << e.what();
    }
    if (::geteuid() != 0) {  // root writes anywhere
        fs::create_directory(dir + "/ro");
        fs::permissions(dir + "/ro", fs::perms::owner_read | fs::perms::owner_exec);
        try {
            writeFileSafely(dir + "/ro/x.json", "x");
            FAIL();
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::ReadOnly) << e.what();
        }
        fs::permissions(dir + "/ro", fs::perms::owner_all);
    }
}

TEST(SafeWrite, PartialsOfDeadProcessesAreRemovedWithOrWithoutExtension) {
    const std::string dir = test::makeTempDir("safe-abandoned");
    const std::string target = dir + "/p.sqlite";
    pid_t dead = 0;
    for (pid_t pid = 4000000; pid > 3000000; --pid)
        if (::kill(pid, 0) != 0 && errno == ESRCH) {
            dead = pid;
            break;
        }
    ASSERT_NE(dead, 0);
    const std::string plain = target + ".partial-" + std::to_string(dead);
    const std::string withExtension = plain + ".csv";
    const std::string mine = target + ".partial-" + std::to_string(::getpid()) + ".csv";
    const std::string other = target + ".partial-notapid";
    for (const std::string& p : {plain, withExtension, mine, other}) std::ofstream(p) << "x";
    removeAbandonedPartials(target);
    EXPECT_FALSE(fs::exists(plain));
    EXPECT_FALSE(fs::exists(withExtension));
    EXPECT_TRUE(fs::exists(mine));
    EXPECT_TRUE(fs::exists(other));
}
