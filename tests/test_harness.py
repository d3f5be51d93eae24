"""The harness itself: each test gets its own empty database on a real server."""

import psycopg

from tests.conftest import dbname_of


def test_fresh_database_is_empty_and_private(db, db_url):
    assert dbname_of(db_url).startswith("pgshift_t_")
    count = db.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public'"
    ).fetchone()[0]
    assert count == 0


def test_databases_are_not_shared(make_db):
    """Two databases of one test are distinct: a table made in one is absent from the other.

    Self-contained (no reliance on another test having run first), so it means something alone.
    """
    first, second = make_db(), make_db()
    assert dbname_of(first) != dbname_of(second)
    with psycopg.connect(first, autocommit=True) as conn:
        conn.execute("CREATE TABLE only_here (x int)")
        assert conn.execute("SELECT to_regclass('public.only_here')").fetchone()[0] is not None
    with psycopg.connect(second, autocommit=True) as conn:
        assert conn.execute("SELECT to_regclass('public.only_here')").fetchone()[0] is None
