"""SQLAlchemy schema code -> model: types, names, defaults, constraints, indexes, enums, sequences."""

from pathlib import Path

import pytest

from pgshift.model import schema as m
from pgshift.sources.from_sqlalchemy import model_from_metadata
from pgshift.sources.load import load_metadata

FIXTURES = Path(__file__).parent / "fixtures_schemas"


@pytest.fixture(scope="module")
def everything() -> m.Model:
    return model_from_metadata(load_metadata("everything.py:metadata", FIXTURES))


def col(model: m.Model, table: str, name: str, schema: str = "public") -> m.Column:
    column = model.table(schema, table).column(name)
    assert column is not None, name
    return column


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        ("handle", "varchar(40)"),
        ("code", "char(3)"),
        ("small", "smallint"),
        ("ratio", "double precision"),
        ("price", "numeric(10, 2)"),
        ("active", "boolean"),
        ("born", "date"),
        ("wakes", "time with time zone"),
        ("seen", "timestamp with time zone"),
        ("span", "interval"),
        ("key", "uuid"),
        ("doc", "json"),
        ("data", "jsonb"),
        ("blob", "bytea"),
        ("ip", "inet"),
        ("net", "cidr"),
        ("mac", "macaddr"),
        ("tags", "text[]"),
        ("grid", "integer[][]"),
        ("status", "status"),
    ],
)
def test_types(everything: m.Model, name: str, type_: str):
    assert col(everything, "accounts", name).type.spelling == type_


def test_defaults_are_canonical(everything: m.Model):
    assert col(everything, "accounts", "small").default == "7"
    assert col(everything, "accounts", "price").default == "0"
    assert col(everything, "accounts", "active").default == "true"
    assert col(everything, "accounts", "seen").default == "now()"
    assert col(everything, "accounts", "data").default == "'{}'"
    assert col(everything, "accounts", "status").default == "'draft'"
    assert col(everything, "accounts", "key").default == "gen_random_uuid()"


def test_identity_serial_generated(everything: m.Model):
    ident = col(everything, "accounts", "id")
    assert ident.identity is not None and ident.identity.kind == "always"
    assert ident.identity.options.start_with == "10"
    assert ident.identity.sequence_name == "accounts_id_seq"
    assert ident.not_null and ident.default is None
    assert col(everything, "orders", "id").type.spelling == "serial"
    assert col(everything, "accounts", "handle_lower").generated == "lower(handle)"
    assert col(everything, "accounts", "handle_lower").default is None


def test_enum_and_sequence_and_schemas(everything: m.Model):
    assert everything.enum("public", "status").values == ("draft", "live")
    assert col(everything, "accounts", "status").type.schema == "public"
    (seq,) = everything.sequences
    assert (seq.name, seq.options.start_with, seq.options.increment) == ("order_number_seq", "1000", "5")
    assert col(
        everything, "orders", "number"
    ).default == "nextval('order_number_seq'::regclass)" or "nextval" in (
        col(everything, "orders", "number").default or ""
    )
    assert everything.schemas == ("crm",)


def test_postgres_default_names(everything: m.Model):
    accounts = everything.table("public", "accounts")
    assert accounts.primary_key == m.PrimaryKey("accounts_pkey", ("id",))
    assert [u.name for u in accounts.unique_constraints] == ["accounts_handle_key"]
    assert [c.name for c in accounts.check_constraints] == ["accounts_age_check"]
    # SQLAlchemy's own default naming convention names unnamed indexes ix_<table>_<column>.
    assert "ix_accounts_born" in [i.name for i in accounts.indexes]
    orders = everything.table("public", "orders")
    assert [fk.name for fk in orders.foreign_keys] == ["orders_account_id_fkey"]


def test_composite_key_fk_options_unique_nulls(everything: m.Model):
    table = everything.table("crm", "memberships")
    assert table.primary_key == m.PrimaryKey("memberships_pk", ("account_id", "group_name"))
    (fk,) = table.foreign_keys
    assert (fk.on_delete, fk.on_update, fk.deferrable, fk.initially_deferred) == (
        "cascade",
        "set null",
        True,
        True,
    )
    assert (fk.ref_schema, fk.ref_table, fk.ref_columns) == ("public", "accounts", ("id",))
    (unique,) = table.unique_constraints
    assert unique.name == "memberships_group_name_position_key" and unique.nulls_not_distinct
    assert col(everything, "memberships", "group_name", "crm").comment == "free text"
    assert everything.table("public", "accounts").comment == "people and bots"


