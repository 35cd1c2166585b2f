#include "mapping/prepared_map_cache.hpp"

#include <elf.h>
#include <link.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <span>
#include <type_traits>

#include "engine/engine_version.hpp"
#include "mapping/huge_pages.hpp"

namespace samenkaart::mapping {

namespace {

namespace fs = std::filesystem;

constexpr std::array<char, 8> kMagic{'S', 'K', 'M', 'A', 'P', 'C', '\r', '\n'};
constexpr uint32_t kFormat = 1;
constexpr uint32_t kByteOrder = 0x01020304;  // the cache is this machine's: native byte order, checked

struct Header {
    std::array<char, 8> magic{};
    uint32_t format = 0;
    uint32_t byteOrder = 0;
    PreparedMapKey key{};
    uint64_t payloadBytes = 0;
    uint64_t payloadHash = 0;
};
static_assert(sizeof(Header) == 48 && std::is_trivially_copyable_v<Header>);

// A label as kept: what loadMapSnapshot computes (the text's size is measured by whoever draws it).
struct StoredLabel {
    Point anchor;
    Bbox featureBbox;
    double priority = 0;
};
static_assert(sizeof(StoredLabel) == 56 && std::is_trivially_copyable_v<StoredLabel>);
static_assert(std::is_trivially_copyable_v<DrawChunk> && sizeof(DrawChunk) == 48);
static_assert(std::is_trivially_copyable_v<StrokeStyle> && std::is_trivially_copyable_v<Rgba>);

// The program's ELF build id: any change of the code that prepares the map changes it. A program
// without one (a build with --build-id=none) falls back to its version and compile time.
const std::string& buildIdentity() {
    static const std::string identity = [] {
        std::string found;
        dl_iterate_phdr(
            [](dl_phdr_info* info, size_t, void* data) -> int {
                auto& out = *static_cast<std::string*>(data);
                for (int i = 0; i < info->dlpi_phnum && out.empty(); ++i) {
                    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
                    if (ph.p_type != PT_NOTE) continue;
                    const size_t align = ph.p_align == 8 ? 8 : 4;
                    auto pad = [align](size_t n) { return (n + align - 1) & ~(align - 1); };
                    const auto* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
                    const char* end = p + ph.p_memsz;
                    while (p + sizeof(ElfW(Nhdr)) <= end) {
                        ElfW(Nhdr) note{};
                        std::memcpy(&note, p, sizeof note);
                        const char* name = p + sizeof note;
                        const char* desc = name + pad(note.n_namesz);
                        if (desc + note.n_descsz > end) break;
                        if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
                            out.assign(desc, note.n_descsz);
                            break;
                        }
                        p = desc + pad(note.n_descsz);
                    }
                }
                return 1;  // the first object is the program itself: look no further
            },
            &found);
        if (found.empty()) found = std::string(engineVersion()) + " " + __DATE__ + " " + __TIME__;
        return found;
    }();
    return identity;
}

class KeyHasher {
public:
    KeyHasher() : state_(XXH3_createState()) {
        if (!state_) throw std::bad_alloc();
        XXH3_128bits_reset(state_.get());
    }
    template <typename T>
    void add(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        XXH3_128bits_update(state_.get(), &value, sizeof value);
    }
    void addBytes(const void* data, size_t size) {
        add(static_cast<uint64_t>(size));
        XXH3_128bits_update(state_.get(), data, size);
    }
    void addText(const std::string& text) { addBytes(text.data(), text.size()); }
    PreparedMapKey digest() const {
        const XXH128_hash_t h = XXH3_128bits_digest(state_.get());
        return {h.low64, h.high64};
    }

private:
    struct Free {
        void operator()(XXH3_state_t* s) const { XXH3_freeState(s); }
    };
    std::unique_ptr<XXH3_state_t, Free> state_;
};

// Writes to a FILE while hashing what it writes; remembers the first error.
class PayloadWriter {
public:
    explicit PayloadWriter(FILE* f) : file_(f), state_(XXH3_createState()) {
        if (!state_) throw std::bad_alloc();
        XXH3_64bits_reset(state_);
    }
    ~PayloadWriter() { XXH3_freeState(state_); }
    PayloadWriter(const PayloadWriter&) = delete;
    PayloadWriter& operator=(const PayloadWriter&) = delete;

