"""Text search dictionaries and configurations in the sources: ``catalog/ts_dictionaries.sql`` and
``catalog/ts_configurations.sql`` rows, and entries under the snapshot's ``"pgshift"`` key (Drizzle has no
section for them). Schema code declares them with ``objects.TextSearchDictionary`` and
``objects.TextSearchConfiguration``, read back through the scratch database like functions."""

from __future__ import annotations

import re
from typing import Any

from pgshift.model import schema as m
from pgshift.sources.kinds.base import SourceKind

# One ``name = 'value'`` of dictinitoption, as tsearchcmds.c's serialize_deflist writes it: the name
# through quote_identifier, the value always a quoted literal (E'' when it holds a backslash, with
# backslashes and quotes doubled).
_OPTION = re.compile(r"""\s*("(?:[^"]|"")*"|[^\s=,"]+)\s*=\s*(E?)'((?:[^']|'')*)'\s*(?:,|$)""")


def split_options(text: str | None) -> tuple[tuple[str, str], ...]:
    """``language = 'english', stopwords = 'english'`` as (name, value) pairs in name order (what
    ``pgshift.model.schema.TextSearchDictionary.options`` holds)."""
    if not text:
        return ()
    out: list[tuple[str, str]] = []
    at = 0
    while at < len(text):
        found = _OPTION.match(text, at)
        if found is None or found.end() == at:
            raise ValueError(f"unreadable text search dictionary options: {text!r}")
        name, escaped, value = found.groups()
        if name.startswith('"'):
            name = name[1:-1].replace('""', '"')
        value = value.replace("''", "'")
        if escaped:
            value = value.replace("\\\\", "\\")
        out.append((name, value))
        at = found.end()
    return sorted_options(out)


def sorted_options(options: Any) -> tuple[tuple[str, str], ...]:
    """Options in name order: the one order a dictionary's options are compared in."""
    return tuple(sorted((str(k), str(v)) for k, v in options))


def dictionary_out(d: m.TextSearchDictionary) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": d.schema,
        "name": d.name,
        "templateSchema": d.template_schema,
        "template": d.template,
    }
    if d.options:
        out["options"] = [list(o) for o in d.options]
    if d.comment is not None:
        out["comment"] = d.comment
    return out


def dictionary_in(raw: dict[str, Any]) -> m.TextSearchDictionary:
    return m.TextSearchDictionary(
        schema=raw["schema"],
        name=raw["name"],
        template_schema=raw["templateSchema"],
        template=raw["template"],
        options=sorted_options(raw.get("options") or ()),
        comment=raw.get("comment"),
    )


def dictionary_from_catalog(r: dict[str, Any]) -> m.TextSearchDictionary:
    return m.TextSearchDictionary(
        schema=r["schema"],
        name=r["name"],
        template_schema=r["template_schema"],
        template=r["template"],
        options=split_options(r["options"]),
        comment=r["comment"] or None,
    )


def _mappings(raw: Any) -> tuple[m.TextSearchMapping, ...]:
    """``[[token, [[schema, name], ...]], ...]`` (the catalog's json and the snapshot's spelling)."""
    return tuple(
        m.TextSearchMapping(str(token), tuple((str(s), str(n)) for s, n in dictionaries))
        for token, dictionaries in raw or ()
    )


def configuration_out(c: m.TextSearchConfiguration) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": c.schema,
        "name": c.name,
        "parserSchema": c.parser_schema,
        "parser": c.parser,
        "mappings": [[mp.token, [list(d) for d in mp.dictionaries]] for mp in c.mappings],
    }
    if c.comment is not None:
        out["comment"] = c.comment
    return out


def configuration_in(raw: dict[str, Any]) -> m.TextSearchConfiguration:
    return m.TextSearchConfiguration(
        schema=raw["schema"],
        name=raw["name"],
        parser_schema=raw["parserSchema"],
        parser=raw["parser"],
        mappings=_mappings(raw.get("mappings")),
        comment=raw.get("comment"),
    )


def configuration_from_catalog(r: dict[str, Any]) -> m.TextSearchConfiguration:
    return m.TextSearchConfiguration(
        schema=r["schema"],
        name=r["name"],
        parser_schema=r["parser_schema"],
        parser=r["parser"],
        mappings=_mappings(r["mappings"]),
        comment=r["comment"] or None,
    )


DICTIONARY_KIND: SourceKind[m.TextSearchDictionary] = SourceKind(
    "text search dictionary",
    "ts_dictionaries",
    "textSearchDictionaries",
    dictionary_out,
    dictionary_in,
    "ts_dictionaries",
    dictionary_from_catalog,
    extension=True,
)

CONFIGURATION_KIND: SourceKind[m.TextSearchConfiguration] = SourceKind(
    "text search configuration",
    "ts_configurations",
    "textSearchConfigurations",
    configuration_out,
    configuration_in,
    "ts_configurations",
    configuration_from_catalog,
    extension=True,
)
