"""Model <-> Drizzle v7 snapshot: lossless round trip, drizzle-kit's own files, and clear errors."""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pgshift.diff.differ import diff
from pgshift.errors import FolderError
from pgshift.folder.files import to_json
from pgshift.model import schema as m
from pgshift.model.types import SqlType
from pgshift.sources.from_sqlalchemy import model_from_metadata
from pgshift.sources.load import load_metadata
from pgshift.sources.snapshot import (
    EMPTY_ID,
    model_to_snapshot,
    read_snapshot,
    snapshot_tables,
    snapshot_to_model,
    written_tables,
)

HERE = Path(__file__).parent


def round_trip(model: m.Model) -> m.Model:
    data = json.loads(to_json(model_to_snapshot(model, id="a", prev_id=EMPTY_ID)))
    return snapshot_to_model(data, where="test")


def test_everything_round_trips_without_a_diff():
    model = model_from_metadata(load_metadata("everything.py:metadata", HERE / "fixtures_schemas"))
    back = round_trip(model)
    assert diff(model, back) == []
    assert diff(back, model) == []
    # Everything Drizzle has no key for survives under "pgshift".
    crm = back.table("crm", "memberships")
    assert crm.foreign_keys[0].deferrable and crm.foreign_keys[0].initially_deferred
    assert crm.column("group_name").comment == "free text"
    assert {i.name: i.include for i in crm.indexes}["memberships_partial_idx"] == ("group_name",)


def test_layout_matches_drizzle_kit():
    model = model_from_metadata(load_metadata("models.py:metadata", HERE / "interop" / "projects" / "shop"))
    ours = model_to_snapshot(model, id="x", prev_id=EMPTY_ID)
    theirs = json.loads((HERE / "fixtures_drizzle" / "shop" / "0000_snapshot.json").read_text())
    assert list(ours) == list(theirs)
    for key in ("public.users", "public.orders"):
        assert list(ours["tables"][key]) == list(theirs["tables"][key])
        for name, column in theirs["tables"][key]["columns"].items():
            assert ours["tables"][key]["columns"][name] == column, (key, name)
        assert ours["tables"][key]["indexes"] == theirs["tables"][key]["indexes"]
        assert ours["tables"][key]["foreignKeys"] == theirs["tables"][key]["foreignKeys"]
    assert ours["enums"] == theirs["enums"]


def test_drizzle_kit_snapshot_reads_as_the_equivalent_sqlalchemy_model():
    _, theirs = read_snapshot(HERE / "fixtures_drizzle" / "shop" / "0000_snapshot.json")
    ours = model_from_metadata(load_metadata("models.py:metadata", HERE / "interop" / "projects" / "shop"))
    assert diff(theirs, ours) == []


EVERYTHING = HERE / "fixtures_drizzle" / "everything"


@pytest.fixture(scope="module")
def drizzle_everything() -> tuple[dict, m.Model, m.Model]:
    """drizzle-kit's snapshot of schema.ts (every feature), its model, and the SQLAlchemy twin's model."""
    data, theirs = read_snapshot(EVERYTHING / "0000_snapshot.json")
    ours = model_from_metadata(load_metadata("drizzle_everything.py", HERE / "fixtures_schemas"))
    return data, theirs, ours


def test_every_drizzle_feature_reads_as_the_sqlalchemy_twin(drizzle_everything):
    _, theirs, ours = drizzle_everything
    # SQLAlchemy has no views; everything else must be the same model, exactly.
    (view,) = theirs.views
    assert (view.schema, view.name, view.materialized) == ("public", "active_users", False)
    # drizzle-kit wrote 'select "id", "email" from "users" where "users"."active"': normalised as Postgres's own.
    assert view.definition == "SELECT id, email FROM users WHERE active"
    assert replace(theirs, views=()) == ours
    users = ours.table("public", "users")
    assert users.column("created_at").type == SqlType("timestamp (3) with time zone")
    assert users.column("roles").type == SqlType("role", 1, "public")
    assert ours.table("public", "memberships").column("order_number").type == SqlType("serial")
    assert [e.opclass for i in users.indexes for e in i.elements if e.opclass] == ["text_pattern_ops"]
    own = {p.name: p for p in users.policies}["users_own"]
    assert users.rls_enabled and not own.permissive and own.with_check == "active"