    void bytes(const void* data, size_t size) {
        if (size == 0 || failed_) return;
        XXH3_64bits_update(state_, data, size);
        if (std::fwrite(data, 1, size, file_) != size) failed_ = true;
        written_ += size;
    }
    template <typename T>
    void value(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes(&v, sizeof v);
    }
    template <typename T>
    void array(const std::vector<T>& items) {
        static_assert(std::is_trivially_copyable_v<T>);
        value(static_cast<uint64_t>(items.size()));
        bytes(items.data(), items.size() * sizeof(T));
    }
    bool failed() const { return failed_; }
    uint64_t written() const { return written_; }
    uint64_t hash() const { return XXH3_64bits_digest(state_); }

private:
    FILE* file_;
    XXH3_state_t* state_;
    bool failed_ = false;
    uint64_t written_ = 0;
};

// Reads what PayloadWriter wrote, never more than the payload holds, hashing as it goes.
class PayloadReader {
public:
    PayloadReader(FILE* f, uint64_t payloadBytes) : file_(f), left_(payloadBytes), state_(XXH3_createState()) {
        if (!state_) throw std::bad_alloc();
        XXH3_64bits_reset(state_);
    }
    ~PayloadReader() { XXH3_freeState(state_); }
    PayloadReader(const PayloadReader&) = delete;
    PayloadReader& operator=(const PayloadReader&) = delete;

    bool bytes(void* data, uint64_t size) {
        if (!ok_ || size > left_) return ok_ = false;
        if (size == 0) return true;
        if (std::fread(data, 1, size, file_) != size) return ok_ = false;
        XXH3_64bits_update(state_, data, size);
        left_ -= size;
        return true;
    }
    template <typename T>
    bool value(T& v) {
        return bytes(&v, sizeof v);
    }
    template <typename T>
    bool array(std::vector<T>& items) {
        uint64_t count = 0;
        // A count the rest of the file cannot hold is damage: checked before any memory is taken.
        if (!value(count) || count > left_ / sizeof(T)) return ok_ = false;
        resizeOnHugePages(items, count);
        return bytes(items.data(), count * sizeof(T));
    }
    bool ok() const { return ok_; }
    uint64_t left() const { return left_; }
    uint64_t hash() const { return XXH3_64bits_digest(state_); }

private:
    FILE* file_;
    uint64_t left_;
    XXH3_state_t* state_;
    bool ok_ = true;
};

struct CloseFile {
    void operator()(FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<FILE, CloseFile>;

// A level's arrays in the order the file holds them: the one list both the writer and the reader follow.
template <typename Level, typename Visit>
void forEachArray(Level& level, Visit&& visit) {
    visit(level.fillXy);
    visit(level.fillColours);
    visit(level.fillIndices);
    visit(level.fillFeatures);
    visit(level.strokeXy);
    visit(level.strokeStyles);
    visit(level.chunks);
}

// Why a level's arrays cannot be drawn safely, or empty. The feature numbers are checked against the
// boundaries later (acceptPreparedMap): their highest is added to `featureLimit`.
std::string levelProblem(const LodGeometry& level, uint32_t& featureLimit) {
    const size_t fillVertices = level.fillXy.size() / 2;
    if (level.fillXy.size() % 2 != 0 || level.strokeXy.size() % 2 != 0) return "odd coordinate count";
    if (level.fillColours.size() != fillVertices || level.fillFeatures.size() != fillVertices)
        return "fill arrays of different lengths";
    if (level.strokeStyles.size() != level.strokeXy.size() / 2) return "stroke arrays of different lengths";
    if (level.fillIndices.size() % 3 != 0) return "a triangle list that is not whole triangles";
    if (std::any_of(level.fillIndices.begin(), level.fillIndices.end(),
                    [fillVertices](uint32_t i) { return i >= fillVertices; }))
        return "a triangle index outside the vertices";
    if (!level.fillFeatures.empty())
        featureLimit = std::max(featureLimit, *std::max_element(level.fillFeatures.begin(), level.fillFeatures.end()));
    for (const DrawChunk& c : level.chunks) {
        if (uint64_t{c.firstIndex} + c.indexCount > level.fillIndices.size() ||
            uint64_t{c.firstStrokeVertex} + c.strokeVertexCount > level.strokeStyles.size())
            return "a chunk outside its arrays";
    }
    return {};
}

std::string errnoText() { return std::strerror(errno); }

void pruneCacheFolder(const fs::path& folder, size_t keepFiles) {
    std::error_code ec;
    std::vector<std::pair<fs::file_time_type, fs::path>> maps;
    const auto now = fs::file_time_type::clock::now();
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::error_code timeError;
        const auto time = fs::last_write_time(p, timeError);
        if (timeError) continue;
        const std::string name = p.filename().string();
        if (p.extension() == ".map") {
            maps.emplace_back(time, p);
        } else if (name.find(".map.tmp-") != std::string::npos && now - time > std::chrono::hours(1)) {
            fs::remove(p, timeError);  // left by a writer that died
        }
    }
    if (maps.size() <= keepFiles) return;
    std::sort(maps.begin(), maps.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = keepFiles; i < maps.size(); ++i) fs::remove(maps[i].second, ec);
}

}  // namespace

PreparedMapKey preparedMapKey(const PreparedMapKeyInput& input) {
    KeyHasher h;
    h.addText("samenkaart prepared map");
    h.add(kFormat);
    h.addText(buildIdentity());
    h.addText(input.crsDefinition);
    h.add(input.prepare.verticesPerChunk);
    h.add(static_cast<uint64_t>(input.prepare.lodMinimumVertices));
    h.add(input.prepare.lodMinimumReduction);
    h.add(input.prepare.singleResolution);
    h.add(input.prepare.origin.has_value());
    if (input.prepare.origin) h.add(*input.prepare.origin);
    h.add(input.labelAnchors);
    h.add(input.areas);
    h.add(static_cast<uint64_t>(input.styles.size()));
    for (const PolygonStyle& s : input.styles) {
        h.add(s.fill);
        h.add(s.outline);
        h.add(s.outlineWidthPx);
    }
    h.add(static_cast<uint64_t>(input.boundaries.size()));
    for (const Boundary& b : input.boundaries) {
        h.add(static_cast<uint64_t>(b.geometry.size()));
        for (const Polygon& polygon : b.geometry) {
            h.add(static_cast<uint64_t>(polygon.size()));
            for (const Ring& ring : polygon) h.addBytes(ring.data(), ring.size() * sizeof(Point));
        }
    }
    return h.digest();
}

std::string preparedMapCacheFile(const std::string& directory, const std::string& projectPath) {
    std::error_code ec;
    fs::path absolute = fs::weakly_canonical(fs::path(projectPath), ec);
    if (ec) absolute = fs::absolute(fs::path(projectPath), ec).lexically_normal();
    const std::string text = absolute.string();
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.map",
                  static_cast<unsigned long long>(XXH3_64bits(text.data(), text.size())));
    return (fs::path(directory) / name).string();
}

