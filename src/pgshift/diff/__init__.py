"""Stage 3 — one differ for generate, push, drift and rollback: model A + model B -> typed operations.

``differ`` compares, ``renames`` settles renames, ``operations`` are the typed changes (SQL, reverse, hazards),
``hazards`` is the lock/rewrite/data-loss catalogue shared with the linter, ``render`` writes SQL text and
``dataloss`` counts what a plan would destroy on real data.
"""
