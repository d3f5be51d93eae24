"""Grants and default privileges end to end: read from a database, pulled into code, generated, migrated
onto a fresh database — compared with ``tests/catalog_facts.py``'s own aclexplode query — and left alone
while the code declares none. Roles are cluster-wide: each test creates uniquely named ones and drops them
after its databases are gone."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from pgshift import objects
from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.pull import pull
from pgshift.api.push import push
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from pgshift.errors import PgshiftError
from pgshift.model import schema as m
from pgshift.model.privileges import PrivilegeError
from pgshift.sources.kinds.grant import from_declarations
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.test_objects import project, use_schema

TRACKING = ["drizzle"]


@pytest.fixture
def roles(server_url: str) -> Iterator[Callable[[str], str]]:
    """``roles("reader")`` creates a role with a unique name and returns it; all are dropped afterwards.
    Requested before ``make_db``, so its teardown runs after the databases (which hold grants) are gone."""
    made: list[str] = []

    def make(label: str) -> str:
        name = f"pgshift_{label}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(server_url, autocommit=True) as conn:
            conn.execute(f'CREATE ROLE "{name}" NOLOGIN')
        made.append(name)
        return name

    yield make
    with psycopg.connect(server_url, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def privilege_facts(url: str) -> list[str]:
    return catalog_facts(url, exclude_schemas=TRACKING, kinds=("privilege",))


SETUP = """
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE TABLE public.account (id bigint PRIMARY KEY, email text NOT NULL, secret text);
CREATE SEQUENCE app.ticket;
CREATE FUNCTION public.add_tax(amount numeric, rate integer) RETURNS numeric LANGUAGE sql IMMUTABLE
    AS $$ SELECT amount * (100 + rate) / 100 $$;
