// Writing many new pins in one transaction (PinStore::addMany, `samenkaart pin import`). The work is
// split so that a reader thread can do everything but the writing: NewPinCheck and prepareNewPin
// (engine/pin_rules.hpp) check a pin and turn it into the bytes of its row and its 'create'
// history row, and PinBulkWrite, on the thread that owns the connection, only binds and steps.
#pragma once

#include <cstddef>
#include <memory>

#include "engine/pin.hpp"
#include "engine/project.hpp"

namespace samenkaart {

// One bulk write: a transaction holding the new pins and their 'create' history rows, written many
// rows to a statement, with SpatiaLite's per-row geometry triggers set aside and their work done
// once at commit (the R-tree rebuilt packed when the write at least doubles it). Pins added in id
// order go in fastest (the random ids then land on neighbouring index pages). Destroyed without
// commit(), everything is rolled back.
class PinBulkWrite {
public:
    // `writeHistory` false: no 'create' history rows (a copy that is never edited or undone, such as
    // the programme view); PreparedPin::snapshot is then not read.
    explicit PinBulkWrite(Project& project, bool writeHistory = true);
    ~PinBulkWrite();
    PinBulkWrite(const PinBulkWrite&) = delete;
    PinBulkWrite& operator=(const PinBulkWrite&) = delete;

    void add(PreparedPin pin);
    size_t count() const;
    void commit();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace samenkaart
