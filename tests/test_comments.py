"""Comments on every kind, declared in schema code: SQLAlchemy's ``comment=`` (tables, columns,
constraints), ``info={"pgshift": {"comment": ...}}`` (indexes, exclusion constraints), a policy's
``comment`` key, ``objects.Comment`` (enums, sequences, rules, triggers) and the declaration classes'
own ``comment=``; generated, changed in place, rolled back, and seen as drift when changed by hand.
The comments in the database are read with tests/catalog_facts.py's independent queries."""

from __future__ import annotations

from pathlib import Path

import psycopg

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from tests.catalog_facts import catalog_facts

SCHEMA = """
import enum
from sqlalchemy import (CheckConstraint, Column, ForeignKeyConstraint, Index, Integer, MetaData,
                        PrimaryKeyConstraint, Sequence, Table, Text, UniqueConstraint, Enum)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from pgshift import objects

metadata = MetaData()
mood = Enum("sad", "ok", name="mood")
Sequence("ticket_no", metadata=metadata)
account = Table(
    "account", metadata,
    Column("id", Integer, autoincrement=False),
    Column("code", Text),
    Column("score", Integer),
    Column("mood", mood),
    PrimaryKeyConstraint("id", name="account_pkey", comment=PK),
    UniqueConstraint("code", name="account_code_key", comment=UNIQUE),
    CheckConstraint("score > 0", name="account_score_check", comment=CHECK),
    ExcludeConstraint(("code", "="), name="account_code_excl", using="btree", info={"pgshift": {"comment": EXCL}}),
    info={"pgshift": {"rls": True, "policies": [
        {"name": "own_rows", "using": "score > 1", "comment": POLICY}]}},
)
Index("account_score_idx", account.c.score, info={"pgshift": {"comment": INDEX}})
note = Table(
    "note", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("account_id", Integer),
    ForeignKeyConstraint(["account_id"], ["account.id"], name="note_account_fk", comment=FK),
)
objects.register(metadata, [
    objects.Function("public", "stamp()", "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                     comment=FUNCTION),
    objects.Trigger("public", "note_stamp", "BEFORE INSERT ON public.note FOR EACH ROW EXECUTE FUNCTION stamp()",
                    comment=TRIGGER),
    objects.Rule("public", "note_keep", "ON DELETE TO public.note DO INSTEAD NOTHING", comment=RULE),
    objects.Comment('TYPE "public"."mood"', ENUM),
    objects.Comment('SEQUENCE "public"."ticket_no"', SEQUENCE),
])
"""

NAMES = (
    "PK",
    "UNIQUE",
    "CHECK",
    "EXCL",
    "POLICY",
    "INDEX",
    "FK",
    "FUNCTION",
    "TRIGGER",
    "RULE",
    "ENUM",
    "SEQUENCE",
)
COMMENT_KINDS = (
    "constraint", "index", "function", "type", "sequence_comment", "trigger_comment", "rule_comment",
    "policy_comment",
)  # fmt: skip


def write_schema(root: Path, version: int, comments: dict[str, str | None]) -> None:
    """schema_v<version>.py with the given comments (a new module name each time: the loader caches)."""
    header = "".join(f"{name} = {comments.get(name)!r}\n" for name in NAMES)
    (root / f"schema_v{version}.py").write_text(header + SCHEMA)
    config = root / "pgshift.toml"
    lines = [line for line in config.read_text().splitlines() if not line.startswith("schema =")]
    config.write_text(f'schema = "schema_v{version}.py:metadata"\n' + "\n".join(lines) + "\n")


def project(root: Path, db_url: str) -> Path:
    server = psycopg.conninfo.make_conninfo(db_url, dbname="postgres")
    (root / "pgshift.toml").write_text(f'out = "drizzle"\ndev_url = "{server}"\n')
    return root / "pgshift.toml"


def comment_facts(url: str) -> list[str]:
    """The facts that carry a comment, with the comment (the last column) non-empty."""
    facts = catalog_facts(url, exclude_schemas=["drizzle"], kinds=COMMENT_KINDS)
    return [f for f in facts if not f.endswith(" | ")]


