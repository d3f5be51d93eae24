"""Sequences (the kind ``sequence``), and the renames of sequences a serial or identity column owns."""

from __future__ import annotations

from dataclasses import dataclass

from pgshift.diff.hazards import Action
from pgshift.diff.kinds.base import Destroyed, DestroyedKind, Operation, path, ref
from pgshift.diff.kinds.comment import SetComment, created_comment, on_schema_object
from pgshift.diff.plan import Plan
from pgshift.model.schema import (
    Model,
    Sequence,
    SequenceOptions,
)
from pgshift.model.sequences import effective_sequence_options
from pgshift.model.types import quote_ident


def _target(sequence: Sequence) -> str:
    return on_schema_object("SEQUENCE", sequence.schema, sequence.name)


@dataclass(frozen=True)
class CreateSequence(Operation):
    """CREATE SEQUENCE."""

    sequence: Sequence
    action = Action.CREATE_SEQUENCE

    @property
    def subject(self) -> str:
        return self.sequence.key

    def sql(self) -> list[str]:
        s = self.sequence
        options = sequence_options_sql(s.options, data_type=s.data_type)
        return [
            f"CREATE SEQUENCE {ref(s.schema, s.name)}{' ' + options if options else ''};",
            *created_comment(_target(s), s.comment),
        ]

    def reverse(self) -> Operation:
        return DropSequence(self.sequence)

    def describe(self) -> str:
        return f"create sequence {self.sequence.key}"


@dataclass(frozen=True)
class DropSequence(Operation):
    """DROP SEQUENCE."""

    sequence: Sequence
    action = Action.DROP_SEQUENCE

    @property
    def subject(self) -> str:
        return self.sequence.key

    def sql(self) -> list[str]:
        return [f"DROP SEQUENCE {ref(self.sequence.schema, self.sequence.name)};"]

    def destroys(self) -> tuple[Destroyed, ...]:
        return (Destroyed(DestroyedKind.SEQUENCE, self.sequence.schema, self.sequence.name),)

    def reverse(self) -> Operation:
        return CreateSequence(self.sequence)

    def describe(self) -> str:
        return f"drop sequence {self.sequence.key}"


@dataclass(frozen=True)
class RenameSequence(Operation):
    """ALTER SEQUENCE ... RENAME TO."""

    schema: str
    old: str
    new: str
    action = Action.ALTER_SEQUENCE

    @property
    def subject(self) -> str:
        return path(self.schema, self.old)

    def sql(self) -> list[str]:
        return [f"ALTER SEQUENCE {ref(self.schema, self.old)} RENAME TO {quote_ident(self.new)};"]

    def reverse(self) -> Operation:
        return RenameSequence(self.schema, self.new, self.old)

    def describe(self) -> str:
        return f"rename sequence {self.schema}.{self.old} to {self.new}"


def _restating_options(old: Sequence, new: Sequence) -> str:
    """ALTER SEQUENCE clauses taking ``old``'s options to ``new``'s (options back to default spelled out)."""
    parts = []
    if old.data_type != new.data_type:
        parts.append(f"AS {new.data_type or 'bigint'}")
    return " ".join(parts + option_clauses(old, new))


def option_clauses(old: Sequence, new: Sequence) -> list[str]:
    parts: list[str] = []
    o, n = old.options, new.options
    if o.increment != n.increment:
        parts.append(f"INCREMENT BY {n.increment or 1}")
    if o.min_value != n.min_value:
        parts.append(f"MINVALUE {n.min_value}" if n.min_value is not None else "NO MINVALUE")
    if o.max_value != n.max_value:
        parts.append(f"MAXVALUE {n.max_value}" if n.max_value is not None else "NO MAXVALUE")
    if o.start_with != n.start_with:
        parts.append(f"START WITH {n.start_with}" if n.start_with is not None else "START WITH 1")
    if o.cache != n.cache:
        parts.append(f"CACHE {n.cache or 1}")
    if o.cycle != n.cycle:
        parts.append("CYCLE" if n.cycle else "NO CYCLE")
    return parts


@dataclass(frozen=True)
class AlterSequence(Operation):
    """ALTER SEQUENCE, from ``old``'s options to ``new``'s."""

    old: Sequence
    new: Sequence
    action = Action.ALTER_SEQUENCE

    @property
    def subject(self) -> str:
        return self.new.key

    def sql(self) -> list[str]:
        return [
            f"ALTER SEQUENCE {ref(self.new.schema, self.new.name)} {_restating_options(self.old, self.new)};"
        ]

    def reverse(self) -> Operation:
        return AlterSequence(self.new, self.old)

    def describe(self) -> str:
        return f"alter sequence {self.new.key}"