CREATE VIEW public.emails AS SELECT id, email FROM public.account;
GRANT SELECT, INSERT ON public.account TO "{reader}";
GRANT SELECT ON public.account TO "{writer}" WITH GRANT OPTION;
GRANT UPDATE (email) ON public.account TO "{writer}";
GRANT SELECT ON public.emails TO PUBLIC;
GRANT USAGE ON SCHEMA app TO "{reader}";
GRANT USAGE, SELECT ON SEQUENCE app.ticket TO "{writer}";
GRANT EXECUTE ON FUNCTION public.add_tax(numeric, integer) TO "{reader}";
GRANT USAGE ON TYPE app.mood TO "{reader}";
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO "{reader}";
ALTER DEFAULT PRIVILEGES FOR ROLE "{writer}" GRANT EXECUTE ON FUNCTIONS TO "{reader}" WITH GRANT OPTION;
"""


def test_pull_generate_migrate_round_trip(
    roles: Callable[[str], str], make_db: Callable[[], str], tmp_path: Path
) -> None:
    reader, writer = roles("reader"), roles("writer")
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(SETUP.format(reader=reader, writer=writer))
    config = project(tmp_path, source, schema_filter=("public", "app"))
    pulled = pull(source, config=config, output=tmp_path / "schema.py", style="core")
    assert len(pulled.model.grants) == 8 and len(pulled.model.default_privileges) == 2
    code = (tmp_path / "schema.py").read_text()
    assert (
        f"objects.Grant('function', 'public', 'add_tax(numeric, integer)', '{reader}', ('EXECUTE',))" in code
    )
    assert f"objects.DefaultPrivileges('functions', '{reader}', ('EXECUTE',), for_role='{writer}'" in code

    # the pulled code is the database: push plans nothing, generate has nothing to add to the baseline
    assert [op.describe() for op in push(source, config=config, dry_run=True).plan.operations] == []
    assert generate(config, name="again").tag is None

    target = make_db()
    migrate(target, config=config)
    assert_same_facts(privilege_facts(target), privilege_facts(source), "migrated privileges differ")
    assert push(target, config=config, dry_run=True).plan.operations == ()
    assert not status(target, config=config).drift

    # a grant made by hand after the migration is drift, named as such
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute(f'GRANT DELETE ON public.account TO "{reader}"')
    drift = status(target, config=config).drift
    assert [item.subject for item in drift.items] == [f"table public.account to {reader}"]


def test_code_without_grants_leaves_the_database_grants_alone(
    roles: Callable[[str], str], make_db: Callable[[], str], tmp_path: Path
) -> None:
    reader = roles("reader")
    url = make_db()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE TABLE t (id serial PRIMARY KEY); GRANT SELECT ON t TO "{reader}"')
        conn.execute(f'ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO "{reader}"')
    config = project(tmp_path, url)
    use_schema(
        tmp_path,
        "no_grants",
        "from sqlalchemy import *\nmetadata = MetaData()\nt = Table('t', metadata, Column('id', Integer, primary_key=True))\n",
    )
    plan = push(url, config=config, dry_run=True).plan
    assert plan.operations == ()
    listed = {(u.kind, u.name) for u in plan.unmanaged}
    assert ("grant", f"table public.t to {reader}") in listed
    assert ("default privilege", f"tables in * to {reader}") in listed

    # one declared grant makes grants managed: the undeclared one is revoked, default privileges stay
    use_schema(
        tmp_path,
        "one_grant",
        "from sqlalchemy import *\nfrom pgshift import objects\nmetadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, primary_key=True))\n"
        "objects.register(metadata, [objects.Grant('table', 'public', 't', 'PUBLIC', 'SELECT')])\n",
    )
    plan = push(url, config=config, dry_run=True).plan
    assert sorted(op.describe() for op in plan.operations) == [
        "grant SELECT on table public.t to PUBLIC",
        f"revoke SELECT on table public.t from {reader}",
    ]


def test_a_grant_to_a_missing_role_is_an_actionable_error(db_url: str, tmp_path: Path) -> None:
    config = project(tmp_path, db_url)
    missing = f"pgshift_nobody_{uuid.uuid4().hex[:8]}"
    use_schema(
        tmp_path,
        "missing_role",
        "from sqlalchemy import *\nfrom pgshift import objects\nmetadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, primary_key=True))\n"
        f"objects.register(metadata, [objects.Grant('table', 'public', 't', {missing!r}, 'SELECT')])\n",
    )
    with pytest.raises(PgshiftError) as caught:
        push(db_url, config=config, dry_run=True)
    assert missing in caught.value.message and "table public.t" in caught.value.message
    assert caught.value.hint and "CREATE ROLE" in caught.value.hint


def test_declarations_become_the_model() -> None:
    from alembic_utils.pg_grant_table import PGGrantTable

    from pgshift import objects

    grants, defaults = from_declarations(
        [
            objects.Grant("table", "public", "t", ("app", "public"), "select, insert"),
            objects.Grant("table", "public", "t", "app", ("UPDATE",), with_grant_option=True),
            objects.Grant("function", "public", "f(amount numeric, int4)", "app", "ALL"),
            PGGrantTable(schema="public", table="t", role="app", grant="SELECT", columns=["b", "a"]),
            objects.DefaultPrivileges("tables", "app", "ALL", schema="s"),
            objects.View("public", "v", "SELECT 1"),  # not a privilege: skipped
        ]
    )
    assert sorted(grants, key=lambda g: g.key) == [
        m.Grant("function", "public", "f(numeric, integer)", "app", ("EXECUTE",)),
        m.Grant("table", "public", "t", "PUBLIC", ("INSERT", "SELECT")),
        m.Grant("table", "public", "t", "app", ("INSERT", "SELECT", "UPDATE"), ("UPDATE",)),
        m.Grant("table", "public", "t", "app", ("SELECT",), (), "a"),
        m.Grant("table", "public", "t", "app", ("SELECT",), (), "b"),
    ]
    all_table = ("DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE")
    assert defaults == [m.DefaultPrivilege(None, "s", "tables", "app", all_table)]
    with pytest.raises(PrivilegeError, match="'EXECUTE' is not a privilege of a table"):
        from_declarations([objects.Grant("table", "public", "t", "app", "EXECUTE")])


def test_declarations_are_not_run_on_the_scratch_database(tmp_path: Path) -> None:
    """A schema whose only declarations are grants needs no scratch server (its roles may not exist)."""
    from pgshift import objects
    from pgshift.api.scratch import declarations
    from pgshift.config import load_config

    (tmp_path / "pgshift.toml").write_text('schema = "s.py"\n')
    metadata = type("Meta", (), {"info": {}})()
    objects.register(metadata, [objects.Grant("schema", "app", "", "PUBLIC", "USAGE")])
    assert declarations(load_config(tmp_path / "pgshift.toml"), objects.registered(metadata)) == []


def _view_schema(root: Path, name: str, select: str, reader: str) -> None:
    use_schema(
        root,
        name,
        "from sqlalchemy import *\nfrom pgshift import objects\nmetadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, primary_key=True), Column('v', Text))\n"
        "objects.register(metadata, [\n"
        f"    objects.View('public', 'tv', {select!r}),\n"
        f"    objects.Grant('table', 'public', 'tv', {reader!r}, 'SELECT'),\n"
        f"    objects.Grant('table', 'public', 't', {reader!r}, 'SELECT', columns=('v',)),\n"
        "])\n",
    )


def test_a_rebuilt_view_keeps_its_grants(
    roles: Callable[[str], str], make_db: Callable[[], str], tmp_path: Path
) -> None:
    reader = roles("reader")
    url = make_db()
    config = project(tmp_path, url)
    _view_schema(tmp_path, "view_v1", "SELECT id, v FROM t", reader)
    push(url, config=config)
    _view_schema(tmp_path, "view_v2", "SELECT v FROM t", reader)
    described = [op.describe() for op in push(url, config=config).plan.operations]
    assert f"grant SELECT on table public.tv to {reader}" in described
    held = [f.rsplit(" | ", 1)[0] for f in privilege_facts(url) if f" | {reader} | " in f]  # without grantor
    assert held == [
        f"privilege | column public.t.v | {reader} | SELECT | false",
        f"privilege | relation public.tv | {reader} | SELECT | false",
    ]
    assert push(url, config=config, dry_run=True).plan.operations == ()


def test_opt_in_kinds_follow_the_code() -> None:
    """generate keeps the snapshot's grants while the code declares none; push and status set the
    database's aside (listed) unless the code declares at least one of that kind."""
    from pgshift.api.managed import keep_unmanaged, set_aside_opt_in

    grant = m.Grant("table", "public", "t", "app", ("SELECT",))
    default = m.DefaultPrivilege(None, None, "tables", "app", ("SELECT",))
    snapshot = m.build_model(grants=[grant], default_privileges=[default])
    assert keep_unmanaged(m.Model(), snapshot) == snapshot
    other = m.Grant("schema", "app", "app", "PUBLIC", ("USAGE",))
    assert keep_unmanaged(m.build_model(grants=[other]), snapshot).grants == (other,)

    kept, listed = set_aside_opt_in(snapshot, m.build_model(grants=[other]))
    assert kept.grants == (grant,) and kept.default_privileges == ()
    assert [(u.kind, u.name) for u in listed] == [("default privilege", "tables in * to app")]