FIRST = {name: f"{name.lower()} words" for name in NAMES}
SECOND = {
    **{name: f"new {name.lower()} words" for name in NAMES[::2]},
    **{name: None for name in NAMES[1::2]},
}


def test_comments_declared_in_code_are_generated_changed_and_rolled_back(tmp_path: Path, db_url: str) -> None:
    config = project(tmp_path, db_url)
    write_schema(tmp_path, 1, FIRST)
    first = generate(config, name="v1")
    assert first.tag
    migrate(db_url, config=config)
    after_first = comment_facts(db_url)
    for text in FIRST.values():
        assert any(f.endswith(f" | {text}") for f in after_first), (text, after_first)
    assert generate(config).tag is None  # comments compare equal after the round trip

    write_schema(tmp_path, 2, SECOND)
    second = generate(config, name="v2")
    assert second.tag
    # only comments change: nothing is dropped or created again
    assert {op.action for op in second.ops} <= {"comment", "replace_function", "alter_trigger"}, [
        op.describe() for op in second.ops
    ]
    migrate(db_url, config=config)
    after_second = comment_facts(db_url)
    for name, text in SECOND.items():
        if text is None:
            assert not any(f.endswith(f" | {FIRST[name]}") for f in after_second), (name, after_second)
        else:
            assert any(f.endswith(f" | {text}") for f in after_second), (text, after_second)
    assert generate(config).tag is None

    report = status(db_url, config=config)
    assert report.drift is not None and not report.drift.items, report.drift
    with psycopg.connect(db_url, autocommit=True) as conn:  # by hand: drift, in a sentence
        conn.execute("COMMENT ON INDEX public.account_score_idx IS 'by hand'")
        conn.execute("COMMENT ON RULE note_keep ON public.note IS 'by hand'")
    drifted = status(db_url, config=config).drift
    assert drifted is not None
    messages = sorted(item.message for item in drifted.items)
    assert any(m.startswith("comment on index public.account.account_score_idx") for m in messages), messages
    assert any(m.startswith("comment on rule public.note.note_keep") for m in messages), messages
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("COMMENT ON INDEX public.account_score_idx IS 'new index words'")
        conn.execute("COMMENT ON RULE note_keep ON public.note IS NULL")

    rollback(db_url, config=config)
    assert comment_facts(db_url) == after_first


def test_comment_on_created_names_routines_by_argument_types() -> None:
    from pgshift.objects import Aggregate, Procedure, Rule, Trigger
    from pgshift.pg.parser import comment_on_created

    function = 'CREATE FUNCTION "public".f(a int, OUT b text, c numeric DEFAULT 0.2) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'
    assert comment_on_created(function, "it's") == "COMMENT ON FUNCTION public.f(int, numeric) IS 'it''s'"
    assert comment_on_created(function, None) == "COMMENT ON FUNCTION public.f(int, numeric) IS NULL"
    assert (
        Procedure("billing", "close(month date)", "LANGUAGE sql AS $$ SELECT 1 $$", comment="x").statements()[
            1
        ]
        == "COMMENT ON PROCEDURE billing.close(date) IS 'x'"
    )
    assert (
        Aggregate(
            "public", "total(numeric)", "SFUNC = numeric_add, STYPE = numeric", comment="x"
        ).statements()[1]
        == "COMMENT ON AGGREGATE public.total(numeric) IS 'x'"
    )
    trigger = Trigger(
        "public", "T", "BEFORE INSERT ON public.note FOR EACH ROW EXECUTE FUNCTION f()", comment="y"
    )
    assert trigger.statements()[-1] == "COMMENT ON TRIGGER \"T\" ON public.note IS 'y'"
    rule = Rule("public", "keep", "ON DELETE TO note DO INSTEAD NOTHING", comment="z")
    assert rule.statements() == [
        'CREATE RULE "keep" AS ON DELETE TO note DO INSTEAD NOTHING',
        "COMMENT ON RULE keep ON note IS 'z'",
    ]
    assert Rule("public", "keep", "ON DELETE TO note DO INSTEAD NOTHING").statements()[1:] == []


