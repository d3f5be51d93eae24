"""Stage 1 — the typed, immutable schema model every source produces and the differ consumes.

``schema`` holds the dataclasses, ``types`` the parsed types and canonical expressions, ``filters`` the
schema/table filters from the config.
"""