def test_grants_on_tables_the_filters_leave_out_are_left_alone(
    roles: Callable[[str], str], make_db: Callable[[], str], tmp_path: Path
) -> None:
    reader = roles("reader")
    url = make_db()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            f'CREATE TABLE t (id serial PRIMARY KEY); CREATE TABLE other (id int); GRANT SELECT ON other TO "{reader}"'
        )
    config = project(tmp_path, url)
    config.write_text(config.read_text() + 'tables_filter = ["t"]\n')
    use_schema(
        tmp_path,
        "filtered",
        "from sqlalchemy import *\nfrom pgshift import objects\nmetadata = MetaData()\n"
        "t = Table('t', metadata, Column('id', Integer, primary_key=True))\n"
        f"objects.register(metadata, [objects.Grant('table', 'public', 't', {reader!r}, 'SELECT')])\n",
    )
    described = [op.describe() for op in push(url, config=config, dry_run=True).plan.operations]
    assert described == [f"grant SELECT on table public.t to {reader}"]


def test_revoked_default_privileges_round_trip(
    roles: Callable[[str], str], make_db: Callable[[], str], tmp_path: Path
) -> None:
    """A revoked built-in default (the common hardening ``REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC``, and a
    role's own table rights taken away) is pulled, migrated, pushed as nothing, and reversed by the down
    file; checked by the independent privilege facts and by what a function created afterwards allows."""
    owner = roles("owner")
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(
            "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;"
            f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" REVOKE INSERT, DELETE ON TABLES FROM "{owner}";'
            "CREATE TABLE public.t (id int);"
        )
    config = project(tmp_path, source)
    pull(source, config=config, output=tmp_path / "schema.py", style="core")
    code = (tmp_path / "schema.py").read_text()
    assert "objects.DefaultPrivileges('functions', 'PUBLIC', ('EXECUTE',), revoke=True)" in code
    assert (
        f"objects.DefaultPrivileges('tables', '{owner}', ('DELETE', 'INSERT'), for_role='{owner}', revoke=True)"
        in code
    )
    assert [op.describe() for op in push(source, config=config, dry_run=True).plan.operations] == []

    target = make_db()
    migrate(target, config=config)
    facts = catalog_facts(target, exclude_schemas=TRACKING, kinds=("privilege", "default_privileges"))
    expected = catalog_facts(source, exclude_schemas=TRACKING, kinds=("privilege", "default_privileges"))
    assert_same_facts(facts, expected, "migrated default privileges differ")
    assert not status(target, config=config).drift
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("CREATE FUNCTION public.later() RETURNS int LANGUAGE sql AS 'SELECT 1'")
        public_can = conn.execute("SELECT has_function_privilege('public', 'public.later()', 'EXECUTE')")
        assert public_can.fetchone() == (False,)
        conn.execute("DROP FUNCTION public.later()")

    # the down file gives the built-in defaults back
    rollback(target, config=config)
    with psycopg.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM pg_default_acl").fetchone() == (0,)