const char* cacheReadName(CacheRead outcome) {
    switch (outcome) {
        case CacheRead::Used:
            return "used";
        case CacheRead::Missing:
            return "missing";
        case CacheRead::Stale:
            return "stale";
        case CacheRead::Damaged:
            return "damaged";
    }
    return "?";
}

PreparedMapFile readPreparedMapFile(const std::string& file, const PreparedMapKey* expected) {
    PreparedMapFile result;
    CacheReadResult& read = result.read;
    auto damaged = [&result, &read](std::string why) {
        read.outcome = CacheRead::Damaged;
        read.reason = std::move(why);
        read.parts = {};
        return std::move(result);
    };
    FilePtr f(std::fopen(file.c_str(), "rb"));
    if (!f) {
        if (errno == ENOENT || errno == ENOTDIR) return result;  // Missing (a folder that is a file: as missing)
        return damaged("cannot be opened: " + errnoText());
    }
    Header header;
    if (std::fread(&header, sizeof header, 1, f.get()) != 1) return damaged("shorter than its header");
    if (header.magic != kMagic || header.byteOrder != kByteOrder) return damaged("not a map cache of this machine");
    result.key = header.key;
    if (header.format != kFormat || (expected && header.key != *expected)) {
        read.outcome = CacheRead::Stale;
        return result;
    }
    std::error_code ec;
    const uint64_t size = fs::file_size(file, ec);
    if (ec || size != sizeof header + header.payloadBytes) return damaged("cut short or grown");

    PayloadReader in(f.get(), header.payloadBytes);
    CachedMapParts& parts = read.parts;
    uint64_t levelCount = 0;
    in.value(parts.boundaryLayer.origin);
    in.value(parts.boundaryLayer.bounds);
    in.value(levelCount);
    if (!in.ok() || levelCount == 0 || levelCount > 64) return damaged("no levels of detail");
    parts.boundaryLayer.levels.resize(levelCount);
    for (LodGeometry& level : parts.boundaryLayer.levels) {
        uint64_t follows = 0;
        in.value(level.minResolution);
        in.value(follows);
        level.outlinesFollowFills = follows != 0;
        forEachArray(level, [&in](auto& array) { in.array(array); });
    }
    std::vector<StoredLabel> labels;
    in.array(labels);
    in.array(parts.boundaryAreaKm2);
    if (!in.ok() || in.left() != 0) return damaged("its parts do not fill it");
    if (in.hash() != header.payloadHash) return damaged("checksum does not match");
    for (const LodGeometry& level : parts.boundaryLayer.levels) {
        if (std::string problem = levelProblem(level, result.featureLimit); !problem.empty()) return damaged(problem);
    }
    parts.boundaryLabels.reserve(labels.size());
    for (const StoredLabel& s : labels) {
        LabelRequest label;
        label.anchor = s.anchor;
        label.featureBbox = s.featureBbox;
        label.priority = s.priority;
        parts.boundaryLabels.push_back(label);
    }
    read.outcome = CacheRead::Used;
    return result;
}

