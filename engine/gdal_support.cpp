#include "engine/gdal_support.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>

#include <cerrno>
#include <mutex>

namespace samenkaart {
namespace {

void CPL_STDCALL collect(CPLErr level, CPLErrorNum, const char* message) {
    const int osErrno = errno;  // the failed call's, before anything here can change it
    auto* capture = static_cast<GdalMessageCapture*>(CPLGetErrorHandlerUserData());
    if (capture && level >= CE_Warning) capture->add(level >= CE_Failure, message, osErrno);
}

}  // namespace

void ensureGdalRegistered() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // A shapefile opened read-only must never be written to (no .shx beside the user's file);
        // the importer restores a missing .shx in memory instead.
        CPLSetConfigOption("SHAPE_RESTORE_SHX", "NO");
    });
}

GdalMessageCapture::GdalMessageCapture() { CPLPushErrorHandlerEx(collect, this); }
GdalMessageCapture::~GdalMessageCapture() { CPLPopErrorHandler(); }

void GdalMessageCapture::add(bool isError, const char* message, int osErrno) {
    (isError ? errors_ : warnings_).emplace_back(message ? message : "");
    if (!isError) return;
    // Only the errnos that no earlier, harmless probe (a file looked for and not found) leaves behind.
    lastKind_ = osErrno == ENOSPC || osErrno == EDQUOT ? ErrorKind::DiskFull
                : osErrno == EROFS                     ? ErrorKind::ReadOnly
                                                       : ErrorKind::Other;
}

void GdalMessageCapture::clear() {
    errors_.clear();
    warnings_.clear();
    lastKind_ = ErrorKind::Other;
    CPLErrorReset();
}

std::string GdalMessageCapture::lastMessage(const std::string& fallback) const {
    if (!errors_.empty()) return errors_.back();
    if (!warnings_.empty()) return warnings_.back();
    return fallback;
}

ScopedGdalConfig::ScopedGdalConfig(const char* key, const char* value) : key_(key) {
    if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) {
        old_ = old;
        hadOld_ = true;
    }
    CPLSetThreadLocalConfigOption(key, value);
}

ScopedGdalConfig::~ScopedGdalConfig() { CPLSetThreadLocalConfigOption(key_.c_str(), hadOld_ ? old_.c_str() : nullptr); }

}  // namespace samenkaart
