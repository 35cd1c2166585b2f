"""What the programme store's window tests share: the throwaway cluster's address (written by
scripts/pg-test-cluster.sh into PG_STATE_DIR/cluster.env), an environment for the samenkaart under
test that only reaches the store through the connection string it is given, and psql as the
cluster's administrator."""
import os
import shutil
import subprocess


def cluster_env(state):
    return dict(line.strip().split("=", 1) for line in open(os.path.join(state, "cluster.env")) if "=" in line)


def client_env(work, cache=False):
    """Makes `work` afresh; the environment for samenkaart: XDG folders in it (the cache too when
    asked), no PG* variables."""
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "data"), XDG_CONFIG_HOME=os.path.join(work, "config"))
    if cache:
        env["XDG_CACHE_HOME"] = os.path.join(work, "cache")
    for key in ("PGHOST", "PGPORT", "PGUSER", "PGSERVICE", "PGPASSWORD"):
        env.pop(key, None)
    return env


class Admin:
    """psql as the cluster's administrator; `db(name)` is the connection string samenkaart gets."""

    def __init__(self, cluster):
        self.cluster = cluster
        self.args = ["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", cluster["PGHOST"], "-p",
                     cluster["PGPORT"], "-U", cluster["PGUSER"]]

    def __call__(self, db, query):
        return subprocess.run(self.args + ["-d", db, "-c", query], check=True, capture_output=True,
                              text=True).stdout.strip()

    def db(self, name):
        c = self.cluster
        return f"host={c['PGHOST']} port={c['PGPORT']} user={c['PGUSER']} dbname={name}"

    def new_store(self, cli, name, *werkplaatsen):
        """A database `name` from the cluster's PostGIS template made a programme store with these
        werkplaatsen (through samenkaart's command line `cli`); its connection string."""
        self("postgres", f"CREATE DATABASE {name} TEMPLATE samenkaart_template")
        db = self.db(name)
        cli("programme", "init", db)
        for code in werkplaatsen:
            cli("programme", "werkplaats", "add", db, code)
        return db
