"""The plan a diff fills: one list per phase, concatenated in an order where every statement finds what
it needs and the reversed list (the down migration) is valid too. Kinds append their operations to
the phase they belong to (see pgshift.diff.kinds for the registry and the phases each kind uses).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pgshift.diff.kinds.base import Operation
from pgshift.model.schema import Table


@dataclass
class Plan:
    """The differ's operations by phase while the kinds are visited; ``ordered()`` gives them in execution
    order."""

    # triggers, rules and functions under a table or schema that is renamed: dropped under the old name
    # before the rename and created under the new one after, so the down file (the reverse) works too
    pre_rename_drops: list[Operation] = field(default_factory=list)
    renames: list[Operation] = field(default_factory=list)
    renamed_schemas: set[str] = field(default_factory=set)  # old names of the schemas it renames
    drop_triggers: list[Operation] = field(default_factory=list)
    drop_rules: list[Operation] = field(default_factory=list)
    drop_event_triggers: list[Operation] = field(default_factory=list)  # before the functions they run
    # extended statistics dropped (gone or rebuilt): before any rename, column, table or function changes
    drop_statistics: list[Operation] = field(default_factory=list)
    # publications dropped, tables and schemas taken out of one: before what they name changes or goes
    drop_publications: list[Operation] = field(default_factory=list)
    # defaults, CHECKs and indexes taken off a function that is rebuilt (put back once it is created)
    release_functions: list[Operation] = field(default_factory=list)
    early_function_drops: list[Operation] = field(default_factory=list)  # functions rebuilt (drop + create)
    # casts and operators changed or around a rebuilt function: dropped before the functions are
    drop_operators_early: list[Operation] = field(default_factory=list)
    # casts and operators: created after the functions they call, before the tables and views using them
    operators: list[Operation] = field(default_factory=list)
    drop_operators: list[Operation] = field(default_factory=list)  # gone: after their users, before functions
    # extensions, collations, domains, range and composite types
    defined: list[Operation] = field(default_factory=list)
    drop_defined: list[Operation] = field(default_factory=list)
    # text search dictionaries, then configurations, created and changed: after the extensions, before
    # the functions and tables that name a configuration. Dropped ones go late, after those
    # (drop_text_search: configurations before the dictionaries they map to).
    text_search: list[Operation] = field(default_factory=list)
    drop_text_search: list[Operation] = field(default_factory=list)
    functions: list[Operation] = field(default_factory=list)  # the ones tables use: before the tables
    late_functions: list[Operation] = field(default_factory=list)  # the others: after tables, before views
    # those whose parameters or result are a view's row type: created after the views, dropped before
    view_functions: list[Operation] = field(default_factory=list)
    drop_view_functions: list[Operation] = field(default_factory=list)
    triggers: list[Operation] = field(default_factory=list)
    rules: list[Operation] = field(default_factory=list)
    event_triggers: list[Operation] = field(default_factory=list)  # after every function exists
    statistics: list[Operation] = field(default_factory=list)  # after the tables and views they read
    # foreign-data wrappers and servers: created after functions and extensions, before the tables;
    # dropped after the tables, before functions and extensions (pgshift.diff.kinds.foreign)
    foreign_wrappers: list[Operation] = field(default_factory=list)
    foreign_servers: list[Operation] = field(default_factory=list)
    drop_foreign_servers: list[Operation] = field(default_factory=list)
    drop_foreign_wrappers: list[Operation] = field(default_factory=list)
    # servers whose wrapper or TYPE changes: dropped once their foreign tables are, created again
    drop_rebuilt_servers: list[Operation] = field(default_factory=list)
    rebuilt_servers: set[str] = field(default_factory=set)  # their names: their foreign tables are rebuilt
    # publications created, tables and schemas added to one, options: after what they name exists
    publications: list[Operation] = field(default_factory=list)
    drop_functions: list[Operation] = field(default_factory=list)
    schemas: list[Operation] = field(default_factory=list)
    enums: list[Operation] = field(default_factory=list)
    sequences: list[Operation] = field(default_factory=list)
    create_tables: list[Operation] = field(default_factory=list)
    drop_views: list[Operation] = field(default_factory=list)
    drop_policies: list[Operation] = field(default_factory=list)
    drop_fks: list[Operation] = field(default_factory=list)
    # SET WITHOUT CLUSTER before the clustered index may go (CLUSTER ON the new one is table_meta): in
    # the down file, CLUSTER ON the old index then comes after that index is back
    unclusters: list[Operation] = field(default_factory=list)
    early_drops: list[Operation] = field(default_factory=list)  # indexes and other constraints
    columns: list[Operation] = field(default_factory=list)
    drop_columns: list[Operation] = field(default_factory=list)
    constraints: list[Operation] = field(default_factory=list)
    indexes: list[Operation] = field(default_factory=list)
    foreign_keys: list[Operation] = field(default_factory=list)
    table_meta: list[Operation] = field(default_factory=list)
    policies: list[Operation] = field(default_factory=list)
    views: list[Operation] = field(default_factory=list)
    drop_rebuilt_tables: list[Operation] = field(default_factory=list)
    drop_tables: list[Operation] = field(default_factory=list)
    late_drops: list[Operation] = field(default_factory=list)
    revokes: list[Operation] = field(
        default_factory=list
    )  # privileges: before anything is renamed or dropped
    grants: list[Operation] = field(default_factory=list)  # privileges: after everything is created
    rebuilt_functions: set[str] = field(default_factory=set)  # keys dropped and created again
    rebuilt_views: set[str] = field(default_factory=set)  # keys dropped and created again (or changed)
    reshaped: set[str] = field(default_factory=set)  # tables whose column types change or columns go
    # sequence key -> (table, column): serial sequences kept as standalone ones (not dropped)
    released_sequences: dict[str, tuple[str, str]] = field(default_factory=dict)
    old_tables: dict[str, Table] = field(default_factory=dict)  # by key, for O(1) lookups
    new_tables: dict[str, Table] = field(default_factory=dict)
    _same_tables: dict[str, bool] = field(default_factory=dict)

    def same_table(self, key: str) -> bool:
        """Whether table ``key`` is in both models and equal there. Compared once per plan: the table's
        own diff asks, and so does every foreign key that references it (a 1,000-table push compared
        each referenced table again per key, ~40% of its diff)."""
        same = self._same_tables.get(key)
        if same is None:
            old = self.old_tables.get(key)
            same = self._same_tables[key] = old is not None and old == self.new_tables.get(key)
        return same

    def ordered(self) -> list[Operation]:
        # Triggers, rules and views rebuilt around a renamed column or table name it in their text; the
        # server rewrites them at the rename, but the down file (this list reversed) creates them again
        # from the old text, which works only once the name is back: so they are dropped before the
        # renames. Not when a schema is renamed: the views in it carry the new schema's name by then.
        leaves = [
            *self.drop_triggers,  # before the views and functions they hang on
            *self.drop_rules,
            *self.drop_view_functions,
            *self.drop_views,  # first: a view blocks type changes (and enum rebuilds) of what it reads
        ]
        before, after = ([], leaves) if self.renamed_schemas else (leaves, [])
        return [
            *self.revokes,
            *self.drop_statistics,  # first of all: nothing depends on them, and they on all the rest
            *self.drop_publications,  # likewise (a column a publication uses cannot be dropped)
            *self.pre_rename_drops,
            *before,
            *self.renames,
            *after,
            *self.drop_event_triggers,
            # tables dropped to be made again (a changed partition key, a foreign table's server): named
            # as after the renames, and after the views that read them
            *self.drop_rebuilt_tables,
            *self.drop_rebuilt_servers,  # after their foreign tables (dropped just above)
            *self.release_functions,
            *self.drop_operators_early,
            *self.early_function_drops,
            *self.schemas,
            *self.enums,
            *self.defined,
            *self.text_search,
            *self.sequences,
            *self.functions,
            *self.foreign_wrappers,
            *self.foreign_servers,
            *self.operators,
            *self.create_tables,
            *self.drop_policies,
            *self.drop_fks,
            *self.unclusters,
            *self.early_drops,
            *self.columns,
            *self.drop_columns,
            *self.constraints,
            *self.indexes,
            *self.foreign_keys,
            *self.table_meta,
            *self.late_functions,
            *self.policies,
            *self.views,
            *self.view_functions,
            *self.triggers,
            *self.rules,
            *self.statistics,
            *self.publications,
            *self.event_triggers,  # last of the creates: from here on it fires on this migration's DDL
            *self.grants,
            *self.drop_tables,
            *self.drop_foreign_servers,
            *self.drop_foreign_wrappers,
            *self.drop_operators,
            *self.drop_functions,
            *self.drop_text_search,  # after the columns, indexes and functions naming a configuration
            *self.drop_defined,
            *self.late_drops,
        ]
