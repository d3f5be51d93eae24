"""The object kinds pgshift migrates, registered in ``KINDS`` in the order the differ visits them.

A ``Kind`` entry says what the kind is (its model class, the ``Model`` field holding its objects, its
identity key), how it changes (its diff step and, if it can be renamed, the op that renames one) and
how it is stored (its ``pgshift.sources.kinds`` entry: snapshot section and catalog query). So a keyed
kind is one module here (its ops with SQL, reverse, hazards, and its diff step), one module under
``pgshift/sources/kinds`` (snapshot entry and catalog row), a line in each registry, and its tests.

Why two modules and not one: the staging rule. Sources (stage 2) run before the differ (stage 3) and
may not import it, so the snapshot and catalog mapping sit in the sources package, registered there by
the same name; this registry, one stage later, names that entry so one list shows the whole kind
(``tests/test_kinds.py`` checks the two agree). Generated code (pgshift.codegen, stage 7) is still
written per model field there, not through this registry.

A diff step is a function ``(old, new, plan) -> old`` that appends the kind's operations to the plan's
phases (pgshift.diff.plan) and returns the old model as it stands after them (an enum rebuild resets
column defaults, so later kinds start from there). Kinds contained in a table (columns, constraints,
indexes, policies) are diffed by the table's step with their own modules' operations and SQL.

Visiting order (dependencies first): text search dictionaries before the configurations that map to
them (a rebuilt dictionary rebuilds those), foreign-data wrappers and servers before tables (a server that
must be rebuilt takes its foreign tables along), enums before tables (a rebuild changes the columns that use the
type), sequences before tables, tables before functions, functions before views (a view over a
reshaped table, or calling a rebuilt function, is rebuilt), views before triggers and rules (those on a
rebuilt view or running a rebuilt function are rebuilt), event triggers after functions (one running a
rebuilt function is rebuilt), statistics objects after those (rebuilt on a reshaped table, a rebuilt
view or around a rebuilt function), publications after the tables (a changed entry on a reshaped table
is dropped and added around that change), casts and operators after functions (one over a rebuilt function is
rebuilt), privileges after those (an object rebuilt loses its grants), schemas last (their drops come after the drops of everything in
them). The order of the *statements* is the plan's phase order, not this one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from pgshift.diff.kinds import column, foreign, schema, sequence, table
from pgshift.diff.kinds.base import Operation
from pgshift.diff.plan import Plan
from pgshift.model import schema as m
from pgshift.sources.kinds import cast as cast_source
from pgshift.sources.kinds import enum as enum_source
from pgshift.sources.kinds import event_trigger as event_trigger_source
from pgshift.sources.kinds import foreign as foreign_source
from pgshift.sources.kinds import grant as grant_source
from pgshift.sources.kinds import operator as operator_source
from pgshift.sources.kinds import publication as publication_source
from pgshift.sources.kinds import sequence as sequence_source
from pgshift.sources.kinds import statistics as statistics_source
from pgshift.sources.kinds import text_search as text_search_source
from pgshift.sources.kinds import view as view_source
from pgshift.sources.kinds.base import SourceKind

DiffStep = Callable[[m.Model, m.Model, Plan], m.Model]
RenameBuilder = Callable[[m.Model, str, str, str], Operation]


def _qualified_key(obj: Any) -> str:
    """``schema.name``, the key Drizzle's snapshot sections use (an event trigger's: its name)."""
    return str(obj.key)


def _own_name(obj: Any) -> str:
    return str(obj)


@dataclass(frozen=True)
class Kind:
    """A registered kind (see the module docstring). ``name`` is its name in rename decisions."""

    name: str
    model: type
    collection: str
    key: Callable[[Any], str]
    diff: DiffStep
    rename: RenameBuilder | None = None
    source: SourceKind[Any] | None = None

    @property
    def idle(self) -> bool:
        """Whether its diff step is known to do nothing where neither model has an object of the kind
        (the differ then skips it, and its module is not even loaded: ``_Later``)."""
        return isinstance(self.diff, _Later)

    def objects(self, model: m.Model) -> dict[str, Any]:
        """The kind's objects in ``model`` by identity key, in the model's order."""
        return {self.key(obj): obj for obj in getattr(model, self.collection)}


@dataclass(frozen=True)
class _Later:
    """``pgshift.diff.kinds.<module>.<name>``, imported when first called. The kinds most schemas do not
    have (functions, views, triggers, casts, publications, ...) are registered so: a schema of tables
    alone never loads their modules (their ~50 operation classes cost ~18 ms to define, a fifth of what
    a 1,000-table generate spends importing pgshift). Their diff steps do nothing when neither model
    has an object of the kind (``tests/test_kinds.py`` checks it on every diff case), so the differ
    skips them then (``Kind.idle``)."""

    module: str
    name: str

    def __call__(self, *args: Any) -> Any:
        return getattr(import_module(f"pgshift.diff.kinds.{self.module}"), self.name)(*args)


KINDS: tuple[Kind, ...] = (
    Kind("defined", m.DefinedObject, "defined", _qualified_key, _Later("defined", "diff_defined")),
    Kind(
        "foreign data wrapper",
        m.ForeignDataWrapper,
        "foreign_data_wrappers",
        _qualified_key,
        foreign.diff_wrappers,
        None,
        foreign_source.WRAPPER_KIND,
    ),
    Kind(
        "foreign server",
        m.ForeignServer,
        "foreign_servers",
        _qualified_key,
        foreign.diff_servers,
        None,
        foreign_source.SERVER_KIND,
    ),
    Kind(
        "text search dictionary",
        m.TextSearchDictionary,
        "ts_dictionaries",
        _qualified_key,
        _Later("text_search", "diff_dictionaries"),
        None,
        text_search_source.DICTIONARY_KIND,
    ),
    Kind(
        "text search configuration",
        m.TextSearchConfiguration,
        "ts_configurations",
        _qualified_key,
        _Later("text_search", "diff_configurations"),
        None,
        text_search_source.CONFIGURATION_KIND,
    ),
    Kind(
        "enum",
        m.Enum,
        "enums",
        _qualified_key,
        _Later("enum", "diff_enums"),
        _Later("enum", "rename_op"),
        enum_source.KIND,
    ),
    Kind(
        "sequence",
        m.Sequence,
        "sequences",
        _qualified_key,
        sequence.diff_sequences,
        sequence.rename_op,
        sequence_source.KIND,
    ),
    Kind("table", m.Table, "tables", _qualified_key, table.diff_tables, table.rename_op),
    Kind("function", m.Function, "functions", _qualified_key, _Later("function", "diff_functions")),
    Kind("view", m.View, "views", _qualified_key, _Later("view", "diff_views"), None, view_source.KIND),
    Kind("trigger", m.Trigger, "triggers", _qualified_key, _Later("trigger", "diff_triggers")),
    Kind("rule", m.Rule, "rules", _qualified_key, _Later("rule", "diff_rules")),
    Kind(
        "event trigger",
        m.EventTrigger,
        "event_triggers",
        _qualified_key,
        _Later("event_trigger", "diff_event_triggers"),
        None,
        event_trigger_source.KIND,
    ),
    Kind(
        "statistics",
        m.Statistics,
        "statistics",
        _qualified_key,
        _Later("statistics", "diff_statistics"),
        None,
        statistics_source.KIND,
    ),
    Kind(
        "publication",
        m.Publication,
        "publications",
        _qualified_key,
        _Later("publication", "diff_publications"),
        _Later("publication", "rename_op"),
        publication_source.KIND,
    ),
    Kind("cast", m.Cast, "casts", _qualified_key, _Later("cast", "diff_casts"), None, cast_source.KIND),
    Kind(
        "operator",
        m.Operator,
        "operators",
        _qualified_key,
        _Later("operator", "diff_operators"),
        None,
        operator_source.KIND,
    ),
    Kind(
        "grant",
        m.Grant,
        "grants",
        _qualified_key,
        _Later("grant", "diff_grants"),
        None,
        grant_source.GRANT_KIND,
    ),
    Kind(
        "default privilege",
        m.DefaultPrivilege,
        "default_privileges",
        _qualified_key,
        _Later("grant", "diff_default_privileges"),
        None,
        grant_source.DEFAULT_KIND,
    ),
    Kind("schema", str, "schemas", _own_name, schema.diff_schemas, schema.rename_op),
)

# The op that renames one object, by the rename kind of pgshift.diff.renames (``model`` is the state
# just before the rename): the registered kinds' own, plus the two kinds contained in others.
RENAMES: dict[str, RenameBuilder] = {
    **{k.name: k.rename for k in KINDS if k.rename is not None},
    "column": column.rename_op,
    "value": _Later("enum", "rename_value_op"),
}
