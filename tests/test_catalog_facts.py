"""The independent catalog comparison itself: stable on equal databases, and it sees each kind change."""

from __future__ import annotations

import psycopg
import pytest

from tests.catalog_facts import catalog_facts, facts_diff
from tests.corpus_db import NAMES, load_corpus


@pytest.mark.parametrize("name", NAMES)
def test_two_loads_of_a_corpus_have_the_same_facts(name, make_db):
    assert catalog_facts(load_corpus(make_db, name)) == catalog_facts(load_corpus(make_db, name))


# One small change per kind of object; the facts must tell each apart from the original.
MUTATIONS = [
    "COMMENT ON SCHEMA billing IS 'changed'",
    "ALTER TABLE public.account ALTER COLUMN ratio SET DEFAULT (1 / 4)",
    "ALTER TABLE public.account DROP CONSTRAINT account_ratio_check, "
    "ADD CONSTRAINT account_ratio_check CHECK ((1 / 2) > 0) NOT VALID",
    "ALTER TABLE public.booking VALIDATE CONSTRAINT booking_room_check",
    "ALTER TABLE public.booking ALTER CONSTRAINT booking_account_fk NOT DEFERRABLE",
    "DROP INDEX public.account_nick_idx; CREATE INDEX account_nick_idx ON public.account (nick DESC NULLS LAST)",
    "CREATE OR REPLACE VIEW public.active_account AS SELECT id, email, mood FROM public.account",
    "CREATE OR REPLACE FUNCTION public.add_tax(amount numeric, rate numeric DEFAULT 0.25) RETURNS numeric "
    "LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT round(amount * (1 + rate), 2) $$",
    "ALTER TABLE public.booking ENABLE TRIGGER booking_guard",
    "ALTER DOMAIN public.year DROP CONSTRAINT year_check",
    "ALTER TYPE public.mood ADD VALUE 'great'",
    "ALTER TABLE public.cache SET LOGGED",
    "ALTER TABLE billing.invoice DETACH PARTITION billing.invoice_other",
    "ALTER TABLE public.event_login NO INHERIT public.event",
    "DROP RULE cache_no_delete ON public.cache",
    "REVOKE SELECT ON public.active_account FROM PUBLIC",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA billing REVOKE SELECT ON TABLES FROM PUBLIC",
    "ALTER SEQUENCE billing.invoice_no INCREMENT 5",
    "ALTER TABLE public.account DISABLE ROW LEVEL SECURITY",
    "DROP AGGREGATE public.concat_all(text)",
    "DROP COLLATION public.posix_c CASCADE",
    "DROP TABLE public.nothing",
    'ALTER TABLE public.cache ALTER COLUMN k TYPE text COLLATE "C"',
    "COMMENT ON SEQUENCE billing.invoice_no IS 'changed'",
    "COMMENT ON TRIGGER account_touch ON public.account IS NULL",
    "COMMENT ON RULE cache_no_delete ON public.cache IS 'changed'",
    "COMMENT ON POLICY account_own ON public.account IS 'changed'",
    "COMMENT ON CONSTRAINT booking_account_fk ON public.booking IS 'changed'",
    "COMMENT ON INDEX public.account_nick_idx IS NULL",
    "COMMENT ON TYPE public.mood IS 'changed'",
]


@pytest.mark.parametrize("change", MUTATIONS)
def test_each_kind_of_change_is_seen(change, make_db):
    base = catalog_facts(load_corpus(make_db, "edge"))
    url = load_corpus(make_db, "edge")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(change)
    extra, missing = facts_diff(catalog_facts(url), base)
    assert extra or missing, f"no fact changed after: {change}"
