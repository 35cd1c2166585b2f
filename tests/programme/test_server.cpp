#include "tests/programme/test_server.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>

namespace samenkaart::test {
namespace {

const std::map<std::string, std::string>& clusterEnv() {
    static const std::map<std::string, std::string> env = [] {
        std::map<std::string, std::string> out;
        std::ifstream in(SAMENKAART_PG_STATE "/cluster.env");
        std::string line;
        while (std::getline(in, line))
            if (auto eq = line.find('='); eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
        return out;
    }();
    return env;
}

std::string get(const char* key) {
    auto it = clusterEnv().find(key);
    if (it == clusterEnv().end()) {
        ADD_FAILURE() << "no test PostgreSQL cluster: " SAMENKAART_PG_STATE "/cluster.env lacks " << key
                      << " (run the tests with ctest, which starts it: scripts/pg-test-cluster.sh)";
        return "";
    }
    return it->second;
}

std::string pgpassFile() { return std::string(SAMENKAART_PG_STATE) + "/pgpass"; }

// Every libpq connection of the test process finds role passwords here, and nothing else.
void usePgpass() {
    static std::once_flag once;
    std::call_once(once, [] {
        setenv("PGPASSFILE", pgpassFile().c_str(), 1);
        unsetenv("PGPASSWORD");
        unsetenv("PGSERVICE");
    });
}

}  // namespace

std::string TestDatabase::host() { return get("PGHOST"); }
std::string TestDatabase::port() { return get("PGPORT"); }
std::string TestDatabase::dataDir() { return get("SAMENKAART_PG_DATA"); }
std::string TestDatabase::binDir() { return get("SAMENKAART_PG_BIN"); }

TestDatabase::TestDatabase(bool withPostgis) {
    usePgpass();
    std::random_device rd;
    name_ = "sk_test_" + std::to_string(rd()) + std::to_string(rd() % 1000);
    pg::Connection c =
        pg::Connection::open("host=" + host() + " port=" + port() + " user=samenkaart_admin dbname=postgres");
    c.exec("CREATE DATABASE " + name_ + (withPostgis ? " TEMPLATE samenkaart_template" : " TEMPLATE template0"));
}

TestDatabase::~TestDatabase() {
    try {
        pg::Connection c =
            pg::Connection::open("host=" + host() + " port=" + port() + " user=samenkaart_admin dbname=postgres");
        c.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const Error& e) {
        ADD_FAILURE() << "dropping " << name_ << ": " << e.what();
    }
}

std::string TestDatabase::db() const { return dbAs("samenkaart_admin"); }

std::string TestDatabase::dbAs(const std::string& role) const {
    return "host=" + host() + " port=" + port() + " user=" + role + " dbname=" + name_;
}

pg::Connection TestDatabase::admin() const { return pg::Connection::open(db()); }

void TestDatabase::createLoginRole(const std::string& role, const std::string& password) const {
    pg::Connection c = admin();
    // Roles are the cluster's: a second test that made the same one only changes its password.
    c.exec("DO $$ BEGIN CREATE ROLE " + role +
           " LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    c.exec("ALTER ROLE " + role + " PASSWORD '" + password + "'");
    static std::mutex m;
    std::lock_guard lock(m);
    std::ofstream out(pgpassFile(), std::ios::app);
    out << host() << ":" << port() << ":*:" << role << ":" << password << "\n";
    out.close();
    std::filesystem::permissions(pgpassFile(),
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

}  // namespace samenkaart::test