def test_a_revoked_default_cannot_name_a_schema() -> None:
    with pytest.raises(PrivilegeError, match="every schema"):
        from_declarations(
            [objects.DefaultPrivileges("functions", "PUBLIC", "EXECUTE", schema="app", revoke=True)]
        )


def _hello_schema(root: Path, name: str, returns: str, reader: str) -> None:
    """A function with EXECUTE taken from PUBLIC and given to ``reader``; ``returns`` changes its type."""
    use_schema(
        root,
        name,
        "from sqlalchemy import *\nfrom pgshift import objects\nmetadata = MetaData()\n"
        "objects.register(metadata, [\n"
        f"    objects.Function('public', 'hello(name text)', \"RETURNS {returns} LANGUAGE sql AS $$ SELECT "
        f"('hi ' || name)::{returns} $$\"),\n"
        "    objects.Grant('function', 'public', 'hello(text)', 'PUBLIC', 'EXECUTE', revoke=True),\n"
        f"    objects.Grant('function', 'public', 'hello(text)', {reader!r}, 'EXECUTE'),\n"
        "])\n",
    )


def _who_may_run_hello(url: str, roles: list[str]) -> list[bool]:
    with psycopg.connect(url) as conn:
        return [
            bool(
                conn.execute(
                    "SELECT has_function_privilege(%s, 'public.hello(text)', 'EXECUTE')", (r,)
                ).fetchone()[0]
            )  # type: ignore[index]
            for r in roles
        ]


