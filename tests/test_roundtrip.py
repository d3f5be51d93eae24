"""Property: for random model pairs (A, B), create(A) + up(A->B) has B's schema, and down returns to A's.

Schemas are compared with pg_dump --schema-only (normalised, see tests.test_cases.schema_dump) on real
PostgreSQL databases. Models are built directly (no SQLAlchemy), with tables, columns of castable
types, defaults, nullability, identity keys with options, primary keys, uniques, checks, indexes,
foreign keys, comments and an enum whose values may grow, shrink or reorder.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pgshift.diff.differ import diff
from pgshift.diff.renames import RenameDecisions, unsettled_candidates
from pgshift.model.schema import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Identity,
    Index,
    IndexElement,
    Model,
    PrimaryKey,
    SequenceOptions,
    Table,
    UniqueConstraint,
    build_model,
)
from pgshift.model.types import SqlType
from tests.test_cases import apply_down, apply_ops, assert_same_schema, create_db_with, schema_dump

# Columns c1..c3 take any of these types (every pair converts on an empty table); the others keep one type.
CASTABLE = ["smallint", "integer", "bigint", "numeric(8, 2)", "real", "text", "varchar(20)", "mood"]
FIXED = {"flag": "boolean", "doc": "jsonb", "uid": "uuid", "at": "timestamp with time zone", "tags": "text[]"}
DEFAULTS = {
    "smallint": ["0", "7"],
    "integer": ["0", "42"],
    "bigint": ["1"],
    "numeric(8, 2)": ["0", "1.5"],
    "real": ["0.5"],
    "text": ["'x'", "''"],
    "varchar(20)": ["'y'"],
    "boolean": ["true", "false"],
    "jsonb": ["'{}'::jsonb"],
    "uuid": ["gen_random_uuid()"],
    "timestamp with time zone": ["now()"],
    "text[]": ["'{}'::text[]"],
}
MOOD_VALUES = ["a", "b", "c", "d"]


@st.composite
def columns(draw, mood: tuple[str, ...] | None) -> tuple[Column, ...]:  # type: ignore[no-untyped-def]
    identity = draw(
        st.none()
        | st.builds(
            Identity,
            st.sampled_from(["always", "byDefault"]),
            st.none(),
            st.builds(
                SequenceOptions,
                increment=st.sampled_from([None, "1", "5"]),
                cache=st.sampled_from([None, "10"]),
            ),
        )
    )
    out = [
        Column(
            "id",
            SqlType("integer"),
            not_null=True,
            identity=identity,
            comment=draw(st.none() | st.just("the key")),
        )
    ]
    names = draw(st.lists(st.sampled_from(["c1", "c2", "c3", *FIXED]), unique=True, max_size=5))
    for name in names:
        type_ = FIXED.get(name) or draw(st.sampled_from(CASTABLE if mood else CASTABLE[:-1]))
        if type_ == "mood":
            assert mood is not None
            choices = [f"'{v}'::mood" for v in mood]
            schema = "public"
        else:
            choices = DEFAULTS[type_]
            schema = None
        default = draw(st.none() | st.sampled_from(choices))
        out.append(Column(name, SqlType.of(type_, schema), not_null=draw(st.booleans()), default=default))
    return tuple(out)


@st.composite
def models(draw) -> Model:  # type: ignore[no-untyped-def]
    mood = None
    if draw(st.booleans()):
        mood = tuple(draw(st.permutations(MOOD_VALUES))[: draw(st.integers(1, 4))])
    names = draw(st.lists(st.sampled_from(["t1", "t2", "t3"]), unique=True, min_size=1, max_size=3))
    tables = []
    for name in sorted(names):
        cols = draw(columns(mood))
        plain = [c.name for c in cols if c.type.spelling not in ("jsonb", "text[]", "mood")]
        indexes, uniques, fks = [], [], []
        if len(cols) > 1 and draw(st.booleans()):
            col = draw(st.sampled_from(plain))
            indexes.append(
                Index(
                    f"{name}_{col}_idx",
                    (IndexElement(col, descending=draw(st.booleans())),),
                    unique=draw(st.booleans()),
                )
            )
        if len(plain) > 1 and draw(st.booleans()):
            uniques.append(UniqueConstraint(f"{name}_{plain[-1]}_key", (plain[-1],)))
        if name != "t1" and "t1" in names and draw(st.booleans()):
            cols = (*cols, Column("t1_id", SqlType.of("integer")))
            action = draw(st.sampled_from(["no action", "cascade", "set null"]))
            fks.append(
                ForeignKey(f"{name}_t1_id_fkey", ("t1_id",), "public", "t1", ("id",), on_delete=action)
            )
        checks = [CheckConstraint(f"{name}_id_check", "id > 0")] if draw(st.booleans()) else []
        tables.append(
            Table(
                "public",
                name,
                columns=cols,
                check_constraints=tuple(checks),
                comment=draw(st.none() | st.sampled_from(["a table", "it's a table"])),
                primary_key=PrimaryKey(f"{name}_pkey", ("id",)),
                foreign_keys=tuple(fks),
                unique_constraints=tuple(uniques),
                indexes=tuple(indexes),
            )
        )
    enums = [Enum("public", "mood", mood)] if mood else []
    return build_model(tables=tables, enums=enums)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(a=models(), b=models())
def test_up_reaches_b_and_down_returns_to_a(a: Model, b: Model, make_db: Callable[[], str]) -> None:
    ops = diff(a, b)
    url = create_db_with(make_db, a)
    dump_a = schema_dump(url)
    apply_ops(url, ops)
    assert_same_schema(schema_dump(url), schema_dump(create_db_with(make_db, b)), "up did not reach B")
    apply_down(url, ops)
    assert_same_schema(schema_dump(url), dump_a, "down did not return to A")
    assert diff(b, b) == [] and diff(a, a) == []


def rename_everything(a: Model, b: Model) -> RenameDecisions:
    """Settle every candidate as a rename (pairing removed and added names in order), stage by stage;
    columns only among c1..c3, whose types all convert into each other."""
    decisions = RenameDecisions()
    for _ in range(3):
        open_candidates = unsettled_candidates(a, b, decisions)
        if not open_candidates:
            break
        for c in open_candidates:
            for old, new in zip(c.removed, c.added, strict=False):
                if c.kind == "column" and not {old, new} <= {"c1", "c2", "c3"}:
                    decisions = decisions.with_created(c.kind, c.container, new)
                else:
                    decisions = decisions.with_rename(c.kind, c.container, old, new)
            for new in c.added[len(c.removed) :]:
                decisions = decisions.with_created(c.kind, c.container, new)
    return decisions


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(a=models(), b=models())
def test_with_renames_up_reaches_b_and_down_returns_to_a(
    a: Model, b: Model, make_db: Callable[[], str]
) -> None:
    decisions = rename_everything(a, b)
    assert unsettled_candidates(a, b, decisions) == []
    ops = diff(a, b, renames=decisions)
    url = create_db_with(make_db, a)
    dump_a = schema_dump(url)
    apply_ops(url, ops)
    assert_same_schema(schema_dump(url), schema_dump(create_db_with(make_db, b)), "up did not reach B")
    apply_down(url, ops)
    assert_same_schema(schema_dump(url), dump_a, "down did not return to A")
