// Real projects for the export tests: the sample neighbourhood (assets/sample) with sessions and
// pins made through the engine, and helpers that read the results back with GDAL.
#pragma once

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/boundary_import.hpp"
#include "engine/gdal_support.hpp"
#include "engine/pins.hpp"
#include "engine/project.hpp"
#include "engine/sessions.hpp"
#include "tests/support/cli_runner.hpp"

namespace samenkaart::test {

// NewPin's extra fields when there are none (a braced {} would be JSON null, which PinStore refuses).
inline const nlohmann::json kNoFields = nlohmann::json::object();

inline std::string sampleBoundaries() { return std::string(SAMENKAART_SOURCE_DIR) + "/assets/sample/buurten.geojson"; }

// A project from the sample buurten, optionally in another map CRS.
inline std::string makeSampleProject(const std::string& dir, const std::string& name, const std::string& crs = "") {
    BoundaryImportOptions o;
    o.source = sampleBoundaries();
    if (!crs.empty()) o.mapCrs = crs;
    const std::string path = dir + "/" + name + ".sqlite";
    createProjectFromBoundaries(path, o);
    return path;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

inline DatasetPtr openVector(const std::string& path) {
    ensureGdalRegistered();
    return DatasetPtr(static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
}

inline long long featureCount(GDALDataset& ds, const char* layer) {
    OGRLayer* l = ds.GetLayerByName(layer);
    return l ? l->GetFeatureCount(TRUE) : -1;
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs a python script of tests/export with /usr/bin/python3; skips the test (loudly) when python
// or geopandas is missing (the script exits 77).
inline void runPythonCheck(const std::vector<std::string>& args) {
    if (!std::filesystem::exists("/usr/bin/python3"))
        GTEST_SKIP() << "*** SKIPPED: /usr/bin/python3 is missing; the geopandas check did not run ***";
    std::string cmd = "/usr/bin/python3 " + std::string(SAMENKAART_EXPORT_TEST_DIR) + "/check_export.py";
    for (const std::string& a : args) cmd += " '" + a + "'";
    cmd += " 2>&1";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int status = pclose(p);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 77) GTEST_SKIP() << "*** SKIPPED: geopandas is not installed for /usr/bin/python3: " << out << " ***";
    EXPECT_EQ(code, 0) << out;
}

inline std::string validateGpkgScript() {
    for (const char* p : {"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
                          "/usr/share/doc/python3-gdal/examples/validate_gpkg.py"})
        if (std::filesystem::exists(p)) return p;
    return "";
}

}  // namespace samenkaart::test
