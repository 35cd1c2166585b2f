#include "engine/export/text.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>

#include "engine/error.hpp"
#include "engine/export/metadata.hpp"
#include "engine/gdal_support.hpp"
#include "engine/safe_write.hpp"

namespace samenkaart {

std::string metadataSidecarPath(const std::string& dataPath) { return dataPath + ".metadata.json"; }

void writePinsAsText(const std::string& path, ExportFormat format, const Selections& sel, const ExportContext& ctx,
                     ExportReport& report) {
    namespace fs = std::filesystem;
    ensureGdalRegistered();
    const bool csv = format == ExportFormat::Csv;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(csv ? "CSV" : "GeoJSON");
    if (!driver) throw Error(path, "this GDAL cannot write this format");
    // GDAL picks the format's details from the file name: the temporary name keeps the extension.
    const fs::path target(path);
    PendingFile file(path, Existing::Replace, target.extension().string());
    const std::string& temp = file.path();
    const std::string sidecar = metadataSidecarPath(path);
    std::vector<std::string> columns;
    {
        GdalMessageCapture capture;
        // Seventeen significant digits: a double written as text reads back as the same double.
        ScopedGdalConfig precision("OGR_WKT_PRECISION", "17");
        GDALDataset* ds = driver->Create(temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (!ds)
            throw Error(path, "cannot create the file: " + capture.lastMessage("unknown reason"), capture.lastKind());
        try {
            std::vector<std::string> options;
            if (csv) {
                options = {"GEOMETRY=AS_WKT", "CREATE_CSVT=NO", "LINEFORMAT=LF"};
            } else {
                options = {"SIGNIFICANT_FIGURES=17", "WRITE_NAME=YES", "DESCRIPTION=Samenkaart pins"};
            }
            report.pins = writePinsLayer(*ds, "pins", *ctx.srs, sel, options, csv ? PinValues::Text : PinValues::Typed);
            // The columns as the file has them: the CSV driver writes the geometry as a first WKT column.
            if (csv) columns.emplace_back("WKT");
            OGRFeatureDefn& defn = *ds->GetLayer(0)->GetLayerDefn();
            for (int i = 0; i < defn.GetFieldCount(); ++i) columns.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
            if (!csv) columns.emplace_back("geometry");
        } catch (...) {
            GDALClose(ds);
            throw;
        }
        GDALClose(ds);
        if (!capture.errors().empty()) throw Error(path, capture.errors().back(), capture.lastKind());
    }
    // The metadata goes into place first: a data file never stands there without its description.
    writeFileSafely(sidecar, textExportMetadata(sel, ctx, report, target.filename().string(), columns).dump(2) + "\n");
    try {
        file.commit();
    } catch (...) {
        std::error_code ec;
        fs::remove(sidecar, ec);
        throw;
    }
    report.metadataPath = sidecar;
}

}  // namespace samenkaart
