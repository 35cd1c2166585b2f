#include "engine/vector_source.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>

#include "engine/error.hpp"
#include "engine/gdal_support.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && asciiLower(s.substr(s.size() - suffix.size())) == suffix;
}

bool vsiExists(const std::string& path) {
    VSIStatBufL st;
    return VSIStatExL(path.c_str(), &st, VSI_STAT_EXISTS_FLAG) == 0;
}

std::optional<std::string> readSmallVsiFile(const std::string& path, size_t maxBytes = 4096) {
    VSILFILE* f = VSIFOpenL(path.c_str(), "rb");
    if (!f) return std::nullopt;
    std::string text(maxBytes, '\0');
    const size_t n = VSIFReadL(text.data(), 1, maxBytes, f);
    VSIFCloseL(f);
    text.resize(n);
    return text;
}

// The sibling file with another extension, in whichever case it exists ("a.shp" -> "a.SHX").
std::optional<std::string> sibling(const std::string& path, const std::string& ext) {
    const std::string stem = path.substr(0, path.size() - 4);
    for (const std::string& e : {ext, asciiLower(ext), std::string(CPLString(ext).toupper())}) {
        if (vsiExists(stem + e)) return stem + e;
    }
    return std::nullopt;
}

// Data files a zip or folder may hold, most specific first.
const char* const kDataExtensions[] = {".shp", ".gpkg", ".geojson", ".json", ".kml", ".gml", ".sqlite", ".fgb"};

std::vector<std::string> findDataFilesIn(const std::string& dir) {
    std::vector<std::string> found;
    char** entries = VSIReadDirRecursive(dir.c_str());
    for (int i = 0; entries && entries[i]; ++i) {
        const std::string name = entries[i];
        if (name.find("__MACOSX") != std::string::npos) continue;
        for (const char* ext : kDataExtensions)
            if (endsWith(name, ext)) found.push_back(dir + "/" + name);
    }
    CSLDestroy(entries);
    std::stable_sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) {
        return !endsWith(a, ".shp") < !endsWith(b, ".shp");
    });
    return found;
}

std::string describeFailure(const std::string& path, const GdalMessageCapture& capture) {
    std::string msg = capture.lastMessage("");
    if (msg.empty() || msg.find("not recognized as") != std::string::npos ||
        msg.find("not recognised as") != std::string::npos)
        return "not a map data file that can be read (expected a shapefile, zip, GeoPackage, GeoJSON, ...)";
    (void)path;
    return "cannot be read: " + msg;
}

}  // namespace

std::string encodingFromCpg(const std::string& cpgText) {
    const std::string t = asciiLower(std::string(trimmed(cpgText)));
    if (t.empty() || t.size() > 40) return {};
    if (t == "utf-8" || t == "utf8") return "UTF-8";
    std::string digits;
    for (char c : t)
        if (std::isdigit(static_cast<unsigned char>(c)))
            digits += c;
        else if (!std::isalpha(static_cast<unsigned char>(c)) && c != ' ' && c != '-' && c != '_')
            return {};
    if (digits.empty()) return {};
    if (t.find("8859") != std::string::npos) return "ISO-" + t.substr(t.find("8859"));
    if (digits.size() >= 3 && digits.size() <= 5) return "CP" + digits;
    return {};
}

VectorSource::~VectorSource() {
    if (dataset_) GDALClose(dataset_);
    if (!memoryDir_.empty()) VSIRmdirRecursive(memoryDir_.c_str());
}