def test_index_variants(everything: m.Model):
    accounts = {i.name: i for i in everything.table("public", "accounts").indexes}
    assert accounts["accounts_tags_idx"].method == "gin"
    assert accounts["accounts_handle_ops_idx"].elements[0].opclass == "text_pattern_ops"
    born = accounts["ix_accounts_born"].elements[0]
    assert (born.descending, born.nulls_first) == (True, False)
    crm = {i.name: i for i in everything.table("crm", "memberships").indexes}
    lower = crm["memberships_lower_idx"].elements[0]
    assert (lower.expression, lower.is_expression, lower.descending) == ("lower(group_name)", True, True)
    partial = crm["memberships_partial_idx"]
    assert partial.where == '"position" > 0' or partial.where == "position > 0"
    assert partial.include == ("group_name",)
    assert partial.with_ == (("fillfactor", "70"),)


def test_orm_and_sqlmodel_sources(tmp_path: Path):
    (tmp_path / "orm_models.py").write_text(
        "from sqlalchemy import String\n"
        "from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column\n"
        "class Base(DeclarativeBase):\n    pass\n"
        "class User(Base):\n    __tablename__ = 'users'\n"
        "    id: Mapped[int] = mapped_column(primary_key=True)\n"
        "    name: Mapped[str] = mapped_column(String(50))\n"
    )
    (tmp_path / "sqlmodel_models.py").write_text(
        "from sqlmodel import Field, SQLModel\n"
        "class LoaderHero(SQLModel, table=True):\n"
        "    id: int | None = Field(default=None, primary_key=True)\n"
        "    name: str = Field(max_length=50)\n"
    )
    orm = model_from_metadata(load_metadata("orm_models.py", tmp_path))
    assert [c.type.spelling for c in orm.table("public", "users").columns] == ["serial", "varchar(50)"]
    hero = model_from_metadata(load_metadata("sqlmodel_models.py", tmp_path))
    # SQLModel.metadata is process-wide: other tests' tables may be in it too.
    assert [(c.name, c.type.spelling, c.not_null) for c in hero.table("public", "loaderhero").columns] == [
        ("id", "serial", True),
        ("name", "varchar(50)", True),
    ]


def test_nextval_of_the_columns_own_sequence_is_a_serial():
    from sqlalchemy import Column, Integer, MetaData, Sequence, Table, text

    def number_column(metadata: MetaData, schema: str | None, default: str) -> m.Column:
        Table(
            "t",
            metadata,
            Column("id", Integer, primary_key=True),
            Column("n", Integer, nullable=False, server_default=text(default)),
            schema=schema,
        )
        model = model_from_metadata(metadata)
        return model.table(schema or "public", "t").column("n")

    for schema, default in [
        (None, "nextval('t_n_seq')"),
        (None, "nextval('public.t_n_seq'::regclass)"),
        ("crm", "nextval('crm.t_n_seq'::regclass)"),
    ]:
        folded = number_column(MetaData(), schema, default)
        assert (folded.type.spelling, folded.default, folded.not_null) == ("serial", None, True), default
    # Another sequence, or the code declaring that sequence itself, is a plain integer with a default.
    assert number_column(MetaData(), None, "nextval('other_seq')").type.spelling == "integer"
    declared = MetaData()
    Sequence("t_n_seq", metadata=declared)
    kept = number_column(declared, None, "nextval('t_n_seq')")
    assert (kept.type.spelling, kept.default) == ("integer", "nextval('t_n_seq')")


def test_filters(everything: m.Model):
    md = load_metadata("everything.py:metadata", FIXTURES)
    only_public = model_from_metadata(md, schema_filter=["public"])
    assert [t.name for t in only_public.tables] == ["accounts", "orders"]
    no_orders = model_from_metadata(md, tables_filter=["!orders"])
    assert "orders" not in [t.name for t in no_orders.tables]


def test_reading_the_schema_leaves_the_users_metadata_as_it_was() -> None:
    """Building the model must not change the user's MetaData: SQLAlchemy's AddConstraint, used to spell
    an EXCLUDE, marks the constraint as added later by default, and create_all() then left it out of
    CREATE TABLE (the app's test database silently lost the constraint after `pgshift generate`)."""
    from sqlalchemy import Column, Integer, MetaData, Table
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateTable

    metadata = MetaData()
    table = Table(
        "booking",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("during", postgresql.TSTZRANGE),
        postgresql.ExcludeConstraint(("during", "&&"), name="no_overlap", using="gist"),
    )
    before = str(CreateTable(table).compile(dialect=postgresql.dialect()))
    model = model_from_metadata(metadata)
    assert [x.name for x in model.tables[0].exclude_constraints] == ["no_overlap"]
    after = str(CreateTable(table).compile(dialect=postgresql.dialect()))
    assert "EXCLUDE USING gist" in before and after == before


