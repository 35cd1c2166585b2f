#include "engine/export_text.hpp"

#include <gdal_priv.h>
#include <unistd.h>

#include <filesystem>

#include "engine/error.hpp"
#include "engine/gdal_support.hpp"

namespace samenkaart {

void writePinsAsText(const std::string& path, ExportFormat format, const Selections& sel, const ExportContext& ctx,
                     ExportReport& report) {
    namespace fs = std::filesystem;
    ensureGdalRegistered();
    const bool csv = format == ExportFormat::Csv;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(csv ? "CSV" : "GeoJSON");
    if (!driver) throw Error(path, "this GDAL cannot write this format");
    // GDAL picks the file name from the path; build under a temporary name with the same extension.
    const fs::path target(path);
    const std::string temp =
        (target.parent_path() / (".partial-" + std::to_string(::getpid()) + "-" + target.filename().string())).string();
    std::error_code ec;
    fs::remove(temp, ec);
    try {
        GdalMessageCapture capture;
        // Seventeen significant digits: a double written as text reads back as the same double.
        ScopedGdalConfig precision("OGR_WKT_PRECISION", "17");
        GDALDataset* ds = driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!ds) throw Error(path, "cannot create the file: " + capture.lastMessage("unknown reason"));
        try {
            std::vector<std::string> options;
            if (csv) {
                options = {"GEOMETRY=AS_WKT", "CREATE_CSVT=NO", "LINEFORMAT=LF"};
            } else {
                options = {"SIGNIFICANT_FIGURES=17", "WRITE_NAME=YES", "DESCRIPTION=Samenkaart pins"};
            }
            report.pins = writePinsLayer(*ds, "pins", *ctx.srs, sel, options);
        } catch (...) {
            GDALClose(ds);
            throw;
        }
        GDALClose(ds);
        if (!capture.errors().empty()) throw Error(path, capture.errors().back());
        fs::rename(temp, path, ec);
        if (ec) throw Error(path, "cannot move the finished export into place: " + ec.message());
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
}

}  // namespace samenkaart
