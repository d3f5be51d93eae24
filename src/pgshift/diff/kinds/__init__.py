"""The object kinds pgshift migrates, one module each, registered here in the order the differ visits them.

A kind's module holds its operations (SQL, reverse, hazards, what they destroy) and its diff step: a
function ``(old, new, plan) -> old`` that appends the kind's operations to the plan's phases
(pgshift.diff.plan) and returns the old model as it stands after them (an enum rebuild resets column
defaults, so later kinds start from there). Kinds contained in a table (columns, constraints, indexes,
policies) are diffed by the table's step with their own modules' operations.

Visiting order (dependencies first): enums before tables (a rebuild changes the columns that use the
type), sequences before tables, tables before functions, functions before views (a view over a
reshaped table, or calling a rebuilt function, is rebuilt), views before triggers and rules (those on a
rebuilt view or running a rebuilt function are rebuilt), schemas last (their drops come after the drops of everything in them). The order of the *statements* is the
plan's phase order, not this one.

Adding a kind: one module with its ops, its ``diff`` step and (if it can be renamed) its ``rename_op``,
one line in ``KINDS`` (and in ``RENAMES``), and its tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pgshift.diff.kinds import column, defined, enum, function, rule, schema, sequence, table, trigger, view
from pgshift.diff.kinds.base import Operation
from pgshift.diff.plan import Plan
from pgshift.model.schema import Model

DiffStep = Callable[[Model, Model, Plan], Model]
RenameBuilder = Callable[[Model, str, str, str], Operation]


@dataclass(frozen=True)
class Kind:
    """A registered kind: its name (as in rename decisions and Drizzle snapshots) and its diff step."""

    name: str
    diff: DiffStep


KINDS: tuple[Kind, ...] = (
    Kind("defined", defined.diff_defined),
    Kind("enum", enum.diff_enums),
    Kind("sequence", sequence.diff_sequences),
    Kind("table", table.diff_tables),
    Kind("function", function.diff_functions),
    Kind("view", view.diff_views),
    Kind("trigger", trigger.diff_triggers),
    Kind("rule", rule.diff_rules),
    Kind("schema", schema.diff_schemas),
)

# The op that renames one object, by the rename kind of pgshift.diff.renames (``model`` is the state
# just before the rename).
RENAMES: dict[str, RenameBuilder] = {
    "schema": schema.rename_op,
    "table": table.rename_op,
    "enum": enum.rename_op,
    "sequence": sequence.rename_op,
    "column": column.rename_op,
    "value": enum.rename_value_op,
}
