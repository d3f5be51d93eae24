"""Text search dictionaries and configurations end to end, checked with independent catalog facts
(tests/catalog_facts.py reads pg_ts_dict and pg_ts_config_map itself and what a configuration makes of a
sample text, not pgshift's catalog queries)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import psycopg

from pgshift.api.drift import Drift
from pgshift.api.rollback import rollback
from pgshift.api.status import status
from pgshift.diff.differ import diff
from pgshift.diff.hazards import HazardKind
from pgshift.sources.introspect import introspect
from tests.catalog_facts import catalog_facts
from tests.pgversions import on_every_version
from tests.test_corpus_pgdump import round_trip

SETUP = """
CREATE SCHEMA search;
CREATE TEXT SEARCH DICTIONARY search.english_nostop (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH DICTIONARY public.simple_stop (TEMPLATE = pg_catalog.simple, StopWords = english, Accept = false);
ALTER TEXT SEARCH DICTIONARY public.simple_stop (Accept = true);
COMMENT ON TEXT SEARCH DICTIONARY public.simple_stop IS 'it''s simple';
CREATE TEXT SEARCH CONFIGURATION public.english_custom (COPY = english);
ALTER TEXT SEARCH CONFIGURATION public.english_custom
    ALTER MAPPING FOR hword, word WITH search.english_nostop, english_stem;
ALTER TEXT SEARCH CONFIGURATION public.english_custom DROP MAPPING FOR email, url;
ALTER TEXT SEARCH CONFIGURATION public.english_custom ADD MAPPING FOR blank WITH simple_stop;
CREATE TEXT SEARCH CONFIGURATION search.bare (PARSER = default);
COMMENT ON TEXT SEARCH CONFIGURATION search.bare IS 'no mappings';
CREATE TABLE public.docs (
    id integer PRIMARY KEY,
    body text,
    search tsvector GENERATED ALWAYS AS (to_tsvector('public.english_custom', coalesce(body, ''))) STORED
);
CREATE INDEX docs_body_idx ON public.docs USING gin (to_tsvector('public.english_custom'::regconfig, body));
CREATE FUNCTION public.doc_vector(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE
    BEGIN ATOMIC SELECT to_tsvector('public.english_custom', body); END;
"""

# unaccent's dictionary belongs to the extension: a configuration maps to it, the dictionary is not ours
UNACCENT = """
CREATE EXTENSION unaccent;
CREATE TEXT SEARCH CONFIGURATION public.english_unaccent (COPY = english);
ALTER TEXT SEARCH CONFIGURATION public.english_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
"""

SCHEMAS = ("public", "search")


def _ts_facts(url: str) -> list[str]:
    return catalog_facts(url, kinds=("ts_dictionary", "ts_configuration"))


def _has_unaccent(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'unaccent'").fetchone()
    return bool(row and row[0])


@on_every_version
def test_pull_generate_migrate_round_trip(pg: str, make_db: Callable[[], str], tmp_path: Path) -> None:
    """pull -> code -> generate -> migrate gives the source's dictionaries and configurations (a COPY
    one with changed, dropped and added mappings; one without mappings; comments; one mapping to an
    extension's dictionary where unaccent is installed; a generated column, an expression index and a
    BEGIN ATOMIC function naming one) by independent catalog facts; push of the pulled
    code plans nothing, status sees no drift, and drift made by hand is named."""
    probe = make_db()
    setup = SETUP + (UNACCENT if _has_unaccent(probe) else "")
    planned, differing, config, fresh = round_trip(make_db, tmp_path, setup, SCHEMAS)
    assert planned == set() and differing == set()
    facts = _ts_facts(fresh)
    assert len(facts) == 4 + ("english_unaccent" in setup), facts
    code = (tmp_path / "pulled" / "schema.py").read_text()
    assert "objects.TextSearchConfiguration('public', 'english_custom', parser='pg_catalog.default'" in code
    assert "\n        'word, hword': 'search.english_nostop, pg_catalog.english_stem',\n" in code
    assert status(fresh, config=config).drift == Drift(against="0000_all", items=())
    with psycopg.connect(fresh, autocommit=True) as conn:  # drift made by hand
        conn.execute("ALTER TEXT SEARCH CONFIGURATION public.english_custom DROP MAPPING FOR numword")
        conn.execute("CREATE TEXT SEARCH DICTIONARY public.by_hand (TEMPLATE = simple)")
    drift = status(fresh, config=config).drift
    assert drift is not None
    assert {item.message.split(" — ")[0] for item in drift.items} == {
        "text search dictionary by_hand is in the database but not in the schema (made by hand?)",
        "alter the mappings of text search configuration public.english_custom would be needed: "
        "the database differs from the schema",
    }
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute("DROP TEXT SEARCH DICTIONARY public.by_hand")
        conn.execute(
            "ALTER TEXT SEARCH CONFIGURATION public.english_custom ADD MAPPING FOR numword WITH simple"
        )
    rollback(fresh, config=config)  # the down file drops the table before the configuration
    assert _ts_facts(fresh) == []


def test_changed_mappings_warn_of_stale_stored_values(db_url: str, db: psycopg.Connection) -> None:
    """A configuration (or a dictionary it maps to) that changes leaves the generated column and the
    expression index computed with it stale: the STALE hazard names them, as a replaced function does."""
    db.execute(SETUP)
    old = introspect(db, schema_filter=SCHEMAS)
    db.execute(
        "ALTER TEXT SEARCH CONFIGURATION public.english_custom ALTER MAPPING FOR asciiword WITH simple"
    )
    db.execute("ALTER TEXT SEARCH DICTIONARY search.english_nostop (Language = german)")
    db.execute("ALTER TEXT SEARCH CONFIGURATION search.bare ADD MAPPING FOR asciiword WITH simple")
    new = introspect(db, schema_filter=SCHEMAS)
    stale = {
        op.describe(): h.message for op in diff(old, new) for h in op.hazards() if h.kind is HazardKind.STALE
    }
    assert set(stale) == {
        "alter the mappings of text search configuration public.english_custom",
        "alter the options of text search dictionary search.english_nostop",
    }
    for message in stale.values():
        assert "generated column public.docs.search" in message and "index docs_body_idx" in message
    # a changed template: the dictionary is swapped in, the configuration and its users stay (STALE)
    nostop = next(d for d in old.ts_dictionaries if d.name == "english_nostop")
    simple = dataclasses.replace(nostop, template="simple", options=())
    swapped = dataclasses.replace(
        old, ts_dictionaries=(simple, *(d for d in old.ts_dictionaries if d != nostop))
    )
    (op,) = diff(old, swapped)
    assert op.describe() == "replace text search dictionary search.english_nostop (its template changes)"
    (hazard,) = [h for h in op.hazards() if h.kind is HazardKind.STALE]
    assert "generated column public.docs.search" in hazard.message


DECLARED = """
from sqlalchemy import Column, Computed, Integer, MetaData, Table, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from pgshift import objects

metadata = MetaData()
docs = Table(
    "docs", metadata,
    Column("id", Integer, primary_key=True),
    Column("body", Text),
    Column("search", TSVECTOR, Computed("to_tsvector('public.english_custom', coalesce(body, ''))")),
)
objects.register(metadata, [
    objects.SQL("CREATE SCHEMA IF NOT EXISTS search"),
    objects.TextSearchDictionary("search", "english_nostop", "snowball", {"Language": "english"}),
    objects.TextSearchDictionary("public", "simple_stop", "pg_catalog.simple",
                                 (("StopWords", "english"), ("Accept", "true")), comment="it's simple"),
    objects.TextSearchConfiguration(
        "public", "english_custom", copy="english",
        mappings={"hword, word": "search.english_nostop, english_stem", "blank": "simple_stop"},
        drop_mappings=("email", "url"),
    ),
    objects.TextSearchConfiguration("search", "bare", parser="default", comment="no mappings"),
])
"""


def test_declared_copy_equals_the_catalog_and_push_settles(
    make_db: Callable[[], str], tmp_path: Path
) -> None:
    """Code that declares a configuration as ``COPY = english`` with changed mappings holds what the
    same SQL makes (independent facts): push creates it before the generated column naming it, a second
    push plans nothing, and a changed mapping is altered in place with the STALE hazard."""
    from pgshift.api.push import push
    from tests.test_objects import project, use_schema

    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute(SETUP)
    target = make_db()
    config = project(tmp_path, target, schema_filter=SCHEMAS)
    (tmp_path / "schema.py").write_text(DECLARED)
    assert push(target, config=config).applied
    assert _ts_facts(target) == _ts_facts(source)
    assert push(target, config=config).plan.operations == ()
    use_schema(tmp_path, "changed", DECLARED.replace('"blank": "simple_stop"', '"blank": "simple"'))
    plan = push(target, config=config).plan
    assert [op.describe() for op in plan.operations] == [
        "alter the mappings of text search configuration public.english_custom"
    ]
    (hazard,) = [h for op in plan.operations for h in op.hazards() if h.kind is HazardKind.STALE]
    assert "generated column public.docs.search" in hazard.message


def test_text_search_objects_are_not_listed_as_not_managed(
    db_url: str, db: psycopg.Connection, tmp_path: Path
) -> None:
    """Dictionaries and configurations are modelled now: pull declares them and lists none of them (nor
    built-in parsers and templates) as not managed."""
    from pgshift.api.pull import pull
    from tests.test_objects import project

    db.execute(SETUP)
    config = project(tmp_path, db_url, schema_filter=SCHEMAS)
    pulled = pull(db_url, config=config, output=tmp_path / "schema.py")
    assert [u for u in pulled.unmanaged if u.kind.startswith("text search")] == []
    code = (tmp_path / "schema.py").read_text()
    assert "objects.TextSearchDictionary('search', 'english_nostop'" in code


def test_dictionary_options_are_read_as_the_server_writes_them() -> None:
    """dictinitoption's spelling (serialize_deflist): names through quote_identifier, values always
    quoted, E'' with doubled backslashes when one holds a backslash; kept in name order."""
    from pgshift.sources.kinds.text_search import split_options

    text = """stopwords = 'english', "Odd Name" = E'a\\\\b''c', accept = 'false'"""
    assert split_options(text) == (("Odd Name", "a\\b'c"), ("accept", "false"), ("stopwords", "english"))
    assert split_options(None) == () and split_options("") == ()
