"""Managed tables that point outside the managed schemas — Supabase's classic ``public.profiles``
referencing ``auth.users``, with a policy and a default calling ``auth.uid()`` — pull to code that loads (the foreign key is
taken as written: SQLAlchemy cannot resolve a table the code does not declare), push plans nothing, and
generate + migrate onto a database that has the ``auth`` schema gives the same public schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg

from pgshift.api.generate import generate
from pgshift.api.migrate import migrate
from pgshift.api.pull import pull
from pgshift.api.push import push
from tests.catalog_facts import assert_same_facts, catalog_facts
from tests.test_objects import project

AUTH = """
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email text);
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
"""
PUBLIC = """
CREATE TABLE public.profiles (
    id uuid PRIMARY KEY REFERENCES auth.users(id) ON DELETE CASCADE,
    username text UNIQUE,
    updated_at timestamptz,
    created_by uuid DEFAULT auth.uid()
);
ALTER TABLE public.profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY "own profile" ON public.profiles FOR UPDATE USING (auth.uid() = id);
CREATE FUNCTION public.handle_new_user() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public AS $$ BEGIN INSERT INTO public.profiles (id) VALUES (new.id); RETURN new; END $$;
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users
    FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
"""


def test_references_outside_the_managed_schemas(make_db: Callable[[], str], tmp_path: Path) -> None:
    source = make_db()
    with psycopg.connect(source, autocommit=True) as conn:
        conn.execute((AUTH + PUBLIC).encode())
    config = project(tmp_path, source, out="pulled", schema_filter=("public",))
    pulled = pull(source, config=config, output=tmp_path / "schema.py")
    assert pulled.model.tables[0].foreign_keys[0].ref_schema == "auth"
    assert push(source, config=config, dry_run=True).plan.operations == ()

    fresh_config = project(tmp_path, source, out="fresh", schema_filter=("public",))
    assert generate(fresh_config, name="all").tag
    fresh = make_db()
    with psycopg.connect(fresh, autocommit=True) as conn:
        conn.execute(AUTH.encode())
    migrate(fresh, config=fresh_config)
    # the trigger lives on auth.users (a schema the code does not manage): the one fact not carried over
    expected = [f for f in catalog_facts(source, exclude_schemas=["auth"]) if "on_auth_user_created" not in f]
    assert_same_facts(catalog_facts(fresh, exclude_schemas=["auth", "drizzle"]), expected)
