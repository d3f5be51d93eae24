"""The keyed object kinds as the two stored sources hold them: Drizzle's snapshot and the live catalog.

Each kind's module holds how one object is written to and read from its snapshot section, and how one
row of its catalog query (``pgshift/catalog/<query>.sql``) becomes a model object. ``snapshot.py`` and
``introspect.py`` loop over ``SOURCE_KINDS``, so a kind that fits this shape is one module here plus
one line below (and its entry in ``pgshift.diff.kinds.KINDS``, which names this one and adds the diff).

Tables are not here: a table is assembled from several queries (columns, constraints, indexes,
policies) and nested snapshot keys, so its mapping stays in ``snapshot.py`` and ``introspect.py``.
Schemas are plain names and need no mapping.
"""

from __future__ import annotations

from typing import Any

from pgshift.sources.kinds import (
    cast,
    enum,
    event_trigger,
    foreign,
    grant,
    operator,
    publication,
    sequence,
    text_search,
    view,
)
from pgshift.sources.kinds import statistics as statistics_kind
from pgshift.sources.kinds.base import SourceKind

SOURCE_KINDS: tuple[SourceKind[Any], ...] = (
    enum.KIND,
    sequence.KIND,
    view.KIND,
    event_trigger.KIND,
    grant.GRANT_KIND,
    grant.DEFAULT_KIND,
    statistics_kind.KIND,
    foreign.WRAPPER_KIND,
    foreign.SERVER_KIND,
    publication.KIND,
    text_search.DICTIONARY_KIND,
    text_search.CONFIGURATION_KIND,
    cast.KIND,
    operator.KIND,
)
