#include "engine/sessions.hpp"

#include "engine/clock.hpp"
#include "engine/error.hpp"
#include "engine/text_encoding.hpp"

namespace samenkaart {
namespace {

constexpr const char* kSelect =
    "SELECT id, title, facilitator, location, started_at, ended_at, participant_count, notes, consent, consent_at "
    "FROM sessions";

Session readSession(Statement& st) {
    Session s;
    s.id = st.columnInt(0);
    s.title = st.columnText(1);
    s.facilitator = st.columnOptionalText(2);
    s.location = st.columnOptionalText(3);
    s.startedAt = st.columnText(4);
    s.endedAt = st.columnOptionalText(5);
    s.participantCount = st.columnOptionalInt(6);
    s.notes = st.columnOptionalText(7);
    s.consent = st.columnInt(8) != 0;
    s.consentAt = st.columnOptionalText(9);
    return s;
}

void requireText(const std::optional<std::string>& text, const char* what) {
    if (text && !isValidUtf8(*text)) throw Error("session", std::string(what) + " is not valid UTF-8 text");
}

}  // namespace

nlohmann::json Session::toJson() const {
    auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {{"id", id},
            {"title", title},
            {"facilitator", opt(facilitator)},
            {"location", opt(location)},
            {"started_at", startedAt},
            {"ended_at", opt(endedAt)},
            {"participant_count", opt(participantCount)},
            {"notes", opt(notes)},
            {"consent", consent},
            {"consent_at", opt(consentAt)},
            {"open", isOpen()}};
}

namespace {

// Ends every open session but `keep` at `at` (inside the caller's transaction).
void closeOpenSessions(Database& db, const std::string& at, int64_t keep) {
    Statement st(db, "UPDATE sessions SET ended_at = ? WHERE ended_at IS NULL AND id != ?");
    st.bind(1, at).bind(2, keep).run();
}

}  // namespace

int64_t SessionStore::start(const NewSession& s, OtherOpen others) {
    if (trimmed(s.title).empty()) throw Error("session", "a title is required");
    requireText(s.title, "the title");
    requireText(s.facilitator, "the facilitator");
    requireText(s.location, "the location");
    requireText(s.notes, "the notes");
    if (s.participantCount && *s.participantCount < 0)
        throw Error("session", "the participant count cannot be negative");
    const std::string now = nowIso8601();
    Transaction tx(db_);
    if (others == OtherOpen::Close) closeOpenSessions(db_, now, 0);
    Statement st(db_,
                 "INSERT INTO sessions (title, facilitator, location, started_at, participant_count, notes, consent, "
                 "consent_at) VALUES (?,?,?,?,?,?,?,?)");
    st.bind(1, s.title).bind(2, s.facilitator).bind(3, s.location).bind(4, now).bind(5, s.participantCount);
    st.bind(6, s.notes).bind(7, s.consent ? 1 : 0);
    if (s.consent)
        st.bind(8, now);
    else
        st.bindNull(8);
    st.run();
    const int64_t id = db_.lastInsertRowId();
    tx.commit();
    return id;
}

void SessionStore::close(int64_t id) {
    Session s = get(id);
    if (!s.isOpen()) throw Error("session " + std::to_string(id), "is already closed (at " + *s.endedAt + ")");
    Transaction tx(db_);
    Statement st(db_, "UPDATE sessions SET ended_at = ? WHERE id = ?");
    st.bind(1, nowIso8601()).bind(2, id).run();
    tx.commit();
}

void SessionStore::reopen(int64_t id, OtherOpen others) {
    Session s = get(id);
    if (s.isOpen()) throw Error("session " + std::to_string(id), "is open; only a closed session can be reopened");
    Transaction tx(db_);
    if (others == OtherOpen::Close) closeOpenSessions(db_, nowIso8601(), id);
    Statement st(db_, "UPDATE sessions SET ended_at = NULL WHERE id = ?");
    st.bind(1, id).run();
    tx.commit();
}

void SessionStore::recordConsent(int64_t id) {
    get(id);
    Transaction tx(db_);
    Statement st(db_, "UPDATE sessions SET consent = 1, consent_at = coalesce(consent_at, ?) WHERE id = ?");
    st.bind(1, nowIso8601()).bind(2, id).run();
    tx.commit();
}

std::vector<Session> SessionStore::list() {
    Statement st(db_, std::string(kSelect) + " ORDER BY id");
    std::vector<Session> out;
    while (st.step()) out.push_back(readSession(st));
    return out;
}

std::optional<Session> SessionStore::find(int64_t id) {
    Statement st(db_, std::string(kSelect) + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readSession(st);
}

Session SessionStore::get(int64_t id) {
    auto s = find(id);
    if (!s) throw Error("session " + std::to_string(id), "does not exist in this project");
    return *s;
}

std::optional<Session> SessionStore::latestOpen() {
    Statement st(db_, std::string(kSelect) + " WHERE ended_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    return readSession(st);
}

}  // namespace samenkaart