def test_execute_revoked_from_public_survives_a_rebuild(
    roles: Callable[[str], str], make_db: Callable[[], str], tmp_path: Path
) -> None:
    """A function whose result type changes is dropped and created again, which gives PUBLIC its default
    EXECUTE back: the revocation is applied again after the new function exists, and the down file's
    re-created old function has it too. Checked by what a role without grants may run."""
    reader, stranger = roles("reader"), roles("stranger")
    url = make_db()
    config = project(tmp_path, url)
    _hello_schema(tmp_path, "hello_text", "text", reader)
    assert generate(config, name="v1").tag
    _hello_schema(tmp_path, "hello_varchar", "varchar", reader)
    second = generate(config, name="v2")
    assert "drop_function" in [op.action for op in second.ops]
    assert 'REVOKE EXECUTE ON FUNCTION "public"."hello"(text) FROM PUBLIC;' in second.sql

    migrate(url, config=config)
    assert _who_may_run_hello(url, ["public", stranger, reader]) == [False, False, True]
    assert push(url, config=config, dry_run=True).plan.operations == ()
    assert not status(url, config=config).drift

    rollback(url, config=config)  # v1's function again, created by the down file
    with psycopg.connect(url) as conn:
        returns = conn.execute("SELECT prorettype::regtype::text FROM pg_proc WHERE proname = 'hello'")
        assert returns.fetchone() == ("text",)
    assert _who_may_run_hello(url, ["public", stranger, reader]) == [False, False, True]


def test_a_revoked_default_given_back_by_hand_is_drift(
    roles: Callable[[str], str], make_db: Callable[[], str], tmp_path: Path
) -> None:
    reader = roles("reader")
    url = make_db()
    config = project(tmp_path, url)
    _hello_schema(tmp_path, "hello_text", "text", reader)
    assert generate(config, name="v1").tag
    migrate(url, config=config)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("GRANT EXECUTE ON FUNCTION public.hello(text) TO PUBLIC")
    drift = status(url, config=config).drift
    assert [item.message for item in drift.items] == [
        "revoke EXECUTE on function public.hello(text) from PUBLIC would be needed: the database differs "
        "from the schema"
    ]
    assert [op.sql() for op in push(url, config=config).plan.operations] == [
        ['REVOKE EXECUTE ON FUNCTION "public"."hello"(text) FROM PUBLIC;']
    ]
    assert _who_may_run_hello(url, ["public"]) == [False]


def test_a_revoked_default_is_only_what_public_has_by_default() -> None:
    (revoked,), _ = from_declarations([objects.Grant("type", "app", "mood", "public", "usage", revoke=True)])
    assert revoked == m.Grant("type", "app", "mood", "PUBLIC", ("USAGE",), revoked=True)
    assert revoked.key == "type app.mood from PUBLIC"
    with pytest.raises(PrivilegeError, match="a table gives PUBLIC none"):
        from_declarations([objects.Grant("table", "public", "t", "PUBLIC", "SELECT", revoke=True)])
    with pytest.raises(PrivilegeError, match="remove its declaration"):
        from_declarations([objects.Grant("function", "public", "f()", "app", "EXECUTE", revoke=True)])
    with pytest.raises(PrivilegeError, match="both granted to and revoked from PUBLIC"):
        from_declarations(
            [
                objects.Grant("function", "public", "f()", "PUBLIC", "EXECUTE", revoke=True),
                objects.Grant("function", "public", "f()", "PUBLIC", "EXECUTE"),
            ]
        )


