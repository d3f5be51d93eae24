"""Transaction groups: how a migration file is cut (pure, no database)."""

from __future__ import annotations

from pgshift.pg.parser import parse_migration
from pgshift.runner.groups import split_groups

BP = "\n--> statement-breakpoint\n"


def _groups(sql: str, version: int = 150000, directive: bool | None = None) -> list[tuple[bool, list[str]]]:
    groups = split_groups(parse_migration(sql), server_version=version, directive=directive)
    assert [g.number for g in groups] == list(range(1, len(groups) + 1))
    return [
        (g.transactional, [s.text.split()[0] + " " + s.text.split()[1] for s in g.statements]) for g in groups
    ]


def test_concurrent_statements_run_alone_and_the_rest_shares_transactions() -> None:
    sql = BP.join(
        [
            'ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";',
            'ALTER TABLE "users" DROP COLUMN "bio";',
            'CREATE INDEX CONCURRENTLY "i" ON "users" ("email");',
            'DROP INDEX CONCURRENTLY "j";',
            'ALTER TABLE "users" ADD COLUMN "x" int;',
            "VACUUM users;",
            "REINDEX INDEX CONCURRENTLY i;",
            "CREATE TABLE t (id int);",
        ]
    )
    assert _groups(sql) == [
        (True, ["ALTER TABLE", "ALTER TABLE"]),
        (False, ["CREATE INDEX"]),
        (False, ["DROP INDEX"]),
        (True, ["ALTER TABLE"]),
        (False, ["VACUUM users"]),
        (False, ["REINDEX INDEX"]),
        (True, ["CREATE TABLE"]),
    ]


def test_enum_add_value_ends_its_group_only_before_a_use() -> None:
    used = BP.join(
        [
            "ALTER TYPE mood ADD VALUE 'ok';",
            "CREATE TABLE a (id int);",
            "ALTER TYPE mood ADD VALUE 'sad';",
            "ALTER TABLE t ADD COLUMN m mood DEFAULT 'sad' NOT NULL;",
        ]
    )
    assert _groups(used) == [
        (True, ["ALTER TYPE", "CREATE TABLE", "ALTER TYPE"]),
        (True, ["ALTER TABLE"]),
    ]
    assert _groups("ALTER TYPE mood ADD VALUE 'x';" + BP + "CREATE TABLE b (id int);") == [
        (True, ["ALTER TYPE", "CREATE TABLE"])
    ]
    # Before PostgreSQL 12 ADD VALUE cannot run in a transaction block at all.
    assert _groups("ALTER TYPE mood ADD VALUE 'x';" + BP + "CREATE TABLE b (id int);", version=110000) == [
        (False, ["ALTER TYPE"]),
        (True, ["CREATE TABLE"]),
    ]


def test_validate_runs_in_a_later_group_than_its_not_valid_add() -> None:
    sql = BP.join(
        [
            'ALTER TABLE "posts" ADD CONSTRAINT "fk" FOREIGN KEY ("a") REFERENCES "users"("id") NOT VALID;',
            'ALTER TABLE "posts" ADD CONSTRAINT "ck" CHECK (a > 0) NOT VALID;',
            'ALTER TABLE "posts" VALIDATE CONSTRAINT "fk";',
            'ALTER TABLE "posts" VALIDATE CONSTRAINT "ck";',
            'ALTER TABLE "other" VALIDATE CONSTRAINT "old";',
        ]
    )
    groups = split_groups(parse_migration(sql), server_version=150000)
    assert [len(g.statements) for g in groups] == [2, 3]
    assert "VALIDATE at line 5" in groups[1].reason


def test_header_overrides() -> None:
    sql = "CREATE TABLE a (id int);" + BP + 'CREATE INDEX CONCURRENTLY "i" ON a (id);' + BP + "SELECT 1;"
    assert _groups(sql, directive=True) == [(True, ["CREATE TABLE", "CREATE INDEX", "SELECT 1"])]
    assert [t for t, _ in _groups(sql, directive=False)] == [False, False, False]
    assert split_groups([], server_version=150000) == []
