"""Unit tests of the differ, operations and rename decisions on hand-built models (one test uses a database)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from pgshift.diff import operations as ops
from pgshift.diff.differ import diff
from pgshift.diff.hazards import EFFECTS, HazardKind
from pgshift.diff.renames import (
    RenameDecisions,
    RenameError,
    describe_candidate,
    parse_create_flag,
    parse_rename_flag,
    rename_candidates,
    unsettled_candidates,
)
from pgshift.diff.render import down_sql, migration_sql
from pgshift.format.headers import IRREVERSIBLE
from pgshift.model.schema import (
    Column,
    Enum,
    Identity,
    Index,
    IndexElement,
    Model,
    PrimaryKey,
    Table,
    build_model,
)
from pgshift.model.types import SqlType
from pgshift.runner.txmode import detect
from tests.test_cases import case_dirs, load_case_model


def users(*extra: Column, name: str = "users") -> Table:
    return Table(
        "public",
        name,
        columns=(
            Column("id", SqlType.of("serial"), not_null=True),
            Column("email", SqlType.of("text"), not_null=True),
            *extra,
        ),
        primary_key=PrimaryKey(f"{name}_pkey", ("id",)),
    )


def kinds(operations) -> list[str]:  # type: ignore[no-untyped-def]
    return [type(op).__name__ for op in operations]


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_no_changes_between_equal_models(case):  # type: ignore[no-untyped-def]
    model = load_case_model(case / "after.py")
    assert diff(model, model) == []
    assert diff(model, replace(model)) == []


def test_every_action_is_in_the_hazard_catalogue():
    for case in case_dirs():
        model = load_case_model(case / "after.py")
        for op in [*diff(Model(), model), *diff(model, Model())]:
            assert op.action in EFFECTS, op
            assert op.describe()
            assert all(stmt.endswith(";") for stmt in op.sql())
            reverse = op.reverse()
            if reverse is not None and not isinstance(op, ops.AddEnumValues):
                assert reverse.reverse().sql() == op.sql()


def test_order_creates_dependencies_first_and_drops_them_last():
    role = Enum("public", "role", ("a", "b"))
    model = build_model(
        schemas=["app"],
        enums=[role],
        tables=[users(Column("role", SqlType.of("role", "public")))],
    )
    up = diff(Model(), model)
    assert kinds(up) == ["CreateSchema", "CreateEnum", "CreateTable"]
    down = diff(model, Model())
    assert kinds(down) == ["DropTable", "DropEnum", "DropSchema"]


def test_drop_column_is_data_loss_and_index_on_existing_table_is_concurrent():
    before = build_model(tables=[users(Column("bio", SqlType.of("text")))])
    after = build_model(
        tables=[replace(users(), indexes=(Index("users_email_idx", (IndexElement("email"),)),))]
    )
    operations = diff(before, after)
    assert kinds(operations) == ["DropColumn", "CreateIndex"]
    drop, index = operations
    assert HazardKind.DATA_LOSS in {h.kind for h in drop.hazards()}
    assert index.concurrently and not index.transactional
    assert HazardKind.NON_TRANSACTIONAL in {h.kind for h in index.hazards()}
    text = migration_sql(operations)
    assert detect(text).transactional is False  # the runner sees the header and the CONCURRENTLY


def test_index_on_new_table_is_plain():
    table = replace(users(), indexes=(Index("users_email_idx", (IndexElement("email"),)),))
    (create,) = diff(Model(), build_model(tables=[table]))
    assert create.transactional
    assert 'CREATE INDEX "users_email_idx"' in migration_sql([create])


def test_enum_value_addition_commits_before_its_first_use_and_nowhere_else():
    """No file header: the runner's groups end right after ADD VALUE when a later statement uses it."""
    from pgshift.pg.parser import parse_statements
    from pgshift.runner.groups import split_groups

    before = build_model(enums=[Enum("public", "role", ("a",))])
    after = build_model(enums=[Enum("public", "role", ("a", "b"))])
    (op,) = diff(before, after)
    assert isinstance(op, ops.AddEnumValues) and not op.transactional
    text = migration_sql([op])
    assert "pgshift:transaction" not in text
    assert isinstance(op.reverse(), ops.RecreateEnum)
    used = parse_statements(text + "--> statement-breakpoint\nCREATE TABLE t (r public.role DEFAULT 'b');")
    groups = split_groups(used, server_version=150000)
    assert [len(g.statements) for g in groups] == [1, 1] and all(g.transactional for g in groups)
    unused = parse_statements(text + "--> statement-breakpoint\nCREATE TABLE t (x int);")
    assert [len(g.statements) for g in split_groups(unused, server_version=150000)] == [2]