PARTS_SCHEMA = """
from sqlalchemy import Column, Integer, MetaData, Table
from sqlalchemy.types import UserDefinedType
from pgshift import objects

class Positive(UserDefinedType):
    cache_ok = True
    def get_col_spec(self, **kw):
        return "positive"

metadata = MetaData()
Table("t", metadata, Column("id", Integer, primary_key=True), Column("n", Positive()))
objects.register(metadata, [
    objects.SQL("CREATE DOMAIN public.positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0) CONSTRAINT positive_small CHECK (VALUE < LIMIT)"),
    objects.SQL("CREATE TYPE public.pair AS (a integer, b text)"),
    *[objects.Comment(target, text) for target, text in COMMENTS],
])
"""


def part_comments(url: str) -> set[tuple[str, str]]:
    """Comments on domain constraints and composite-type attributes, read straight from pg_description."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT 'constraint ' || k.conname, d.description FROM pg_constraint k"
            " JOIN pg_description d ON d.objoid = k.oid AND d.classoid = 'pg_constraint'::regclass"
            " WHERE k.contypid = 'public.positive'::regtype"
            " UNION ALL SELECT 'attribute ' || a.attname, d.description FROM pg_attribute a"
            " JOIN pg_description d ON d.objoid = a.attrelid AND d.objsubid = a.attnum"
            " WHERE a.attrelid = (SELECT typrelid FROM pg_type WHERE oid = 'public.pair'::regtype)"
        ).fetchall()
    return {(what, text) for what, text in rows}


def test_comments_on_domain_constraints_and_type_attributes(tmp_path: Path, db_url: str) -> None:
    """COMMENT ON CONSTRAINT ... ON DOMAIN and on a composite type's attribute are kept, changed in place
    (the domain is in use: it could not be dropped), kept when ALTER DOMAIN adds a constraint again,
    and rolled back."""
    config = project(tmp_path, db_url)

    def write(version: int, limit: int, comments: list[tuple[str, str | None]]) -> None:
        text = PARTS_SCHEMA.replace("LIMIT", str(limit))
        (tmp_path / f"parts_v{version}.py").write_text(f"COMMENTS = {comments!r}\n" + text)
        lines = [ln for ln in config.read_text().splitlines() if not ln.startswith("schema =")]
        config.write_text(f'schema = "parts_v{version}.py:metadata"\n' + "\n".join(lines) + "\n")

    check, small = (
        "CONSTRAINT positive_check ON DOMAIN public.positive",
        "CONSTRAINT positive_small ON DOMAIN public.positive",
    )
    attr = "COLUMN public.pair.b"
    write(1, 1000, [(check, "above zero"), (small, "below a thousand"), (attr, "the label")])
    assert generate(config, name="v1").tag
    migrate(db_url, config=config)
    first = part_comments(db_url)
    assert first == {
        ("constraint positive_check", "above zero"),
        ("constraint positive_small", "below a thousand"),
        ("attribute b", "the label"),
    }
    assert generate(config).tag is None

    # positive_small changes (ALTER DOMAIN drops and adds it: its comment is set again), the CHECK's and
    # the attribute's comments change or go; nothing is dropped
    write(2, 500, [(check, "strictly above zero"), (small, "below a thousand")])
    second = generate(config, name="v2")
    assert second.tag
    assert {op.action for op in second.ops} <= {"comment", "alter_domain"}, [
        op.describe() for op in second.ops
    ]
    migrate(db_url, config=config)
    assert part_comments(db_url) == {
        ("constraint positive_check", "strictly above zero"),
        ("constraint positive_small", "below a thousand"),
    }
    assert generate(config).tag is None
    report = status(db_url, config=config)
    assert report.drift is not None and not report.drift.items, report.drift

    rollback(db_url, config=config)
    assert part_comments(db_url) == first