def test_database_drizzle_kit_creates_introspects_as_its_snapshot(drizzle_everything, db):
    """drizzle-kit's own SQL applied to a real server reads back as drizzle-kit's snapshot of it."""
    from pgshift.folder.files import split_statements
    from pgshift.sources.introspect import introspect

    for statement in split_statements((EVERYTHING / "0000_init.sql").read_text()):
        db.execute(statement)
    _, theirs, _ = drizzle_everything
    ours = introspect(db, schema_filter=("public", "crm"))
    assert replace(ours, views=()) == replace(theirs, views=())
    assert [v.name for v in ours.views] == [v.name for v in theirs.views] == ["active_users"]


def test_every_drizzle_feature_is_written_as_drizzle_kit_writes_it(drizzle_everything):
    theirs, _, model = drizzle_everything
    ours = json.loads(to_json(model_to_snapshot(model, id=theirs["id"], prev_id=theirs["prevId"])))
    assert list(ours) == list(theirs)
    for key in ("schemas", "sequences", "roles", "policies"):
        assert ours[key] == theirs[key], key
    assert (
        ours["enums"] == theirs["enums"]
    )  # same content; pgshift sorts keys by name, drizzle by declaration
    assert ours["tables"].keys() == theirs["tables"].keys()
    for key, table in theirs["tables"].items():
        mine = ours["tables"][key]
        assert list(mine) == list(table), key
        for part in ("columns", "foreignKeys", "compositePrimaryKeys", "uniqueConstraints"):
            assert mine[part] == table[part], (key, part)
        # SQL text is pgshift's normal form, drizzle's is as the TS spelled it ("users"."id"): same keys.
        assert mine["policies"].keys() == table["policies"].keys()
        for name, policy in table["policies"].items():
            assert list(mine["policies"][name]) == list(policy), (key, name)
            for field in ("name", "as", "for", "to"):
                assert mine["policies"][name][field] == policy[field], (key, name, field)
        assert mine["isRLSEnabled"] == table["isRLSEnabled"]
        assert mine["checkConstraints"].keys() == table["checkConstraints"].keys()
        assert mine["indexes"].keys() == table["indexes"].keys()
        for name, index in table["indexes"].items():
            for a, b in zip(mine["indexes"][name]["columns"], index["columns"], strict=True):
                assert list(a) == list(b), (key, name)
                if not b["isExpression"]:  # drizzle quotes names inside expressions; pgshift normalises
                    assert a == b, (key, name)
            assert {**mine["indexes"][name], "columns": None} == {**index, "columns": None}, (key, name)


def test_previous_snapshot_keeps_drizzle_kits_spelling(drizzle_everything):
    """Written after drizzle-kit's snapshot, an unchanged schema gives drizzle-kit's snapshot back, so
    drizzle-kit sees no change (checked by hand: `drizzle-kit generate` says "No schema changes")."""
    theirs, drizzle_model, model = drizzle_everything
    model = replace(model, views=drizzle_model.views)
    ours = json.loads(
        to_json(model_to_snapshot(model, id=theirs["id"], prev_id=theirs["prevId"], previous=theirs))
    )
    assert ours == theirs
    assert list(ours["views"]["public.active_users"]) == list(theirs["views"]["public.active_users"])
    # Without the previous snapshot, pgshift's normal form is written: different text, same model.
    plain = model_to_snapshot(model, id=theirs["id"], prev_id=theirs["prevId"])
    assert plain["tables"]["public.users"]["checkConstraints"]["users_age_check"]["value"] == "age >= 0"
    assert snapshot_to_model(plain, where="plain") == snapshot_to_model(ours, where="kept")