def test_type_change_using_rules():
    def using(old: str, new: str, schema: str | None = None) -> bool:
        return ops.needs_using(Column("c", SqlType.of(old)), Column("c", SqlType.of(new, schema)))

    assert not using("integer", "bigint")
    assert not using("varchar(10)", "text")
    assert not using("integer", "text")
    assert not using("timestamp", "timestamp with time zone")
    assert using("text", "integer")
    assert using("text", "jsonb")
    assert using("text", "uuid")
    assert using("text", "role", "public")
    assert using("integer[]", "text")


def test_identity_add_sets_not_null_first_and_drop_in_reverse_order():
    before = build_model(tables=[Table("public", "t", columns=(Column("id", SqlType.of("integer")),))])
    after = build_model(
        tables=[
            Table(
                "public",
                "t",
                columns=(Column("id", SqlType.of("integer"), not_null=True, identity=Identity("always")),),
            )
        ]
    )
    operations = diff(before, after)
    assert kinds(operations) == ["SetNotNull", "AlterIdentity"]
    assert "ADD GENERATED ALWAYS AS IDENTITY" in migration_sql(operations)
    assert down_sql(operations).splitlines()[0].endswith("DROP IDENTITY;--> statement-breakpoint")


@dataclass(frozen=True)
class _NoReverse(ops.DropColumn):
    """An op whose reverse is unknown (no built-in op is one today; user-extended ones may be)."""

    def reverse(self) -> ops.Operation | None:  # type: ignore[override]
        return None

    def describe(self) -> str:
        return super().describe() + " (data cannot return)"


def test_irreversible_op_marks_the_down_file():
    op = _NoReverse("public", "users", Column("bio", SqlType.of("text")))
    text = down_sql([ops.CreateSchema("x"), op])
    assert text.startswith(f"-- {IRREVERSIBLE} drop column users.bio (data cannot return)\n")
    assert 'DROP SCHEMA "x";' in text


def test_deterministic_output():
    case = next(c for c in case_dirs() if c.name == "index_variants")
    model = load_case_model(case / "after.py")
    shuffled = build_model(tables=[replace(t, indexes=tuple(reversed(t.indexes))) for t in model.tables])
    assert migration_sql(diff(Model(), model)) == migration_sql(diff(Model(), shuffled))


# --- renames ---------------------------------------------------------------------------------------


def test_rename_candidates_per_kind_and_container():
    before = build_model(tables=[users(Column("bio", SqlType.of("text"))), users(name="people")])
    after = build_model(tables=[users(Column("biography", SqlType.of("text"))), users(name="persons")])
    found = rename_candidates(before, after)
    assert [(c.kind, c.container, c.removed, c.added) for c in found] == [
        ("table", "public", ("people",), ("persons",)),
        ("column", "public.users", ("bio",), ("biography",)),
    ]
    text = describe_candidate(found[1])
    assert "--rename column:users.bio=biography" in text
    assert "--create column:users.biography" in text


def test_renames_applied_and_settled():
    before = build_model(tables=[users(Column("bio", SqlType.of("text"))), users(name="people")])
    after = build_model(tables=[users(Column("biography", SqlType.of("text"))), users(name="persons")])
    decisions = RenameDecisions().with_rename(*parse_rename_flag("table:people=persons"))
    assert [c.kind for c in unsettled_candidates(before, after, decisions)] == ["column"]
    decisions = decisions.with_rename(*parse_rename_flag("column:public.users.bio=biography"))
    assert unsettled_candidates(before, after, decisions) == []
    operations = diff(before, after, renames=decisions)
    # people_pkey keeps its name after a table rename; the new model names it persons_pkey: renamed
    # too, since only the name differs (no drop and re-add, no scan).
    assert kinds(operations) == ["RenameTable", "RenameColumn", "RenameConstraint"]
    assert operations[2].sql() == [
        'ALTER TABLE "public"."persons" RENAME CONSTRAINT "people_pkey" TO "persons_pkey";'
    ]


