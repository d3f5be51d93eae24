"""Small pieces of Drizzle's snapshot format that the table writer and several kinds' entries share."""

from __future__ import annotations

from typing import Any

from pgshift.model import schema as m

PUBLIC = "public"


def with_extras(target: dict[str, Any], **values: Any) -> dict[str, Any]:
    """``target`` with pgshift's own keys (Drizzle has none for them) under ``"pgshift"``, when not default.

    That is the entry as generate compares it; the file keeps the extras of the entries drizzle-kit
    validates strictly under the snapshot's top-level ``"pgshift"`` key (``snapshot._lift_table_extras``).
    Default is None, False or empty; a 0 is a value (``SET STATISTICS 0`` is a setting), never dropped."""
    kept = {k: v for k, v in values.items() if not _default(v)}
    if kept:
        target["pgshift"] = kept
    return target


def _default(value: Any) -> bool:
    if value is None or value is False:
        return True
    return isinstance(value, str | tuple | list | dict) and not value


def sequence_options_out(options: m.SequenceOptions, data_type: str | None) -> dict[str, Any]:
    """Every option spelled out as a decimal string, as drizzle-kit writes sequences and identities."""
    from pgshift.model.sequences import effective_sequence_options

    full = effective_sequence_options(options, data_type)
    return {
        "increment": full.increment,
        "startWith": full.start_with,
        "minValue": full.min_value,
        "maxValue": full.max_value,
        "cache": full.cache,
        "cycle": full.cycle,
    }


def sequence_options_in(raw: dict[str, Any]) -> m.SequenceOptions:
    """A sequence's or an identity's options as Drizzle keys them (``minValue``, ``startWith``, ...)."""
    return m.SequenceOptions(
        increment=text_or_none(raw.get("increment")),
        min_value=text_or_none(raw.get("minValue")),
        max_value=text_or_none(raw.get("maxValue")),
        start_with=text_or_none(raw.get("startWith")),
        cache=text_or_none(raw.get("cache")),
        cycle=bool(raw.get("cycle", False)),
    )


def sequence_options_from_catalog(r: dict[str, Any], prefix: str = "") -> m.SequenceOptions:
    """Options from a catalog row: ``sequences.sql`` names them plainly, ``columns.sql`` (an identity's
    sequence) with the prefix ``seq_``."""
    return m.SequenceOptions(
        increment=r[prefix + "increment"],
        min_value=r[prefix + "min_value"],
        max_value=r[prefix + "max_value"],
        start_with=r[prefix + "start_with"],
        cache=r[prefix + "cache"],
        cycle=bool(r[prefix + "cycle"]),
    )


def pgshift_extra(raw: dict[str, Any], key: str, default: Any = None) -> Any:
    """One of pgshift's own keys of a snapshot entry (see ``with_extras``)."""
    extras = raw.get("pgshift")
    return extras.get(key, default) if isinstance(extras, dict) else default


def text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
