"""Postgres's defaults for sequence options, so a source that spells them and one that leaves them out
give equal models (drizzle-kit's snapshots spell every option; schema code usually spells none)."""

from __future__ import annotations

from pgshift.model.schema import SequenceOptions

_MAX = {"smallint": "32767", "integer": "2147483647", "bigint": "9223372036854775807"}


def effective_sequence_options(options: SequenceOptions, data_type: str | None) -> SequenceOptions:
    """Options with Postgres's defaults filled in, so ``None`` and the spelled-out default compare equal
    (a snapshot written by drizzle-kit spells every option; schema code usually spells none)."""
    increment = options.increment or "1"
    ascending = not increment.startswith("-")
    type_max = _MAX.get(data_type or "bigint", _MAX["bigint"])
    type_min = "-" + str(int(type_max) + 1)
    min_value = options.min_value or ("1" if ascending else type_min)
    max_value = options.max_value or (type_max if ascending else "-1")
    start = options.start_with or (min_value if ascending else max_value)
    return SequenceOptions(increment, min_value, max_value, start, options.cache or "1", options.cycle)
