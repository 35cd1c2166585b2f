#include "engine/programme/store_reading.hpp"

#include <cctype>

namespace samenkaart::programme {
namespace {

constexpr int kRowsPerFetch = 20000;

}  // namespace

void fetchInBatches(pg::Connection& c, const std::string& select, const std::function<void(const pg::Result&)>& batch) {
    c.exec("DECLARE store_rows NO SCROLL CURSOR FOR " + select);
    for (;;) {
        const pg::Result r = c.exec("FETCH " + std::to_string(kRowsPerFetch) + " FROM store_rows");
        if (r.rows() == 0) break;
        batch(r);
    }
    c.exec("CLOSE store_rows");
}

int64_t copyStorePins(pg::Connection& c, const std::string& select, PinBulkWrite& write,
                      const std::function<std::optional<int64_t>(const pg::Result&, int row)>& sessionOf,
                      const std::function<void(int64_t rowsRead)>& progress) {
    int64_t read = 0, written = 0;
    if (progress) progress(0);
    fetchInBatches(c, select, [&](const pg::Result& r) {
        for (int i = 0; i < r.rows(); ++i) {
            const std::optional<int64_t> session = sessionOf(r, i);
            if (!session) continue;
            PreparedPin p;
            p.id = r.text(i, 0);
            p.sessionId = *session;
            p.category = r.text(i, 2);
            p.title = r.text(i, 3);
            p.description = r.text(i, 4);
            p.contributor = r.optionalText(i, 5);
            p.attributes = r.text(i, 6);
            p.createdAt = r.text(i, 7);
            p.updatedAt = r.text(i, 8);
            p.deletedAt = r.optionalText(i, 9);
            p.position = {std::stod(r.text(i, 10)), std::stod(r.text(i, 11))};
            write.add(std::move(p));
            ++written;
        }
        read += r.rows();
        if (progress) progress(read);
    });
    return written;
}

void copyStoreCategories(pg::Connection& c, Database& db, const std::string& select, const pg::Params& params) {
    db.exec("DELETE FROM categories");
    const pg::Result r = c.exec(select, params);
    Statement ins(db,
                  "INSERT INTO categories (code, label_nl, label_en, colour, icon, kind, description, personal, "
                  "fields, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (int i = 0; i < r.rows(); ++i) {
        for (int k = 0; k < 7; ++k) ins.bind(k + 1, r.text(i, k));
        ins.bind(8, int64_t{r.text(i, 7) == "t"}).bind(9, r.text(i, 8)).bind(10, r.integer(i, 9)).run();
        ins.reset();
    }
}

void writeWithoutJournal(Database& db) {
    db.exec("PRAGMA journal_mode = OFF");
    db.exec("PRAGMA synchronous = OFF");
}

std::string uuidLiteral(const std::string& uuid) {
    for (const char ch : uuid)
        if (!std::isxdigit(static_cast<unsigned char>(ch)) && ch != '-')
            throw Error("project " + uuid, "is not a project id of the programme store", ErrorKind::BadInput);
    return "'" + uuid + "'::uuid";
}

}  // namespace samenkaart::programme