def test_create_decision_settles_without_rename():
    before = build_model(tables=[users(Column("bio", SqlType.of("text")))])
    after = build_model(tables=[users(Column("about", SqlType.of("text")))])
    decisions = RenameDecisions().with_created(*parse_create_flag("column:users.about"))
    assert unsettled_candidates(before, after, decisions) == []
    assert kinds(diff(before, after, renames=decisions)) == ["AddColumn", "DropColumn"]


def test_rename_naming_no_candidate_is_an_error():
    before = build_model(tables=[users(Column("bio", SqlType.of("text")))])
    after = build_model(tables=[users(Column("biography", SqlType.of("text")))])
    with pytest.raises(RenameError, match="names no rename candidate"):
        diff(
            before,
            after,
            renames=RenameDecisions().with_rename(*parse_rename_flag("column:users.bioo=biography")),
        )


@pytest.mark.parametrize(
    "flag", ["column:bio=x", "tbl:a=b", "table:a", "table:a.b.c=d", "schema:a.b=c", "table:users=auth.users"]
)
def test_bad_rename_flags(flag):  # type: ignore[no-untyped-def]
    with pytest.raises(RenameError):
        parse_rename_flag(flag)


def test_rename_flag_forms():
    assert parse_rename_flag("table:auth.users=accounts") == ("table", "auth", "users", "accounts")
    assert parse_rename_flag("column:auth.users.a=b") == ("column", "auth.users", "a", "b")
    assert parse_rename_flag("schema:a=b") == ("schema", "", "a", "b")
    assert parse_rename_flag("value:role.member=user") == ("value", "public.role", "member", "user")


def test_spelled_out_sequence_defaults_are_no_change():
    from pgshift.model.schema import Sequence, SequenceOptions

    plain = Table(
        "public",
        "t",
        columns=(Column("id", SqlType.of("integer"), not_null=True, identity=Identity("always")),),
    )
    spelled = Table(
        "public",
        "t",
        columns=(
            Column(
                "id",
                SqlType("integer"),
                not_null=True,
                identity=Identity(
                    "always",
                    "t_id_seq",
                    SequenceOptions(
                        increment="1", min_value="1", max_value="2147483647", start_with="1", cache="1"
                    ),
                ),
            ),
        ),
    )
    assert diff(build_model(tables=[plain]), build_model(tables=[spelled])) == []
    bigger = replace(spelled.columns[0].identity, options=SequenceOptions(increment="2"))
    changed = Table("public", "t", columns=(replace(spelled.columns[0], identity=bigger),))
    assert kinds(diff(build_model(tables=[plain]), build_model(tables=[changed]))) == ["AlterIdentity"]
    s1 = Sequence("public", "s")
    s2 = Sequence(
        "public", "s", SequenceOptions("1", "1", "9223372036854775807", "1", "1"), data_type="bigint"
    )
    assert diff(build_model(sequences=[s1]), build_model(sequences=[s2])) == []


def test_add_column_actions_follow_the_hazard_catalogue():
    def action(column: Column) -> str:
        return ops.AddColumn("public", "t", column).action

    assert action(Column("a", SqlType.of("text"))) == "add_column"
    assert action(Column("a", SqlType.of("timestamp"), not_null=True, default="now()")) == "add_column"
    assert (
        action(Column("a", SqlType.of("uuid"), default="gen_random_uuid()")) == "add_column_volatile_default"
    )
    assert action(Column("a", SqlType.of("text"), not_null=True)) == "add_column_not_null_no_default"
    assert action(Column("a", SqlType.of("integer"), generated="b * 2")) == "add_column_stored_generated"
    assert (
        action(Column("a", SqlType.of("integer"), not_null=True, identity=Identity("always")))
        == "add_column_identity"
    )
    hazards = ops.AddColumn(
        "public", "t", Column("a", SqlType.of("uuid"), default="gen_random_uuid()")
    ).hazards()
    assert HazardKind.REWRITE in {h.kind for h in hazards}


