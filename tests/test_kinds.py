"""The kind registries agree: every kind the differ knows is stored and read through one entry."""

from __future__ import annotations

import dataclasses

import pytest

from pgshift import catalog
from pgshift.diff.kinds import KINDS, RENAMES
from pgshift.diff.renames import KINDS as RENAME_KINDS
from pgshift.model import schema as m
from pgshift.sources.kinds import SOURCE_KINDS

SAMPLES: dict[str, object] = {
    "enum": m.Enum("auth", "role", ("admin", "it's")),
    # a snapshot spells every option out, so the sample does too
    "sequence": m.Sequence(
        "public", "ticket", m.SequenceOptions("5", "1", "2147483647", "1", "1", True), "integer"
    ),
    "view": m.View(
        "public", "active", "SELECT id FROM users WHERE active", with_=(("security_barrier", "true"),)
    ),
    "event trigger": m.EventTrigger(
        "log ddl", "ddl_command_end", "audit", "log_ddl", ("CREATE TABLE", "ALTER TABLE"), "R", "logs"
    ),
    "grant": m.Grant("table", "public", "users", "app", ("SELECT", "UPDATE"), ("SELECT",), "email"),
    "default privilege": m.DefaultPrivilege("owner", None, "functions", "PUBLIC", ("EXECUTE",)),
    "cast": m.Cast("app.email", "text", "app", "f", '"my app".to_text(app.email)', "a", "it's"),
    "operator": m.Operator(
        "app",
        "===",
        None,
        "app.email",
        "app.eq",
        "app.===",
        "app.!==",
        "pg_catalog.eqsel",
        None,
        True,
        False,
        "x",
    ),
    "statistics": m.Statistics(
        "st",
        "orders_zip",
        "app",
        "orders",
        "CREATE STATISTICS st.orders_zip ON city, zip FROM app.orders",
        0,
        "it's",
    ),
    "foreign data wrapper": m.ForeignDataWrapper(
        "lab fdw", "public.h", "ext.v", (("debug", "it's"), ("mode", "1")), "hand-made"
    ),
    "foreign server": m.ForeignServer("films", "lab fdw", "pg", "15", (("host", "a"), ("port", "5")), "c"),
    "publication": m.Publication(
        "realtime feed",
        tables=(
            m.PublicationTable("app", "orders", ("id", "total"), "(total > (100)::numeric)"),
            m.PublicationTable("public", "users"),
        ),
        schemas=("sales",),
        publish=("insert", "update"),
        via_root=True,
        comment="it's",
        generated_columns=True,
    ),
    "publication FOR ALL TABLES": m.Publication("everything", all_tables=True),
    "text search dictionary": m.TextSearchDictionary(
        "app", "english_nostop", "pg_catalog", "snowball", (("language", "english"),), "it's"
    ),
    "text search configuration": m.TextSearchConfiguration(
        "app",
        "english_plain",
        "pg_catalog",
        "default",
        (
            m.TextSearchMapping("asciiword", (("app", "english_nostop"), ("pg_catalog", "simple"))),
            m.TextSearchMapping("word", (("pg_catalog", "simple"),)),
        ),
        "it's",
    ),
}


def test_every_source_kind_is_named_by_its_kind():
    named = {k.source.name: k for k in KINDS if k.source is not None}
    assert set(named) == {s.name for s in SOURCE_KINDS}
    for source in SOURCE_KINDS:
        kind = named[source.name]
        assert kind.source is source and kind.name == source.name and kind.collection == source.collection


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_kind_names_a_model_field_of_its_class(kind):
    fields = {f.name: f for f in dataclasses.fields(m.Model)}
    assert kind.collection in fields
    assert kind.model.__name__ in str(fields[kind.collection].type)


@pytest.mark.parametrize("source", SOURCE_KINDS, ids=lambda s: s.name)
def test_snapshot_entry_round_trips_and_catalog_query_exists(source):
    for name, obj in SAMPLES.items():
        if name.split(" FOR ")[0] == source.name:
            assert source.read_snapshot(source.write_snapshot(obj)) == obj
    assert "SELECT" in catalog.load(source.query).upper()


def test_objects_are_keyed_by_identity():
    (enum_kind,) = [k for k in KINDS if k.name == "enum"]
    model = m.build_model(enums=[SAMPLES["enum"]])
    assert enum_kind.objects(model) == {"auth.role": SAMPLES["enum"]}


def test_every_rename_kind_has_its_op():
    assert set(RENAMES) == set(RENAME_KINDS)


def test_a_user_type_named_like_varchar_is_not_binary_coercible():
    """A domain or enum whose name starts with ``varchar``/``numeric`` is not that built-in: changing it
    to text needs a cast (and USING), where a prefix test on the spelling used to call it free."""
    from pgshift.diff.hazards import binary_coercible
    from pgshift.diff.kinds.column import needs_using
    from pgshift.model.types import SqlType

    code = m.Column("c", SqlType("varchar_code", 0, "public"))
    text = m.Column("c", SqlType("text"))
    assert not binary_coercible(code.type, text.type)
    assert not binary_coercible(SqlType("numeric_money", 0, "public"), SqlType("numeric"))
    assert needs_using(code, m.Column("c", SqlType("integer")))
    assert binary_coercible(SqlType("varchar(10)"), SqlType("varchar(20)"))
    assert binary_coercible("varchar(10)", "text")  # the linter's text form


def _case_pairs() -> list[tuple[str, m.Model, m.Model]]:
    from tests.test_cases import case_dirs, load_case_model

    pairs = []
    for case in case_dirs():
        before = load_case_model(case / "before.py") if (case / "before.py").exists() else m.Model()
        after = load_case_model(case / "after.py")
        pairs += [(case.name, before, after), (f"{case.name} reversed", after, before)]
        pairs += [
            (f"{case.name} from nothing", m.Model(), after),
            (f"{case.name} to nothing", after, m.Model()),
        ]
    return pairs


def test_an_idle_kind_does_nothing_without_objects_of_its_kind() -> None:
    """The differ skips an idle kind (its module unloaded) when neither model has an object of it
    (``pgshift.diff.kinds._Later``): on every diff case, both ways and from and to nothing, its step
    run where the differ would run it leaves the plan and the model as they were."""
    import copy

    from pgshift.diff.plan import Plan

    idle = [k for k in KINDS if k.idle]
    assert {k.name for k in idle} >= {"function", "view", "trigger", "cast", "publication", "grant"}
    checked = 0
    for name, old, new in _case_pairs():
        plan = Plan()
        for step in KINDS:
            if step.idle and not getattr(old, step.collection) and not getattr(new, step.collection):
                before = copy.deepcopy(plan)
                assert step.diff(old, new, plan) is old and plan == before, (name, step.name)
                checked += 1
            else:
                old = step.diff(old, new, plan)
    assert checked > 1000