@dataclass(frozen=True)
class OwnSequence(Operation):
    """A serial column's sequence becoming standalone (``owner`` None) or owned again, kept as it is.

    When the code turns a serial column into a plain one and declares a standalone sequence of the
    same name, dropping the owned sequence and creating a new one would restart the numbering (and
    create-before-drop fails outright): the sequence is released instead, with its position.
    """

    sequence: Sequence
    owner: tuple[str, str] | None  # (table, column) in the sequence's schema, or None: OWNED BY NONE
    previous_owner: tuple[str, str] | None
    action = Action.ALTER_SEQUENCE

    @property
    def subject(self) -> str:
        return self.sequence.key

    def sql(self) -> list[str]:
        s = self.sequence
        target = (
            "NONE" if self.owner is None else f"{ref(s.schema, self.owner[0])}.{quote_ident(self.owner[1])}"
        )
        return [f"ALTER SEQUENCE {ref(s.schema, s.name)} OWNED BY {target};"]

    def reverse(self) -> Operation:
        return OwnSequence(self.sequence, self.previous_owner, self.owner)

    def describe(self) -> str:
        what = "standalone" if self.owner is None else f"owned by {self.owner[0]}.{self.owner[1]}"
        return f"keep sequence {self.sequence.key} ({what})"


def released_sequences(old: Model, new: Model) -> dict[str, tuple[str, str]]:
    """Standalone sequences of ``new`` that are the owned sequence of a serial column of ``old`` that is
    no longer serial in ``new``: key -> (table, column) of the old owner."""
    from pgshift.pg.naming import owned_sequence_name

    declared = {s.key for s in new.sequences} - {s.key for s in old.sequences}
    out: dict[str, tuple[str, str]] = {}
    if not declared:
        return out  # nothing newly standalone, so nothing released: skip the walk over every column
    for table in old.tables:
        after = new.table(table.schema, table.name)
        for column in table.columns:
            if not column.is_serial:
                continue
            key = Sequence(table.schema, owned_sequence_name(table.name, column.name)).key
            now = after.column(column.name) if after is not None else None
            if key in declared and now is not None and not now.is_serial:
                out[key] = (table.name, column.name)
    return out


def rename_owned_sequence(schema: str, old: str, new: str) -> list[str]:
    """Rename an owned sequence after its table or column; nothing when truncation to 63 bytes gives
    both names the same spelling (long names sharing a prefix)."""
    if old == new:
        return []
    return [f"ALTER SEQUENCE {ref(schema, old)} RENAME TO {quote_ident(new)};"]


def diff_sequences(old: Model, new: Model, plan: Plan) -> Model:
    before = {s.key: s for s in old.sequences}
    after = {s.key: s for s in new.sequences}
    plan.released_sequences = released_sequences(old, new)
    for key, seq in after.items():
        if key in plan.released_sequences:
            # After the column changes (its default goes first), before anything else uses it.
            plan.table_meta.append(OwnSequence(seq, None, plan.released_sequences[key]))
            if seq.comment is not None:  # a serial column's sequence carries no comment in the model
                plan.table_meta.append(SetComment(_target(seq), "sequence", key, None, seq.comment))
        elif key not in before:
            plan.sequences.append(CreateSequence(seq))
        else:
            if not _same_sequence(before[key], seq):
                plan.sequences.append(AlterSequence(before[key], seq))
            if before[key].comment != seq.comment:
                plan.sequences.append(
                    SetComment(_target(seq), "sequence", key, before[key].comment, seq.comment)
                )
    plan.late_drops[:0] = [DropSequence(s) for k, s in reversed(before.items()) if k not in after]
    return old


def _same_sequence(a: Sequence, b: Sequence) -> bool:
    return (a.data_type or "bigint") == (b.data_type or "bigint") and effective_sequence_options(
        a.options, a.data_type
    ) == effective_sequence_options(b.options, b.data_type)


def rename_op(model: Model, container: str, old: str, new: str) -> Operation:
    return RenameSequence(container, old, new)


# --- SQL --------------------------------------------------------------------------------------------


def sequence_options_sql(options: SequenceOptions, *, data_type: str | None = None) -> str:
    """``AS bigint INCREMENT BY 1 MINVALUE 1 ...``; options left at None are not written."""
    parts = []
    if data_type:
        parts.append(f"AS {data_type}")
    if options.increment is not None:
        parts.append(f"INCREMENT BY {options.increment}")
    if options.min_value is not None:
        parts.append(f"MINVALUE {options.min_value}")
    if options.max_value is not None:
        parts.append(f"MAXVALUE {options.max_value}")
    if options.start_with is not None:
        parts.append(f"START WITH {options.start_with}")
    if options.cache is not None:
        parts.append(f"CACHE {options.cache}")
    if options.cycle:
        parts.append("CYCLE")
    return " ".join(parts)