def test_percent_signs_in_sql_text_are_kept() -> None:
    """SQLAlchemy's psycopg paramstyle doubles every % for the driver: ``text("'100%'")`` was read as the
    default '100%%' (a different value), and a CHECK's or a partial index's LIKE 'x%' likewise."""
    from sqlalchemy import CheckConstraint, Column, Index, MetaData, Table, Text, text

    from pgshift.sources.from_sqlalchemy import model_from_metadata

    md = MetaData()
    t = Table(
        "t",
        md,
        Column("a", Text, server_default=text("'100%'")),
        CheckConstraint("a <> '50%'", name="ck"),
    )
    Index("ix", t.c.a, postgresql_where=text("a LIKE 'x%'"))
    Index("ix2", t.c.a.like("y%"))
    table = model_from_metadata(md).tables[0]
    assert table.columns[0].default == "'100%'"
    assert table.check_constraints[0].expression == "a <> '50%'"
    assert [(i.where, [e.expression for e in i.elements]) for i in table.indexes] == [
        ("a LIKE 'x%'", ["a"]),
        (None, ["a LIKE 'y%'"]),
    ]


def test_argumentless_calls_compiled_once_keep_each_columns_own_spelling() -> None:
    """``func.x()`` defaults are compiled once per spelling (``now()`` on every table): the cache must
    still tell apart every package and class, and leave ``next_value()`` (spelled from its sequence)
    alone; each column keeps its own type arguments and collation."""
    from sqlalchemy import Column, Integer, MetaData, Numeric, String, Table, func
    from sqlalchemy import Sequence as SASequence
    from sqlalchemy.types import UserDefinedType

    class Vec(UserDefinedType[object]):
        cache_ok = True

        def __init__(self, n: int) -> None:
            self.n = n

        def get_col_spec(self, **kw: object) -> str:
            return f"vector({self.n})"

    md = MetaData()
    one, two = SASequence("one_seq", metadata=md), SASequence("two_seq", metadata=md)
    Table(
        "t",
        md,
        Column("id", Integer, primary_key=True),
        Column("a", String(10), server_default=func.now()),
        Column("b", String(20), server_default=func.pg_catalog.now()),
        Column("c", String(10, collation="C"), server_default=func.current_timestamp()),
        Column("d", Numeric(10, 2), server_default=func.gen_random_uuid()),
        Column("e", Numeric(12, 4), server_default=one.next_value()),
        Column("f", Integer, server_default=two.next_value()),
        Column("g", Vec(3)),
        Column("h", Vec(4)),
    )
    for _ in range(2):  # the second reading comes from the caches
        model = model_from_metadata(md)
        got = {c.name: (c.type.sql, c.collation, c.default) for c in model.table("public", "t").columns}
        assert {k: v for k, v in got.items() if k != "id"} == {
            "a": ("varchar(10)", None, "now()"),
            "b": ("varchar(20)", None, "pg_catalog.now()"),
            "c": ("varchar(10)", '"C"', "current_timestamp"),
            "d": ("numeric(10, 2)", None, "gen_random_uuid()"),
            "e": ("numeric(12, 4)", None, "nextval('one_seq')"),
            "f": ("integer", None, "nextval('two_seq')"),
            "g": ("vector(3)", None, None),
            "h": ("vector(4)", None, None),
        }