def test_changed_sql_is_not_hidden_by_the_previous_spelling(drizzle_everything):
    theirs, _, model = drizzle_everything
    users = model.table("public", "users")
    check = replace(users.check_constraints[0], expression="age >= 1")
    index = {i.name: i for i in users.indexes}["users_lower_email_idx"]
    upper = replace(index, elements=(replace(index.elements[0], expression="upper(email)"),))
    changed = replace(
        users,
        check_constraints=(check,),
        indexes=tuple(upper if i.name == index.name else i for i in users.indexes),
    )
    model = replace(model, tables=tuple(changed if t.name == "users" else t for t in model.tables))
    ours = model_to_snapshot(model, id="x", prev_id=EMPTY_ID, previous=theirs)
    table = ours["tables"]["public.users"]
    assert table["checkConstraints"]["users_age_check"]["value"] == "age >= 1"
    assert table["indexes"]["users_lower_email_idx"]["columns"][0]["expression"] == "upper(email)"
    assert table["policies"] == theirs["tables"]["public.users"]["policies"]  # unchanged: drizzle's text
    assert snapshot_to_model(ours, where="changed") == model


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(version="8"), "version '8' is not supported"),
        (lambda d: d.update(dialect="mysql"), "dialect"),
        (lambda d: d.pop("id"), "no 'id'"),
        (lambda d: d["tables"]["public.users"].pop("name"), "malformed"),
        (lambda d: d.update(tables=[]), "'tables' must be an object"),
    ],
)
def test_corrupt_snapshots_name_the_file(tmp_path: Path, mutate, message: str):
    data = json.loads((HERE / "fixtures_drizzle" / "shop" / "0000_snapshot.json").read_text())
    mutate(data)
    path = tmp_path / "0000_snapshot.json"
    path.write_text(json.dumps(data))
    with pytest.raises(FolderError) as info:
        read_snapshot(path)
    assert message in info.value.message
    assert str(path) in (info.value.where or "")


names = st.text(alphabet="abcdefghij_", min_size=1, max_size=8)
types = st.sampled_from(
    ["integer", "bigint", "text", "varchar(20)", "boolean", "jsonb", "numeric(8, 2)", "uuid"]
)


@st.composite
def columns(draw):
    type_ = draw(types)
    default = draw(
        st.sampled_from(
            {
                "integer": [None, "0", "42"],
                "bigint": [None, "-1"],
                "text": [None, "'x'", "''"],
                "varchar(20)": [None, "'a'"],
                "boolean": [None, "true", "false"],
                "jsonb": [None, "'{}'"],
                "numeric(8, 2)": [None, "0", "1.5"],
                "uuid": [None, "gen_random_uuid()"],
            }[type_]
        )
    )
    return m.Column(
        name=draw(names),
        type=SqlType.parse(type_),
        not_null=draw(st.booleans()),
        default=default,
        comment=draw(st.none() | st.text(min_size=1, max_size=10)),
    )


@st.composite
def tables(draw):
    cols = draw(st.lists(columns(), min_size=1, max_size=5, unique_by=lambda c: c.name))
    name = draw(names)
    pk_col = cols[0].name
    cols[0] = replace(cols[0], not_null=True)
    return m.Table(
        schema=draw(st.sampled_from(["public", "app"])),
        name=name,
        columns=tuple(cols),
        primary_key=m.PrimaryKey(f"{name}_pkey", (pk_col,)),
        rls_enabled=draw(st.booleans()),
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(tables(), max_size=4, unique_by=lambda t: (t.schema, t.name)))
def test_property_round_trip_is_exact(generated):
    model = m.build_model(schemas={t.schema for t in generated}, tables=generated)
    assert round_trip(model) == model


@settings(max_examples=60, deadline=None)
@given(
    st.lists(tables(), max_size=3, unique_by=lambda t: (t.schema, t.name)),
    st.lists(tables(), max_size=3, unique_by=lambda t: (t.schema, t.name)),
)
def test_property_previous_spelling_never_changes_the_model(before, after):
    previous = model_to_snapshot(
        m.build_model(schemas={t.schema for t in before}, tables=before), id="a", prev_id=EMPTY_ID
    )
    model = m.build_model(schemas={t.schema for t in after}, tables=after)
    written = json.loads(to_json(model_to_snapshot(model, id="b", prev_id="a", previous=previous)))
    assert snapshot_to_model(written, where="test") == model


def test_snapshot_of_schema_code_holds_plain_strings():
    """SQLAlchemy names are str subclasses; the model must hold plain str so the fast JSON writer accepts it."""
    import orjson

    model = model_from_metadata(load_metadata("everything.py:metadata", HERE / "fixtures_schemas"))
    orjson.dumps(model_to_snapshot(model, id="a", prev_id=EMPTY_ID), option=orjson.OPT_INDENT_2)


