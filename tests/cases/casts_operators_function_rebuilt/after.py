"""pair_text and neg_pair name their argument: PostgreSQL cannot rename an argument in place, so
each function is dropped and created again, and the cast and the operator that call them are dropped
before (DROP FUNCTION refuses while they do) and created again after."""

import runpy
from dataclasses import replace
from pathlib import Path

before = runpy.run_path(str(Path(__file__).parents[1] / "casts_operators" / "before.py"))["model"]


def _argument_named(f):  # type: ignore[no-untyped-def]
    if f.name not in ("neg_pair", "pair_text"):
        return f
    return replace(
        f,
        identity_args="p pair",
        arguments="p pair",
        definition=f.definition.replace(f"{f.name}(pair)", f"{f.name}(p pair)", 1),
    )


model = replace(before, functions=tuple(_argument_named(f) for f in before.functions))