def test_new_column_is_the_dataclass_column() -> None:
    """``new_column`` bypasses ``Column.__init__``: it must take every field, in order, and give an equal,
    equally hashed, still frozen instance (a field added to Column and not there fails here)."""
    import dataclasses
    import inspect

    from pgshift.model import schema as m
    from pgshift.model.types import SqlType

    values = {
        "name": "c",
        "type": SqlType("varchar(20)", 1),
        "not_null": True,
        "default": "'x'::text",
        "identity": None,
        "generated": None,
        "generated_virtual": False,
        "comment": "a comment",
        "settings": m.ColumnSettings(statistics=100),
        "collation": '"C"',
        "not_null_name": "c_must",
        "not_null_not_valid": True,
        "foreign_options": (("column_name", "c"),),
    }
    names = [f.name for f in dataclasses.fields(m.Column)]
    assert list(inspect.signature(m.new_column).parameters) == names == list(values)
    built = m.new_column(**values)
    assert list(vars(built)) == names
    assert built == m.Column(**values) and hash(built) == hash(m.Column(**values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.name = "x"  # type: ignore[misc]


# -- shortcuts: one compile per distinct type, dialect options read once per class ----------------------


def _type_sampler() -> object:
    """A table of many SQLAlchemy types, several differing only in one attribute, each used twice."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql as pg

    types = [
        sa.String(5), sa.String(6), sa.String(5, collation="C"), sa.String(), sa.Text(collation="C"),
        sa.Numeric(10, 2), sa.Numeric(10, 3), sa.Numeric(), sa.DateTime(), sa.DateTime(timezone=True),
        sa.Time(timezone=True), pg.TIMESTAMP(precision=3), pg.TIMESTAMP(precision=3, timezone=True),
        pg.INTERVAL(), pg.INTERVAL(fields="day"), pg.INTERVAL(precision=2), pg.BIT(5), pg.BIT(5, varying=True),
        sa.ARRAY(sa.Integer), sa.ARRAY(sa.Integer, dimensions=2), sa.ARRAY(sa.String(5)), pg.ARRAY(sa.Text),
        sa.Enum("a", "b", name="mood"), sa.Enum("a", "b", native_enum=False), sa.Float(precision=24),
        sa.Float(), sa.LargeBinary(), sa.Uuid(), pg.JSONB(), pg.TSVECTOR(), pg.CHAR(3), pg.VARCHAR(3),
        sa.Boolean(), sa.Boolean(create_constraint=True, name="flag"), sa.Enum("a", "c", name="other"),
    ]  # fmt: skip
    metadata = sa.MetaData()
    columns = [sa.Column(f"c{i}_{copy}", t.copy()) for i, t in enumerate(types) for copy in range(2)]
    sa.Table("sampler", metadata, sa.Column("id", sa.Integer, primary_key=True), *columns)
    return metadata


def _metadatas() -> list[tuple[str, object]]:
    return [
        ("everything", load_metadata("everything.py:metadata", FIXTURES)),
        ("drizzle_everything", load_metadata("drizzle_everything.py", FIXTURES)),
        ("sampler", _type_sampler()),
    ]


def test_the_shortcuts_read_what_sqlalchemy_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The model is the same with each type compiled and each construct's dialect options built."""
    from pgshift.sources import from_sqlalchemy as fs

    assert fs._memo_is_dict()  # else the shortcut is off and this test would compare a thing with itself
    fast = {name: model_from_metadata(md) for name, md in _metadatas()}  # type: ignore[arg-type]
    monkeypatch.setattr(fs, "_type_key", lambda impl, dims: None)
    monkeypatch.setattr(fs, "_memo_is_dict", lambda: False)
    slow = {name: model_from_metadata(md) for name, md in _metadatas()}  # type: ignore[arg-type]
    for name in fast:
        assert fast[name] == slow[name], name
    sampler = slow["sampler"].table("public", "sampler")
    assert sampler is not None
    spelled = {c.name: c.type.spelling for c in sampler.columns}
    assert len(set(spelled.values())) > 25  # the types differ: nothing was shared that should not be


def test_dialect_options_are_read_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlalchemy as sa

    from pgshift.sources import from_sqlalchemy as fs
    from pgshift.sources.from_sqlalchemy import _pg

    monkeypatch.setattr(fs, "_DEFAULT_OPTIONS", {})  # (other tests' models filled it)

    metadata = sa.MetaData()
    plain = sa.Table("plain", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.Text))  # fmt: skip
    given = sa.Table(
        "given", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.Text),
        postgresql_partition_by="RANGE (id)", postgresql_with={"fillfactor": 70},
    )  # fmt: skip
    constructs = [
        plain,
        given,
        sa.Table("plain2", metadata, sa.Column("id", sa.Integer, primary_key=True)),
        sa.Index("plain_v", plain.c.v),
        sa.Index("given_v", given.c.v, postgresql_using="gin", postgresql_where=given.c.v != ""),
        sa.Index("plain_v2", plain.c.v),
        sa.CheckConstraint("v <> ''", name="c1"),
        sa.CheckConstraint("v <> ''", name="c2", postgresql_not_valid=True),
        sa.CheckConstraint("v <> ''", name="c3"),
        sa.UniqueConstraint("v", name="u1"),
        sa.UniqueConstraint("v", name="u2", postgresql_nulls_not_distinct=True),
        sa.UniqueConstraint("v", name="u3"),
        sa.ForeignKeyConstraint(["v"], ["plain.v"], name="f1"),
        sa.ForeignKeyConstraint(["v"], ["plain.v"], name="f2", postgresql_not_valid=True),
        sa.ForeignKeyConstraint(["v"], ["plain.v"], name="f3"),
    ]
    read = [dict(_pg(construct)) for construct in constructs]  # before SQLAlchemy builds any of them
    # The second construct of each class without keywords took its class's defaults, not its own options
    # (a ForeignKeyConstraint builds its own as it is made: it hands them on to its ForeignKey elements).
    took_defaults = [c.name for c in constructs if "dialect_options" not in vars(c)]
    assert took_defaults == ["plain2", "plain_v2", "c3", "u3"]
    for construct, options in zip(constructs, read, strict=True):
        assert options == dict(construct.dialect_options["postgresql"]), construct
    assert read[4]["using"] == "gin" and read[7]["not_valid"] is True and read[1]["partition_by"]