def test_view_indexes_and_comments_live_under_the_pgshift_key():
    """drizzle-kit's "views" entry rejects keys it does not know: a materialized view's indexes and the
    comments of views and their columns are kept under the snapshot's "pgshift" key, and read back."""
    index = m.Index("stats_mood_idx", (m.IndexElement("mood"),), unique=True, comment="for REFRESH")
    view = m.View(
        "public", "stats", "SELECT 1 AS mood", materialized=True, indexes=(index,),
        comment="per mood", column_comments=(("mood", "how it went"),),
    )  # fmt: skip
    model = m.build_model(views=[view])
    data = model_to_snapshot(model, id="a", prev_id=EMPTY_ID)
    entry = data["views"]["public.stats"]
    assert set(entry) == {"columns", "definition", "name", "schema", "isExisting", "materialized"}
    assert set(data["pgshift"]["viewExtras"]["public.stats"]) == {"indexes", "comment", "columnComments"}
    assert round_trip(model) == model
    plain = m.build_model(views=[replace(view, indexes=(), comment=None, column_comments=())])
    assert "pgshift" not in model_to_snapshot(plain, id="a", prev_id=EMPTY_ID)


def test_event_triggers_and_table_access_methods_live_under_the_pgshift_key():
    """Drizzle has no key for event triggers nor a table's USING: both are kept under the snapshot's
    "pgshift" key, written only when set, and read back."""
    table = m.Table("public", "events", (m.Column("id", SqlType("integer")),), access_method="heap2")
    trigger = m.EventTrigger(
        "watch drops", "sql_drop", "audit", "note", ("DROP TABLE", "DROP VIEW"), "D", comment="what went"
    )
    model = m.build_model(tables=[table], event_triggers=[trigger])
    data = model_to_snapshot(model, id="a", prev_id=EMPTY_ID)
    assert data["pgshift"]["eventTriggers"] == {
        "watch drops": {
            "name": "watch drops",
            "event": "sql_drop",
            "functionSchema": "audit",
            "functionName": "note",
            "tags": ["DROP TABLE", "DROP VIEW"],
            "enabled": "D",
            "comment": "what went",
        }
    }
    assert "pgshift" not in data["tables"]["public.events"]  # drizzle-kit's table entry is strict
    assert data["pgshift"]["tableExtras"] == {"public.events": {"accessMethod": "heap2"}}
    assert round_trip(model) == model
    heap = m.build_model(tables=[replace(table, access_method="heap")])
    assert heap.tables[0].access_method is None  # heap, the default, is no setting
    assert "pgshift" not in model_to_snapshot(heap, id="a", prev_id=EMPTY_ID)["tables"]["public.events"]
    assert "pgshift" not in model_to_snapshot(heap, id="a", prev_id=EMPTY_ID)


@pytest.mark.parametrize("enabled", ["X", 1])
def test_a_corrupt_event_trigger_state_names_the_file(enabled: object):
    data = model_to_snapshot(
        m.build_model(event_triggers=[m.EventTrigger("e", "sql_drop", "public", "f")]),
        id="a",
        prev_id=EMPTY_ID,
    )
    data["pgshift"]["eventTriggers"]["e"]["enabled"] = enabled
    with pytest.raises(FolderError, match=r"snapshot is malformed.*event trigger state"):
        snapshot_to_model(data, where="meta/0001_snapshot.json")


def _extras_everywhere() -> m.Model:
    """One model field Drizzle has no key for in each kind of entry drizzle-kit validates strictly."""
    integer = SqlType("integer")
    parent = m.Table("public", "parent", (m.Column("id", integer, not_null=True),),
                     primary_key=m.PrimaryKey("parent_pkey", ("id",)))  # fmt: skip
    events = m.Table(
        "public",
        "events",
        (m.Column("id", integer, not_null=True), m.Column("parent_id", integer, comment="whose"),
         m.Column("name", SqlType("text"))),
        primary_key=m.PrimaryKey("events_pkey", ("id",), deferrable=True),
        foreign_keys=(m.ForeignKey("events_parent_fk", ("parent_id",), "public", "parent", ("id",),
                                   deferrable=True, initially_deferred=True),),
        unique_constraints=(m.UniqueConstraint("events_name_key", ("name",), deferrable=True),),
        check_constraints=(m.CheckConstraint("events_id_check", "id > 0", not_valid=True, comment="ids"),),
        indexes=(m.Index("events_name_idx", (m.IndexElement("name", collation='"C"'),), include=("id",),
                         comment="lookups"),),
        policies=(m.Policy("own", using="true", comment="all rows"),),
        rls_enabled=True,
        comment="what happened",
        storage_parameters=("fillfactor=70",),
        access_method="heap2",
    )  # fmt: skip
    options = m.SequenceOptions("1", "1", "2147483647", "1", "1")  # as read back: every option spelled out
    return m.build_model(
        tables=[parent, events],
        enums=[m.Enum("public", "mood", ("ok",), comment="moods")],
        sequences=[m.Sequence("public", "counter", options, data_type="integer", comment="counts")],
    )