CacheReadResult acceptPreparedMap(PreparedMapFile&& read, const std::string& file, const PreparedMapKey& key,
                                  size_t boundaryCount) {
    CacheReadResult result = std::move(read.read);
    if (result.outcome != CacheRead::Used) return result;
    auto refuse = [&result](CacheRead outcome, std::string why) {
        result.outcome = outcome;
        result.reason = std::move(why);
        result.parts = {};  // its memory back before the map is prepared afresh
        return std::move(result);
    };
    if (read.key != key) return refuse(CacheRead::Stale, {});
    const CachedMapParts& parts = result.parts;
    // Feature numbers run from 1; 0 marks a vertex of no feature.
    if (read.featureLimit > boundaryCount) return refuse(CacheRead::Damaged, "a feature number beyond the boundaries");
    if (parts.boundaryLabels.size() != boundaryCount && !parts.boundaryLabels.empty())
        return refuse(CacheRead::Damaged, "a label count unlike the boundaries'");
    if (parts.boundaryAreaKm2.size() != boundaryCount && !parts.boundaryAreaKm2.empty())
        return refuse(CacheRead::Damaged, "an area count unlike the boundaries'");
    std::error_code ec;
    fs::last_write_time(file, fs::file_time_type::clock::now(), ec);  // recently used: kept when pruning
    return result;
}

CacheReadResult readPreparedMap(const std::string& file, const PreparedMapKey& key, size_t boundaryCount) {
    return acceptPreparedMap(readPreparedMapFile(file, &key), file, key, boundaryCount);
}

std::string writePreparedMap(const std::string& file, const PreparedMapKey& key, const CachedMapPartsView& parts,
                             size_t keepFiles) {
    const fs::path target(file);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return target.parent_path().string() + ": " + ec.message();
    static std::atomic<unsigned> counter{0};
    const std::string temporary =
        file + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
    FilePtr f(std::fopen(temporary.c_str(), "wb"));
    if (!f) return temporary + ": " + errnoText();
    auto fail = [&](const std::string& why) {
        f.reset();
        std::remove(temporary.c_str());
        return temporary + ": " + why;
    };
    Header header;
    header.magic = kMagic;
    header.format = kFormat;
    header.byteOrder = kByteOrder;
    header.key = key;
    if (std::fwrite(&header, sizeof header, 1, f.get()) != 1) return fail(errnoText());
    PayloadWriter out(f.get());
    const PreparedVectorLayer& layer = parts.boundaryLayer;
    out.value(layer.origin);
    out.value(layer.bounds);
    out.value(static_cast<uint64_t>(layer.levels.size()));
    for (const LodGeometry& level : layer.levels) {
        out.value(level.minResolution);
        out.value(static_cast<uint64_t>(level.outlinesFollowFills ? 1 : 0));
        forEachArray(level, [&out](const auto& array) { out.array(array); });
    }
    std::vector<StoredLabel> labels;
    labels.reserve(parts.boundaryLabels.size());
    for (const LabelRequest& l : parts.boundaryLabels) labels.push_back({l.anchor, l.featureBbox, l.priority});
    out.array(labels);
    out.array(parts.boundaryAreaKm2);
    if (out.failed()) return fail(errnoText());
    header.payloadBytes = out.written();
    header.payloadHash = out.hash();
    if (std::fseek(f.get(), 0, SEEK_SET) != 0 || std::fwrite(&header, sizeof header, 1, f.get()) != 1)
        return fail(errnoText());
    if (std::fflush(f.get()) != 0) return fail(errnoText());
    if (std::fclose(f.release()) != 0) {
        std::remove(temporary.c_str());
        return temporary + ": " + errnoText();
    }
    fs::rename(temporary, target, ec);
    if (ec) {
        std::remove(temporary.c_str());
        return file + ": " + ec.message();
    }
    pruneCacheFolder(target.parent_path(), keepFiles);
    return {};
}

}  // namespace samenkaart::mapping
