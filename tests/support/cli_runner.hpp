// Runs the real samenkaart executable the way a user or script would, capturing stdout, stderr and
// the exit code, with a time limit so a hang fails the test instead of stalling CI.
#pragma once

#include <string>
#include <vector>

namespace samenkaart::test {

struct CliResult {
    int exitCode = -1;  // -1 when killed (time-out) or crashed by a signal
    bool timedOut = false;
    int signal = 0;  // the signal that ended it, if any
    std::string out;
    std::string err;
};

// argv without the program name. env entries like "KEY=VALUE" are added to the environment.
CliResult runSamenkaart(const std::vector<std::string>& args, int timeoutSeconds = 60,
                        const std::vector<std::string>& env = {});

// The executable under test (SAMENKAART_EXE from CMake).
std::string samenkaartExe();

// A fresh empty folder under the test's temporary directory, removed by the caller if wanted.
std::string makeTempDir(const std::string& name);

// The shared corpus folder (../shared/data/shapefile-corpus), or "" when it is missing.
std::string corpusDir();

}  // namespace samenkaart::test