std::unique_ptr<VectorSource> VectorSource::open(const std::string& path) {
    ensureGdalRegistered();
    std::unique_ptr<VectorSource> src(new VectorSource());
    src->userPath_ = path;

    std::string target = path;
    const bool isVsi = path.rfind("/vsi", 0) == 0;
    if (!isVsi) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) throw Error(path, "no such file or folder");
        if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0)
            throw Error(path, "the file is empty");
        if (endsWith(path, ".zip")) target = "/vsizip/" + std::filesystem::absolute(path).string();
    }
    // A zip (or a folder inside one) is searched for the first data file it holds.
    if (target.rfind("/vsizip/", 0) == 0 && endsWith(target, ".zip")) {
        GdalMessageCapture capture;
        auto files = findDataFilesIn(target);
        if (files.empty()) {
            if (!capture.errors().empty() || !vsiExists(target)) throw Error(path, "is not a readable zip archive");
            throw Error(path, "the zip holds no map data file (.shp, .gpkg, .geojson, ...)");
        }
        if (files.size() > 1)
            src->warnings_.push_back(path + ": the zip holds " + std::to_string(files.size()) + " data files; using " +
                                     files.front().substr(target.size() + 1));
        target = files.front();
    }

    CPLStringList options;
    if (endsWith(target, ".shp")) {
        if (!sibling(target, ".dbf"))
            src->warnings_.push_back(path + ": the attribute file (.dbf) is missing; the shapes have no names");
        if (auto cpg = sibling(target, ".cpg")) {
            const std::string text = readSmallVsiFile(*cpg).value_or("");
            const std::string enc = encodingFromCpg(text);
            if (enc.empty())
                src->warnings_.push_back(path + ": the code page file (.cpg) does not name a code page; ignored");
            else
                options.SetNameValue("ENCODING", enc.c_str());
        }
        if (!sibling(target, ".shx")) {
            // Rebuild the index in memory: never write next to the user's file.
            static std::atomic<int> counter{0};
            src->memoryDir_ = "/vsimem/samenkaart_shx_" + std::to_string(counter++);
            const std::string base = CPLGetBasename(target.c_str());
            const std::string copy = src->memoryDir_ + "/" + base + ".shp";
            VSIMkdir(src->memoryDir_.c_str(), 0755);
            if (CPLCopyFile(copy.c_str(), target.c_str()) != 0) throw Error(path, "cannot be read");
            for (const char* ext : {".dbf", ".prj", ".cpg"})
                if (auto s = sibling(target, ext))
                    CPLCopyFile((src->memoryDir_ + "/" + base + ext).c_str(), s->c_str());
            target = copy;
            src->warnings_.push_back(path + ": the index file (.shx) was missing and has been rebuilt");
        }
    }

    GdalMessageCapture capture;
    ScopedGdalConfig restore("SHAPE_RESTORE_SHX", src->memoryDir_.empty() ? "NO" : "YES");
    src->dataset_ = static_cast<GDALDataset*>(
        GDALOpenEx(target.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.List(), nullptr));
    if (!src->dataset_) {
        std::error_code ec;
        if (!isVsi && std::filesystem::is_directory(path, ec))
            throw Error(path, "the folder holds no map data file GDAL can read");
        throw Error(path, describeFailure(path, capture));
    }
    if (src->dataset_->GetLayerCount() == 0) throw Error(path, "holds no vector layers");
    for (const std::string& w : capture.warnings())
        if (w.find("cpg") == std::string::npos) src->warnings_.push_back(path + ": " + w);
    return src;
}

OGRLayer& VectorSource::layer(const std::optional<std::string>& name, bool (*preferred)(OGRLayer&)) {
    const int count = dataset_->GetLayerCount();
    if (name) {
        if (OGRLayer* l = dataset_->GetLayerByName(name->c_str())) return *l;
        std::string names;
        for (int i = 0; i < count; ++i) names += std::string(i ? ", " : "") + dataset_->GetLayer(i)->GetName();
        throw Error(userPath_, "has no layer '" + *name + "' (layers: " + names + ")");
    }
    if (count == 1) return *dataset_->GetLayer(0);
    for (int i = 0; i < count; ++i) {
        OGRLayer* l = dataset_->GetLayer(i);
        if (!preferred || preferred(*l)) {
            warnings_.push_back(userPath_ + ": holds " + std::to_string(count) + " layers; using '" + l->GetName() +
                                "' (choose another with --layer)");
            return *l;
        }
    }
    return *dataset_->GetLayer(0);
}

}  // namespace samenkaart