def test_revoked_defaults_count_for_the_grants_opt_in(make_db: Callable[[], str], tmp_path: Path) -> None:
    """A database whose only grant is a revoked default: code without grants leaves it in force (listed as
    not managed); code declaring it manages it, and taking it out gives EXECUTE back to PUBLIC."""
    url = make_db()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; REVOKE EXECUTE ON FUNCTION f() FROM PUBLIC"
        )
    config = project(tmp_path, url)
    function = "objects.Function('public', 'f()', \"RETURNS integer LANGUAGE sql AS 'SELECT 1'\")"
    head = "from sqlalchemy import *\nfrom pgshift import objects\nmetadata = MetaData()\n"
    use_schema(tmp_path, "no_grants", head + f"objects.register(metadata, [{function}])\n")
    plan = push(url, config=config, dry_run=True).plan
    assert plan.operations == ()
    assert [(u.kind, u.name) for u in plan.unmanaged] == [("grant", "function public.f() from PUBLIC")]

    revoked = "objects.Grant('function', 'public', 'f()', 'PUBLIC', 'EXECUTE', revoke=True)"
    use_schema(tmp_path, "revoked", head + f"objects.register(metadata, [{function}, {revoked}])\n")
    assert push(url, config=config, dry_run=True).plan.operations == ()

    other = "objects.Grant('schema', 'public', '', 'PUBLIC', 'USAGE')"  # grants managed, revoke left out
    use_schema(tmp_path, "given_back", head + f"objects.register(metadata, [{function}, {other}])\n")
    described = [op.describe() for op in push(url, config=config, dry_run=True).plan.operations]
    assert "grant EXECUTE on function public.f() to PUBLIC again" in described
    # giving a privilege back to everyone is asked about (or needs --force), never done without a word
    plan = push(url, config=config, dry_run=True).plan
    assert [(r.kind, r.message) for r in plan.risks] == [
        ("widens-access", "grant EXECUTE on function public.f() to PUBLIC again: everyone may then use it")
    ]
    with pytest.raises(PgshiftError, match="to PUBLIC again"):
        push(url, config=config)
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT has_function_privilege('public', 'f()', 'EXECUTE')").fetchone() == (
            False,
        )
    assert push(url, config=config, force=True).applied
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT has_function_privilege('public', 'f()', 'EXECUTE')").fetchone() == (True,)


def test_a_rebuild_that_revokes_again_is_no_widening() -> None:
    """A rebuilt function gets PUBLIC's EXECUTE back for a moment (its old ACL goes with it) and the revoke
    again after: push does not ask about that."""
    from pgshift.diff.kinds.grant import ChangePrivileges, given_back_to_public

    revoked = m.Grant("function", "public", "f()", "PUBLIC", ("EXECUTE",), revoked=True)
    assert given_back_to_public([ChangePrivileges(revoked, None), ChangePrivileges(None, revoked)]) == []
    assert given_back_to_public([ChangePrivileges(revoked, None)]) == [
        "grant EXECUTE on function public.f() to PUBLIC again"
    ]


def test_schema_code_without_declarations_does_not_load_the_objects_module(tmp_path: Path) -> None:
    """Only ``pgshift.objects.register`` puts declarations on a MetaData: generate skips that module's
    ~20 classes for schema code that never imported it, and still finds what code that did registered."""
    import subprocess
    import sys

    (tmp_path / "plain.py").write_text(
        "import sqlalchemy as sa\nmetadata = sa.MetaData()\nsa.Table('t', metadata, sa.Column('id', sa.Integer))\n"
    )
    (tmp_path / "declaring.py").write_text(
        "import sqlalchemy as sa\nfrom pgshift import objects\nmetadata = sa.MetaData()\n"
        "sa.Table('t', metadata, sa.Column('id', sa.Integer))\n"
        "objects.register(metadata, [objects.Grant('table', 'public', 't', 'PUBLIC', 'SELECT')])\n"
    )
    probe = (
        "import sys\nfrom pgshift.api.generate import load_schema_model\nfrom pgshift.config import Config\n"
        "model = load_schema_model(Config(schema=sys.argv[1], root=__import__('pathlib').Path('.')))\n"
        "print('pgshift.objects' in sys.modules, len(model.grants))\n"
    )
    seen = [
        subprocess.run(
            [sys.executable, "-c", probe, name], cwd=tmp_path, capture_output=True, text=True, check=True
        ).stdout.split()
        for name in ("plain.py:metadata", "declaring.py:metadata")
    ]
    assert seen == [["False", "0"], ["True", "1"]]