@pytest.mark.parametrize(
    "default", ["uuidv7()", "gen_random_uuid()", "clock_timestamp()", "random()", "public.uuidv7()"]
)
def test_volatile_default_is_reported_alike_by_generate_and_check(default: str) -> None:
    """generate (the op's hazards) and check (the linter on the SQL generate writes) read one list of
    volatile functions (pgshift.pg.functions), so they agree on every such default; they once disagreed
    on uuidv7()."""
    from pgshift.lint import lint_text

    op = ops.AddColumn("public", "t", Column("a", SqlType.of("uuid"), default=default))
    assert op.action == "add_column_volatile_default"
    assert HazardKind.REWRITE in {h.kind for h in op.hazards()}
    findings = lint_text(migration_sql([op]), path="0001_x.sql")
    assert "add-column-volatile-default" in {f.rule for f in findings}


def test_stable_default_is_plain_for_generate_and_check() -> None:
    from pgshift.lint import lint_text

    op = ops.AddColumn("public", "t", Column("a", SqlType.of("timestamp"), default="now()"))
    assert op.action == "add_column"
    assert "add-column-volatile-default" not in {f.rule for f in lint_text(migration_sql([op]), path="x.sql")}


def test_large_schema_diffs_quickly():
    """2,000 tables with FKs and indexes: linear lookups, not a scan per table."""
    import time

    from pgshift.diff.renames import unsettled_candidates
    from pgshift.model.schema import ForeignKey

    tables = []
    for i in range(2000):
        columns = tuple(Column(f"c{j}", SqlType.of("integer"), not_null=j == 0) for j in range(10))
        fks = (ForeignKey(f"t{i}_c1_fkey", ("c1",), "public", f"t{i - 1}", ("c0",)),) if i else ()
        tables.append(
            Table(
                "public",
                f"t{i}",
                columns=columns,
                primary_key=PrimaryKey(f"t{i}_pkey", ("c0",)),
                foreign_keys=fks,
                indexes=(Index(f"t{i}_c2_idx", (IndexElement("c2"),)),),
            )
        )
    model = build_model(tables=tables)
    start = time.perf_counter()
    assert diff(model, model) == []
    assert unsettled_candidates(model, model, RenameDecisions()) == []
    assert len(diff(Model(), model)) == 3999
    assert time.perf_counter() - start < 5


def test_foreign_key_on_a_new_table_has_no_hazards_but_on_an_existing_one_it_does():
    from pgshift.model.schema import ForeignKey

    fk = ForeignKey("posts_user_id_fkey", ("user_id",), "public", "users", ("id",))
    posts = Table("public", "posts", columns=(Column("user_id", SqlType.of("integer")),))
    created = diff(
        build_model(tables=[users()]), build_model(tables=[users(), replace(posts, foreign_keys=(fk,))])
    )
    assert [op.describe() for op in created] == [
        "create table public.posts",
        "add foreign key posts_user_id_fkey on posts",
    ]
    assert created[1].hazards() == ()
    added = diff(
        build_model(tables=[users(), posts]),
        build_model(tables=[users(), replace(posts, foreign_keys=(fk,))]),
    )
    assert {h.kind for h in added[0].hazards()} >= {HazardKind.SCAN, HazardKind.DATA_DEPENDENT}
    assert "NOT VALID" in added[0].sql()[0] and "VALIDATE CONSTRAINT" in added[0].sql()[1]


def test_public_type_schema_spelled_or_implied_is_no_change():
    role = Enum("public", "role", ("a",))
    implied = build_model(enums=[role], tables=[users(Column("role", SqlType.of("role")))])
    spelled = build_model(enums=[role], tables=[users(Column("role", SqlType.of("role", "public")))])
    assert diff(implied, spelled) == []
    other = build_model(enums=[role], tables=[users(Column("role", SqlType.of("role", "auth")))])
    assert kinds(diff(implied, other)) == ["AlterColumnType"]


