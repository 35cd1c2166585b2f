#include "engine/export_text.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "engine/error.hpp"
#include "engine/export_metadata.hpp"
#include "engine/gdal_support.hpp"

namespace samenkaart {

std::string metadataSidecarPath(const std::string& dataPath) { return dataPath + ".metadata.json"; }

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
    const std::string sidecar = metadataSidecarPath(path);
    const std::string sidecarTemp = metadataSidecarPath(temp);
    std::error_code ec;
    fs::remove(temp, ec);
    fs::remove(sidecarTemp, ec);
    try {
        std::vector<std::string> columns;
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
            report.pins = writePinsLayer(*ds, "pins", *ctx.srs, sel, options, csv ? PinValues::Text : PinValues::Typed);
            // The columns as the file has them: the CSV driver writes the geometry as a first WKT column.
            if (csv) columns.push_back("WKT");
            OGRFeatureDefn& defn = *ds->GetLayer(0)->GetLayerDefn();
            for (int i = 0; i < defn.GetFieldCount(); ++i) columns.push_back(defn.GetFieldDefn(i)->GetNameRef());
            if (!csv) columns.push_back("geometry");
        } catch (...) {
            GDALClose(ds);
            throw;
        }
        GDALClose(ds);
        if (!capture.errors().empty()) throw Error(path, capture.errors().back());
        {
            std::ofstream out(sidecarTemp, std::ios::binary | std::ios::trunc);
            out << textExportMetadata(sel, ctx, report, target.filename().string(), columns).dump(2) << "\n";
            out.close();
            if (!out) throw Error(sidecar, std::string("cannot be written: ") + std::strerror(errno));
        }
        // The metadata goes into place first: a data file never stands there without its description.
        fs::rename(sidecarTemp, sidecar, ec);
        if (ec) throw Error(sidecar, "cannot move the finished metadata into place: " + ec.message());
        fs::rename(temp, path, ec);
        if (ec) {
            fs::remove(sidecar, ec);
            throw Error(path, "cannot move the finished export into place: " + ec.message());
        }
        report.metadataPath = sidecar;
    } catch (...) {
        fs::remove(temp, ec);
        fs::remove(sidecarTemp, ec);
        throw;
    }
}

}  // namespace samenkaart