def _strict_entries(data: dict) -> list[tuple[str, dict]]:
    """The entries drizzle-kit 0.31 rejects an unknown key in (probed with drizzle-kit check)."""
    parts = ("columns", "indexes", "foreignKeys", "uniqueConstraints", "checkConstraints", "policies")
    out = [(f"enum {k}", e) for k, e in data["enums"].items()]
    out += [(f"sequence {k}", e) for k, e in data["sequences"].items()]
    for key, table in data["tables"].items():
        out.append((f"table {key}", table))
        out += [(f"{part} {key}.{name}", e) for part in parts for name, e in table[part].items()]
    return out


def test_extras_of_strict_entries_live_under_the_pgshift_key():
    """drizzle-kit check calls a snapshot malformed when a table, column, index, foreign key, unique or
    check constraint, policy, enum or sequence entry has a key it does not know: their extras are kept
    under the snapshot's "pgshift" key (tableExtras, enumExtras, sequenceExtras) and read back."""
    model = _extras_everywhere()
    data = json.loads(to_json(model_to_snapshot(model, id="a", prev_id=EMPTY_ID)))
    assert [where for where, entry in _strict_entries(data) if "pgshift" in entry] == []
    extras = data["pgshift"]
    assert set(extras) == {"tableExtras", "enumExtras", "sequenceExtras"}
    assert set(extras["tableExtras"]) == {"public.events"}
    assert set(extras["tableExtras"]["public.events"]) == {
        "comment", "primaryKeyDeferrable", "storageParameters", "accessMethod", "columns", "indexes",
        "foreignKeys", "uniqueConstraints", "checkConstraints", "policies",
    }  # fmt: skip
    assert extras["tableExtras"]["public.events"]["checkConstraints"] == {
        "events_id_check": {"notValid": True, "comment": "ids"}
    }
    assert extras["enumExtras"] == {"public.mood": {"comment": "moods"}}
    assert extras["sequenceExtras"] == {"public.counter": {"dataType": "integer", "comment": "counts"}}
    # drizzle-kit accepts unknown keys in an index's column element: a COLLATE stays there.
    element = data["tables"]["public.events"]["indexes"]["events_name_idx"]["columns"][0]
    assert element["pgshift"] == {"collation": '"C"'}
    assert snapshot_to_model(data, where="test") == model


def test_extras_inside_the_entries_as_earlier_versions_wrote_them_still_read():
    """Folders written before the extras moved keep them in each entry's own "pgshift" key."""
    model = _extras_everywhere()
    data = json.loads(to_json(model_to_snapshot(model, id="a", prev_id=EMPTY_ID)))
    old = json.loads(to_json(snapshot_tables(model, None)))  # the entries with their extras inside
    assert "pgshift" in old["public.events"]["uniqueConstraints"]["events_name_key"]
    data["tables"] = old
    data["enums"]["public.mood"]["pgshift"] = data["pgshift"]["enumExtras"]["public.mood"]
    data["sequences"]["public.counter"]["pgshift"] = data["pgshift"]["sequenceExtras"]["public.counter"]
    del data["pgshift"]
    assert snapshot_to_model(data, where="test") == model