def test_unique_using_index_form_applies(db):  # type: ignore[no-untyped-def]
    """The opt-in safe form for UNIQUE on a big table: index built CONCURRENTLY, then attached."""
    from pgshift.model.schema import UniqueConstraint

    op = ops.AddConstraint(
        "public", "users", UniqueConstraint("users_email_key", ("email",)), using_index=True
    )
    assert not op.transactional and op.action == "add_constraint_using_index"
    db.execute("CREATE TABLE users (id int, email text)")
    for statement in op.sql():
        db.execute(statement)
    row = db.execute("SELECT contype FROM pg_constraint WHERE conname = 'users_email_key'").fetchone()
    assert row == ("u",)
    for statement in op.reverse().sql():
        db.execute(statement)
    assert db.execute("SELECT count(*) FROM pg_class WHERE relname = 'users_email_key'").fetchone() == (0,)


def test_ops_say_what_they_destroy():
    """One answer to "what would this destroy", asked of the ops (push counts it, rollback shows it)."""
    before = build_model(
        tables=[users(Column("bio", SqlType.of("text"))), users(name="gone")],
        enums=[Enum("public", "mood", ("a", "b"))],
    )
    after = build_model(tables=[users()], enums=[Enum("public", "mood", ("a",))])
    found = {d.what for d in ops.destroyed_by(diff(before, after))}
    assert found == {"column users.bio", "table gone", "enum value b"}
    assert ops.destroyed_by(diff(after, before)) == []


def test_down_file_names_what_comes_back_empty():
    """A dropped column or table is re-created by the down file in shape only: its header says so (and
    the rollback pre-check reads it); a generated column is recomputed, so it is not named."""
    from pgshift.format.headers import read_headers

    before = build_model(
        tables=[
            Table(
                "public",
                "users",
                (Column("id", SqlType.of("integer"), not_null=True), Column("bio", SqlType.of("text"))),
            ),
            Table("public", "logs", (Column("id", SqlType.of("integer")),)),
        ]
    )
    after = build_model(
        tables=[Table("public", "users", (Column("id", SqlType.of("integer"), not_null=True),))]
    )
    headers = read_headers(down_sql(diff(before, after)))
    assert set(headers.data_loss) == {"column users.bio comes back empty", "table logs comes back empty"}
    assert headers.irreversible is None


def test_rename_candidates_offer_columns_of_the_same_type_first():
    """A new boolean column: the gone boolean is offered before the gone text column (was by name)."""
    from pgshift.diff.renames import rename_candidates

    def table(*cols: tuple[str, str]) -> Table:
        return Table("public", "t", tuple(Column(n, SqlType.of(ty)) for n, ty in cols))

    before = build_model(tables=[table(("id", "integer"), ("about", "text"), ("flag", "boolean"))])
    after = build_model(tables=[table(("id", "integer"), ("is_active", "boolean"))])
    (candidate,) = rename_candidates(before, after)
    assert candidate.removed == ("flag", "about")


def test_a_rename_keeps_the_other_kinds_and_schema_comments() -> None:
    """Applying a table or schema rename to the old model once dropped functions, triggers, rules,
    defined objects (and would drop schema comments): the differ then planned to create them again."""
    from pgshift.model.schema import Function, RoutineKind, Table, build_model

    def model(table: str, schema: str) -> Model:
        function = Function(
            schema, "f", RoutineKind.FUNCTION, "", "", "integer", f"CREATE FUNCTION {schema}.f()"
        )
        return build_model(
            schemas=[schema],
            tables=[Table(schema, table, (Column("id", SqlType.parse("integer")),))],
            functions=[function],
            schema_comments=[(schema, "kept")],
        )

    table_renamed = diff(
        model("a", "app"), model("b", "app"), renames=RenameDecisions().with_rename("table", "app", "a", "b")
    )
    assert [op.describe() for op in table_renamed] == ["rename table app.a to b"]
    schema_renamed = diff(
        model("a", "app"),
        model("a", "core"),
        renames=RenameDecisions().with_rename("schema", "", "app", "core"),
    )
    described = [op.describe() for op in schema_renamed]
    # a function's text names its schema: dropped under the old name before the rename, created under
    # the new one after (so the down file, the reverse, works too); the schema's comment stays
    assert described == ["drop function app.f()", "rename schema app to core", "create function core.f()"]
