// GDAL plumbing shared by everything in the engine that reads files through GDAL: one-time driver
// registration, per-call capture of GDAL's messages, and RAII owners for GDAL handles.
#pragma once

#include <string>
#include <vector>

#include "engine/error.hpp"

namespace samenkaart {

// Registers GDAL's drivers once per process; cheap to call again.
void ensureGdalRegistered();

// While alive, GDAL messages on this thread are collected here instead of printed to stderr.
class GdalMessageCapture {
public:
    GdalMessageCapture();
    ~GdalMessageCapture();
    GdalMessageCapture(const GdalMessageCapture&) = delete;
    GdalMessageCapture& operator=(const GdalMessageCapture&) = delete;

    const std::vector<std::string>& errors() const { return errors_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    // The last error, or the last warning, or `fallback`.
    std::string lastMessage(const std::string& fallback) const;
    // What the system said when GDAL's last error was raised: DiskFull or ReadOnly (a read-only
    // disk) where a refused write's errno tells so, else Other. GDAL's own error numbers do not.
    ErrorKind lastKind() const { return lastKind_; }
    void clear();

    void add(bool isError, const char* message, int osErrno = 0);

private:
    std::vector<std::string> errors_;
    std::vector<std::string> warnings_;
    ErrorKind lastKind_ = ErrorKind::Other;
};

// Sets a GDAL configuration option for this thread only, restoring the old value on destruction.
class ScopedGdalConfig {
public:
    ScopedGdalConfig(const char* key, const char* value);
    ~ScopedGdalConfig();
    ScopedGdalConfig(const ScopedGdalConfig&) = delete;
    ScopedGdalConfig& operator=(const ScopedGdalConfig&) = delete;

private:
    std::string key_;
    std::string old_;
    bool hadOld_ = false;
};

}  // namespace samenkaart
