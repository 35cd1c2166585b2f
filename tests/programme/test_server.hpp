// The throwaway PostgreSQL cluster the tests talk to (scripts/pg-test-cluster.sh, started by CTest
// as the fixture `pg`): each test gets a database of its own, a copy of a template with PostGIS,
// dropped at the end.
#pragma once

#include <string>

#include "engine/programme/pg_connection.hpp"

namespace samenkaart::test {

class TestDatabase {
public:
    // A new database; the test fails (not skips) when the cluster is not running.
    explicit TestDatabase(bool withPostgis = true);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& name() const { return name_; }
    // Connection strings: as the superuser, or as `role` (whose password libpq finds in the
    // PGPASSFILE the cluster's tests share).
    std::string db() const;
    std::string dbAs(const std::string& role) const;
    pg::Connection admin() const;

    // A login role with a password, written to the pgpass file the tests use.
    void createLoginRole(const std::string& role, const std::string& password) const;

    static std::string host();
    static std::string port();
    static std::string dataDir();  // the cluster's folder (its server.log, data/)
    static std::string binDir();

private:
    std::string name_;
};

}  // namespace samenkaart::test