def test_a_previous_table_is_reused_only_with_the_same_extras():
    """generate takes a previous entry for the code's table when it is what the code's table writes: the
    comparison covers the extras kept under "pgshift.tableExtras", so a changed extra is read again."""
    model = _extras_everywhere()
    written = written_tables(model, snapshot_tables(model, None))
    data = json.loads(to_json(model_to_snapshot(model, id="a", prev_id=EMPTY_ID)))
    same = snapshot_to_model(data, where="test", written=written)
    assert same.table("public", "events") is model.table("public", "events")
    data["pgshift"]["tableExtras"]["public.events"]["columns"]["parent_id"]["comment"] = "whose, really"
    changed = snapshot_to_model(data, where="test", written=written)
    assert changed.table("public", "events").column("parent_id").comment == "whose, really"
    assert changed.table("public", "parent") is model.table("public", "parent")


def test_statistics_objects_live_under_the_pgshift_key():
    """Drizzle has no key for extended statistics: they are kept under "pgshift", and reading an entry
    gives back the object (a target of 0 and no target are different things)."""
    table = m.Table("app", "orders", (m.Column("city", SqlType("text")), m.Column("zip", SqlType("text"))))
    define = "CREATE STATISTICS {} ON city, zip FROM app.orders"
    stats = [
        m.Statistics("app", "plain", "app", "orders", define.format("app.plain")),
        m.Statistics("st", "zero", "app", "orders", define.format("st.zero"), target=0, comment="it's off"),
    ]
    model = m.build_model(schemas=["app", "st"], tables=[table], statistics=stats)
    data = json.loads(to_json(model_to_snapshot(model, id="a", prev_id=EMPTY_ID)))
    assert set(data["pgshift"]["statistics"]) == {"app.plain", "st.zero"}
    assert "target" not in data["pgshift"]["statistics"]["app.plain"]
    assert data["pgshift"]["statistics"]["st.zero"]["target"] == 0
    assert round_trip(model) == model
    assert diff(round_trip(model), model) == []


def test_a_revoked_default_grant_lives_under_the_grants_entry():
    """``REVOKE EXECUTE ON FUNCTION ... FROM PUBLIC`` is a grant with ``revoked``: stored beside the other
    grants (its own key, ``from PUBLIC``), written only when set, and read back exactly."""
    revoked = m.Grant("function", "public", "f(text)", "PUBLIC", ("EXECUTE",), revoked=True)
    granted = m.Grant("function", "public", "f(text)", "app", ("EXECUTE",))
    model = m.build_model(grants=[revoked, granted])
    entries = model_to_snapshot(model, id="a", prev_id=EMPTY_ID)["pgshift"]["grants"]
    assert entries["function public.f(text) from PUBLIC"]["revoked"] is True
    assert "revoked" not in entries["function public.f(text) to app"]
    assert round_trip(model) == model


def test_foreign_objects_live_under_the_pgshift_key_and_credentials_are_refused():
    """Wrappers and servers under "pgshift" (Drizzle has no key), a foreign table's server and options
    and its columns' options among the table extras; a snapshot naming a credential-like option (one
    edited by hand) is refused as malformed, its value not repeated."""
    column = m.Column("id", SqlType("integer"), foreign_options=(("column_name", "film_id"),))
    table = m.Table("public", "films", (column,), foreign=m.ForeignTable("srv", (("table_name", "film"),)))
    model = m.build_model(
        tables=[table],
        foreign_data_wrappers=[m.ForeignDataWrapper("w", options=(("debug", "1"),))],
        foreign_servers=[m.ForeignServer("srv", "w", "pg", "15", (("host", "h"),), "remote")],
    )
    data = model_to_snapshot(model, id="a", prev_id=EMPTY_ID)
    assert data["pgshift"]["foreignServers"] == {
        "srv": {
            "name": "srv",
            "wrapper": "w",
            "type": "pg",
            "version": "15",
            "options": {"host": "h"},
            "comment": "remote",
        }
    }
    assert data["pgshift"]["foreignDataWrappers"] == {"w": {"name": "w", "options": {"debug": "1"}}}
    assert data["pgshift"]["tableExtras"]["public.films"]["foreign"] == {
        "server": "srv",
        "options": {"table_name": "film"},
    }
    assert round_trip(model) == model
    data["pgshift"]["foreignServers"]["srv"]["options"]["password"] = "hunter2-hunter2"
    with pytest.raises(FolderError) as caught:
        snapshot_to_model(json.loads(to_json(data)), where="test")
    assert "password" in str(caught.value) and "hunter2-hunter2" not in str(caught.value)
