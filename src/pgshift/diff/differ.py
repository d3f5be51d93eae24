"""The differ: two models in, the ordered operations that turn the first into the second out.

A pure function of its inputs (no database, no I/O), so ``generate`` (code vs snapshot), ``push`` and
drift detection (code vs live database) share it. Renames are not guessed: they come in as decisions
(pgshift.renames) and are applied to the old model first, so the rest of the diff compares by name.

Order of the result, chosen so every statement finds what it needs and the reversed list (the down
migration) is valid too:

1. renames; 2. CREATE SCHEMA; 3. enums (create, add values, recreate); 4. sequences (create, alter);
5. CREATE TABLE (columns, PK, uniques, checks, indexes inline); 6. drops of what changes or goes on
surviving tables: policies, foreign keys, indexes, constraints (views that change, or read a table
whose columns change, are dropped first of all, right after the renames); 7. column adds and alterations;
8. column drops; 9. constraints added to surviving tables; 10. indexes on surviving tables
(CONCURRENTLY); 11. all foreign keys; 12. comments and RLS; 13. policies; 14. views; 15. DROP TABLE;
16. DROP SEQUENCE / TYPE / SCHEMA.
"""

from __future__ import annotations

from pgshift.diff.kinds import KINDS, RENAMES
from pgshift.diff.kinds.base import Operation
from pgshift.diff.kinds.column import type_key as type_key
from pgshift.diff.plan import Plan
from pgshift.diff.renames import RenameDecisions, apply_rename, apply_renames
from pgshift.diff.renames import rename_candidates as find_rename_candidates  # noqa: F401  (former home)
from pgshift.model.schema import Model
from pgshift.model.sequences import effective_sequence_options as effective_sequence_options


def diff(old: Model, new: Model, *, renames: RenameDecisions | None = None) -> list[Operation]:
    """Operations taking ``old`` to ``new``, ordered for execution (see module docstring).

    Decided renames are applied to ``old`` first (each emitting its op, built from the state just before
    it); then each registered kind (pgshift.diff.kinds) diffs in dependency order.
    """
    plan = Plan()
    if renames is not None:
        state = old
        old, applied = apply_renames(old, new, renames)
        for kind, container, before, after in applied:
            plan.renames.append(RENAMES[kind](state, container, before, after))
            if kind == "schema":
                plan.renamed_schemas.add(before)
            state = apply_rename(state, kind, container, before, after)
    for step in KINDS:
        if step.idle and not getattr(old, step.collection) and not getattr(new, step.collection):
            continue  # none of the kind on either side: its step would do nothing (and is not loaded)
        old = step.diff(old, new, plan)
    return plan.ordered()
