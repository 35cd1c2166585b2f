// The programme store's schema, as numbered SQL migrations kept in engine/programme/migrations/
// and compiled in. A store records the versions it has in samenkaart.schema_version; `programme
// init` applies the missing ones in order, each in its own transaction.
#pragma once

#include <vector>

namespace samenkaart::programme {

struct Migration {
    int version = 0;
    const char* title = "";
    const char* sql = "";  // {{common_srid}} stands for the store's common CRS
};

// In version order, starting at 1 with no gaps.
const std::vector<Migration>& migrations();

}  // namespace samenkaart::programme
