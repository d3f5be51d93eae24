"""The harness itself: each test gets its own empty database on a real server."""

from tests.conftest import dbname_of


def test_fresh_database_is_empty_and_private(db, db_url):
    assert dbname_of(db_url).startswith("pgshift_t_")
    count = db.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public'"
    ).fetchone()[0]
    assert count == 0
    db.execute("CREATE TABLE only_here (x int)")


def test_databases_are_not_shared(db):
    assert db.execute("SELECT to_regclass('public.only_here')").fetchone()[0] is None
