"""Issue 11, table-level features: the edge corpus through pull -> code -> generate -> migrate, compared
with the independent catalog facts (tests/catalog_facts.py) for the kinds pgshift manages."""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg
import pytest

from pgshift.codegen.sqlalchemy_code import render_core, render_orm, tidy
from pgshift.diff.differ import diff
from pgshift.model.schema import Model
from pgshift.sources.from_sqlalchemy import model_from_metadata
from pgshift.sources.introspect import introspect
from pgshift.sources.load import load_metadata
from tests.catalog_facts import catalog_facts
from tests.corpus_db import load_corpus
from tests.test_cases import apply_down, apply_ops

SCHEMAS = ["public", "billing", "empty_schema"]
_counter = itertools.count()

# Objects of kinds pgshift does not manage yet (objects11's part: functions, triggers, views, rules,
# domains, composite/range types, collations): their facts, and facts that mention them, are set aside.
_NOT_OURS = ("function", "trigger", "view", "rule", "type", "collation", "event_trigger", "extension")
_NOT_OUR_NAMES = ("active_account", "happy_active", "account_stats", "public.mood")


def our_facts(url: str) -> list[str]:
    kinds = [k for k in catalog_facts.__globals__["KINDS"] if k not in _NOT_OURS]
    return [
        f
        for f in catalog_facts(url, kinds=kinds)
        if not any(name in f.split(" | ")[1] for name in _NOT_OUR_NAMES)
    ]


def load_back(source: str, folder: Path) -> Model:
    name = f"pulled_edge_{next(_counter)}.py"
    (folder / name).write_text(source)
    return model_from_metadata(load_metadata(name, folder))


def read(url: str) -> Model:
    with psycopg.connect(url) as conn:
        return introspect(conn, schema_filter=SCHEMAS)
