"""Every studio endpoint over HTTP (in-process), against a real PostgreSQL: reads, changes, bad input.

Each refusal also checks that nothing changed in the database.
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest


def rows(studio: Any, table: str, **params: Any) -> dict[str, Any]:
    r = studio.get(f"/api/t/public/{table}/rows", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def ids(page: dict[str, Any], column: int = 0) -> list[str]:
    return [r["values"][column] for r in page["rows"]]


def one(url: str, query: str, *params: Any) -> Any:
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute(query, params).fetchone()
        return found[0] if found else None


def version(url: str, table: str, key: int) -> str:
    return one(url, f"SELECT xmin::text FROM {table} WHERE id = %s", key)


# ------------------------------------------------------------------------------------------- reading


def test_tables_lists_estimates_and_sizes(studio):
    found = {t["name"]: t for t in studio.get("/api/tables").json()["tables"]}
    assert {"users", "posts", "post_tags", "audit_log"} <= set(found)
    assert found["posts"]["estimate"] == 1000 and found["posts"]["total_bytes"] > 8192
    assert found["posts"]["kind"] == "table"


def test_keyset_pages_match_offset_order(studio, blog_url):
    first = rows(studio, "posts", size=10)
    assert first["keyset"] and ids(first) == [str(i) for i in range(1, 11)]
    second = rows(studio, "posts", size=10, page=2, after=first["next_cursor"])
    assert ids(second) == [str(i) for i in range(11, 21)]
    back = rows(studio, "posts", size=10, page=1, before=second["prev_cursor"])
    assert ids(back) == ids(first)
    jumped = rows(studio, "posts", size=10, page=73)
    assert ids(jumped) == [str(i) for i in range(721, 731)] and jumped["page"] == 73
    last = rows(studio, "posts", size=10, page="last")
    assert ids(last)[-1] == "1000" and not last["has_next"] and last["page"] == 100


def test_sort_by_indexed_column_both_ways(studio, blog_url):
    with psycopg.connect(blog_url) as conn:
        expected = [
            str(r[0]) for r in conn.execute("SELECT id FROM posts ORDER BY views DESC, id DESC LIMIT 30")
        ]
    page1 = rows(studio, "posts", sort="views", dir="desc", size=15)
    page2 = rows(studio, "posts", sort="views", dir="desc", size=15, page=2, after=page1["next_cursor"])
    assert ids(page1) + ids(page2) == expected
    jumped = rows(studio, "posts", sort="views", dir="desc", size=15, page=2)
    assert ids(jumped) == expected[15:]


def test_sort_by_nullable_column_falls_back_to_offset(studio, blog_url):
    page = rows(studio, "posts", sort="score", size=5, page=200)
    with psycopg.connect(blog_url) as conn:
        expected = [
            str(r[0]) for r in conn.execute("SELECT id FROM posts ORDER BY score NULLS LAST, id OFFSET 995")
        ]
    assert not page["keyset"] and ids(page) == expected


@pytest.mark.parametrize(
    ("op", "value", "where"),
    [
        ("eq", "500", "views = 500"),
        ("gt", "990", "views > 990"),
        ("le", "3", "views <= 3"),
        ("ne", "0", "views <> 0"),
    ],
)
def test_typed_filters(studio, blog_url, op, value, where):
    page = rows(studio, "posts", fc="views", fo=op, fv=value, size=500)
    with psycopg.connect(blog_url) as conn:
        expected = [
            str(r[0]) for r in conn.execute(f"SELECT id FROM posts WHERE {where} ORDER BY id LIMIT 500")
        ]
        count = conn.execute(f"SELECT count(*) FROM posts WHERE {where}").fetchone()[0]
    assert ids(page) == expected and page["total"] == count and page["total_exact"]


def test_null_is_not_empty(studio):
    nulls = rows(studio, "users", fc="name", fo="null", size=100)
    empties = rows(studio, "users", fc="name", fo="eq", fv="", size=100)
    assert ids(nulls) == ["10", "20", "30", "40"]
    assert ids(empties) == ["1", "11", "21", "31"]
    assert all(r["values"][2] is None for r in nulls["rows"])
    assert all(r["values"][2] == "" for r in empties["rows"])


def test_text_contains_escapes_wildcards_and_json_contains(studio):
    assert ids(rows(studio, "users", fc="email", fo="contains", fv="USER1")) == ["1"] + [
        str(i) for i in range(10, 20)
    ]
    assert rows(studio, "users", fc="email", fo="contains", fv="%")["rows"] == []
    found = rows(studio, "users", fc="prefs", fo="contains", fv='{"n": 4}')
    assert ids(found) == ["4"]


def test_long_values_are_truncated_and_readable_in_full(studio):
    page = rows(studio, "users", fc="id", fo="eq", fv="3")
    (row,) = page["rows"]
    bio = row["values"][3]
    assert row["truncated"][3] and len(bio) == 200
    full = studio.get("/api/t/public/users/cell", params={"col": "bio", "k.id": "3"}).json()["value"]
    assert full == "long bio " * 100


def test_composite_key_and_no_key_tables(studio):
    page = rows(studio, "post_tags", size=3)
    assert page["primary_key"] == ["post_id", "tag"] and page["rows"][0]["key"] == {
        "post_id": "1",
        "tag": "python",
    }
    nxt = rows(studio, "post_tags", size=3, page=2, after=page["next_cursor"])
    assert next(r["key"] for r in nxt["rows"]) == {"post_id": "2", "tag": "sql"}
    audit = rows(studio, "audit_log", size=10, page=3)
    assert not audit["keyset"] and ids(audit, 1) == [f"event {i}" for i in range(21, 31)]


def test_pages_render(studio):
    for path in ("/", "/t/public/users", "/t/public/users/row?k.id=2", "/schema", "/schema?focus=public.posts",
                 "/schema/public/posts", "/migrations", "/sql"):  # fmt: skip
        r = studio.get(path)
        assert r.status_code == 200, (path, r.text[:500])
        assert "user:" not in r.text


def test_row_page_links_both_ways(studio):
    page = studio.get("/t/public/users/row", params={"k.id": "2"}).text
    assert "/t/public/posts?fc=author_id&amp;fo=eq&amp;fv=2" in page and "25 rows" in page
    posts = studio.get("/t/public/posts", params={"fc": "author_id", "fo": "eq", "fv": "2"}).text
    assert "/t/public/users?fc=id&amp;fo=eq&amp;fv=2" in posts


# -------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("/api/t/public/nope/rows", {}, 404, "no table public.nope"),
        ('/api/t/public/posts"; DROP TABLE users; --/rows', {}, 404, "no table"),
        ("/api/t/pg_catalog/pg_authid/rows", {}, 404, "no table"),
        ("/api/t/public/posts/rows", {"sort": 'id"; DROP TABLE users; --'}, 400, "no column"),
        ("/api/t/public/posts/rows", {"fc": "views) OR (1=1", "fo": "eq", "fv": "1"}, 400, "no column"),
        (
            "/api/t/public/posts/rows",
            {"fc": "views", "fo": "eq", "fv": "1; DROP TABLE users"},
            400,
            "not a valid integer",
        ),
        ("/api/t/public/posts/rows", {"fc": "views", "fo": "eq", "fv": "abc"}, 400, "not a valid integer"),
        (
            "/api/t/public/users/rows",
            {"fc": "created_at", "fo": "gt", "fv": "yesterday-ish"},
            400,
            "timestamp",
        ),
        ("/api/t/public/posts/rows", {"fc": "views", "fo": "contains", "fv": "1"}, 400, "does not apply"),
        (
            "/api/t/public/posts/rows",
            {"fc": "views", "fo": "regex", "fv": "1"},
            400,
            "unknown filter operator",
        ),
        ("/api/t/public/posts/rows", {"size": "100000"}, 400, "1 to 500"),
        ("/api/t/public/posts/rows", {"size": "-1"}, 400, "out of range"),
        ("/api/t/public/posts/rows", {"size": "lots"}, 400, "not a whole number"),
        ("/api/t/public/posts/rows", {"page": "0"}, 400, "pages start at 1"),
        ("/api/t/public/posts/rows", {"page": "999999"}, 400, "past the end"),
        ("/api/t/public/posts/rows", {"after": "!!!"}, 400, "bad page cursor"),
        ("/api/t/public/posts/rows", {"after": "WyIxIl0"}, 400, "bad page cursor"),  # ["1"] vs 1 column: ok
        ("/api/t/public/users/cell", {"col": "nope", "k.id": "1"}, 400, "no column"),
        ("/api/t/public/users/cell", {"col": "bio", "k.email": "x"}, 400, "addressed by id"),
        ("/api/t/public/users/cell", {"col": "bio", "k.id": "x"}, 400, "invalid input syntax"),
    ],
)
def test_bad_reads_are_clear_errors(studio, blog_url, path, params, status, says):
    if params.get("after") == "WyIxIl0":
        params = {**params, "sort": "views"}  # a one-value cursor for a two-column ordering
    r = studio.get(path, params=params)
    assert r.status_code == status, r.text
    assert says in r.json()["error"]
    assert one(blog_url, "SELECT count(*) FROM users") == 40


def test_html_errors_are_pages(studio):
    r = studio.get("/t/public/nope")
    assert r.status_code == 404 and "no table public.nope" in r.text and "<html" in r.text
    assert studio.get("/no/such/page").status_code == 404


# ------------------------------------------------------------------------------------------ changes


def test_update_preview_then_apply(studio, blog_url):
    v = version(blog_url, "users", 5)
    body = {"key": {"id": "5"}, "version": v, "column": "name", "value": "O'Brien", "preview": True}
    preview = studio.post("/api/t/public/users/update", json=body).json()
    assert preview["applied"] is False
    assert 'UPDATE "public"."users" SET "name" = \'O\'\'Brien\'::text' in preview["sql"]
    assert preview["sql"].startswith("BEGIN;") and preview["sql"].endswith("COMMIT;")
    assert one(blog_url, "SELECT name FROM users WHERE id = 5") == "User 5"
    done = studio.post("/api/t/public/users/update", json={**body, "preview": False}).json()
    assert done["applied"] and done["rows"] == 1 and done["version"] != v
    assert one(blog_url, "SELECT name FROM users WHERE id = 5") == "O'Brien"


def test_update_json_array_null_and_empty(studio, blog_url):
    def put(column: str, value: Any) -> Any:
        body = {
            "key": {"id": "6"},
            "version": version(blog_url, "users", 6),
            "column": column,
            "value": value,
        }
        return studio.post("/api/t/public/users/update", json=body)

    assert put("prefs", '{"theme": "light", "list": [1, 2]}').status_code == 200
    assert one(blog_url, "SELECT prefs->'list'->>1 FROM users WHERE id = 6") == "2"
    assert put("tags", '{x,"y z"}').status_code == 200
    assert one(blog_url, "SELECT tags FROM users WHERE id = 6") == ["x", "y z"]
    assert put("name", None).status_code == 200
    assert one(blog_url, "SELECT name IS NULL FROM users WHERE id = 6") is True
    assert put("name", "").status_code == 200
    assert one(blog_url, "SELECT name FROM users WHERE id = 6") == ""


def test_injected_values_are_stored_as_text(studio, blog_url):
    evil = "x'); DROP TABLE posts; --"
    body = {"key": {"id": "7"}, "version": version(blog_url, "users", 7), "column": "bio", "value": evil}
    assert studio.post("/api/t/public/users/update", json=body).status_code == 200
    assert one(blog_url, "SELECT bio FROM users WHERE id = 7") == evil
    assert one(blog_url, "SELECT count(*) FROM posts") == 1000


def test_conflict_on_a_row_changed_since_loaded(studio, blog_url):
    loaded = version(blog_url, "users", 8)
    with psycopg.connect(blog_url, autocommit=True) as conn:
        conn.execute("UPDATE users SET name = 'changed elsewhere' WHERE id = 8")
    body = {"key": {"id": "8"}, "version": loaded, "column": "name", "value": "mine"}
    r = studio.post("/api/t/public/users/update", json=body)
    assert r.status_code == 409 and "changed by someone else" in r.json()["error"]
    assert r.json()["current"]["name"] == "changed elsewhere"
    assert one(blog_url, "SELECT name FROM users WHERE id = 8") == "changed elsewhere"


def test_conflict_on_a_deleted_row(studio, blog_url):
    loaded = version(blog_url, "users", 40)
    with psycopg.connect(blog_url, autocommit=True) as conn:
        conn.execute("DELETE FROM posts WHERE author_id = 40")
        conn.execute("DELETE FROM users WHERE id = 40")
    body = {"key": {"id": "40"}, "version": loaded, "column": "name", "value": "mine"}
    r = studio.post("/api/t/public/users/update", json=body)
    assert r.status_code == 409 and "deleted" in r.json()["error"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"column": "email", "value": None}, "NOT NULL"),
        ({"column": "created_at", "value": "not a time"}, "invalid input syntax"),
        ({"column": "prefs", "value": "{broken"}, "invalid input syntax for type json"),
        ({"column": "email", "value": "user2@example.com"}, "duplicate key"),
        ({"column": 'name" = 1; --', "value": "x"}, "no column"),
        ({"column": "name", "value": 5}, "must be text or null"),
        ({"column": "name"}, "give the new value"),
        ({"column": "name", "value": "x", "key": {"id": "9", "extra": "1"}}, "addressed by id"),
        ({"column": "name", "value": "x", "version": 7}, "version"),
    ],
)
def test_bad_updates_change_nothing(studio, blog_url, body, says):
    full = {"key": {"id": "9"}, "version": version(blog_url, "users", 9), **body}
    r = studio.post("/api/t/public/users/update", json=full)
    assert r.status_code == 400, r.text
    assert says in r.json()["error"]
    assert one(blog_url, "SELECT name || email FROM users WHERE id = 9") == "User 9user9@example.com"


def test_insert_with_defaults_and_returning_key(studio, blog_url):
    body = {"values": {"email": "new@example.com", "name": None}, "preview": True}
    preview = studio.post("/api/t/public/users/insert", json=body).json()
    assert (
        'INSERT INTO "public"."users" ("email", "name") VALUES (\'new@example.com\'::text, NULL::text)'
        in preview["sql"]
    )
    assert one(blog_url, "SELECT count(*) FROM users") == 40
    done = studio.post("/api/t/public/users/insert", json={**body, "preview": False}).json()
    assert done["key"] == {"id": "41"}
    assert one(blog_url, "SELECT created_at::date::text FROM users WHERE id = 41") == "2024-01-01"
    composite = studio.post("/api/t/public/post_tags/insert", json={"values": {"post_id": "3", "tag": "go"}})
    assert composite.json()["key"] == {"post_id": "3", "tag": "go"}


def test_bad_inserts_change_nothing(studio, blog_url):
    cases = [
        ("posts", {"id": "5000", "author_id": "999", "title": "x"}, "foreign key"),
        ("posts", {"id": "x", "author_id": "1", "title": "x"}, "invalid input syntax"),
        ("audit_log", {"message": "x"}, "has no primary key"),
        ("users", {"email); DROP TABLE posts; --": "x"}, "no column"),
    ]
    for table, values, says in cases:
        r = studio.post(f"/api/t/public/{table}/insert", json={"values": values})
        assert r.status_code == 400 and says in r.json()["error"], r.text
    assert one(blog_url, "SELECT count(*) FROM posts") == 1000
    assert one(blog_url, "SELECT count(*) FROM audit_log") == 30


def test_delete_is_one_transaction_and_refuses_stale_rows(studio, blog_url):
    def ref(i: int) -> dict[str, Any]:
        return {"key": {"id": str(i)}, "version": version(blog_url, "posts", i)}

    stale = ref(12)
    with psycopg.connect(blog_url, autocommit=True) as conn:
        conn.execute("UPDATE posts SET title = 'edited' WHERE id = 12")
    r = studio.post("/api/t/public/posts/delete", json={"rows": [ref(11), stale]})
    assert r.status_code == 409
    assert one(blog_url, "SELECT count(*) FROM posts WHERE id IN (11, 12)") == 2
    preview = studio.post(
        "/api/t/public/posts/delete", json={"rows": [ref(11), ref(12)], "preview": True}
    ).json()
    assert preview["sql"].count("DELETE FROM") == 2
    done = studio.post("/api/t/public/posts/delete", json={"rows": [ref(11), ref(12)]}).json()
    assert done["rows"] == 2 and one(blog_url, "SELECT count(*) FROM posts WHERE id IN (11, 12)") == 0


def test_delete_bad_bodies(studio):
    for body in ({"rows": []}, {"rows": "all"}, {"rows": [{"key": {"id": "1"}}]}, {}):
        r = studio.post("/api/t/public/posts/delete", json=body)
        assert r.status_code == 400, body
    r = studio.post(
        "/api/t/public/posts/delete", content=b"not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 400 and "JSON" in r.json()["error"]


# ------------------------------------------------------------------------------------------- safety


def test_requests_without_the_token_are_refused(studio_factory, blog_url):
    anonymous = studio_factory(auth=False)
    for path in ("/", "/static/studio.js", "/api/tables", "/t/public/users"):
        r = anonymous.get(path)
        assert r.status_code == 401 and "token" in r.text
    r = anonymous.post("/api/t/public/users/update", json={}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401


def test_token_in_url_becomes_a_cookie(studio_factory):
    client = studio_factory(auth=False)
    token = client.settings.token
    r = client.get(f"/t/public/users?token={token}&sort=name", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/t/public/users?sort=name"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert client.get("/t/public/users").status_code == 200


def test_host_header_must_be_this_studio(studio):
    assert studio.get("/api/tables", headers={"Host": "evil.example:8765"}).status_code == 421
    assert studio.get("/api/tables", headers={"Host": "127.0.0.1:9999"}).status_code == 421
    assert studio.get("/api/tables", headers={"Host": "localhost:8765"}).status_code == 200


def test_changes_need_the_csrf_token_and_our_origin(studio, blog_url):
    body = {"key": {"id": "5"}, "version": version(blog_url, "users", 5), "column": "name", "value": "csrf"}
    r = studio.post("/api/t/public/users/update", json=body, headers={"X-CSRF-Token": "forged"})
    assert r.status_code == 403 and "CSRF" in r.text
    del studio.headers["X-CSRF-Token"]
    assert studio.post("/api/t/public/users/update", json=body).status_code == 403
    r = studio.post("/api/sql", json={"sql": "SELECT 1"})
    assert r.status_code == 403
    studio.headers["X-CSRF-Token"] = studio.settings.csrf
    r = studio.post("/api/t/public/users/update", json=body, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "origin" in r.text
    assert one(blog_url, "SELECT name FROM users WHERE id = 5") == "User 5"


def test_security_headers_keep_the_page_offline(studio):
    r = studio.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    assert r.headers["referrer-policy"] == "no-referrer" and r.headers["x-frame-options"] == "DENY"
    assert "http://" not in r.text.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in r.text


def test_the_password_never_reaches_the_page(studio_factory, blog_url):
    role = f"studio_pw_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(blog_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'sekret-pw' SUPERUSER")
    try:
        client = studio_factory(blog_url.replace("postgres@", f"{role}:sekret-pw@", 1))
        for path in ("/", "/t/public/users", "/migrations", "/sql", "/schema"):
            text = client.get(path).text
            assert "sekret-pw" not in text and f"{role}@" in text
        r = client.post("/api/sql", json={"sql": "SELECT * FROM nope"})
        assert "sekret-pw" not in r.text
    finally:
        with psycopg.connect(blog_url, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
            conn.execute(f"DROP ROLE {role}")


def test_read_only_refuses_every_change(studio_factory, blog_url):
    client = studio_factory(read_only=True, read_only_reason="environment 'prod' is protected")
    v = version(blog_url, "users", 5)
    attempts = [
        ("/api/t/public/users/update", {"key": {"id": "5"}, "version": v, "column": "name", "value": "ro"}),
        ("/api/t/public/users/insert", {"values": {"email": "ro@example.com"}}),
        ("/api/t/public/users/delete", {"rows": [{"key": {"id": "5"}, "version": v}]}),
        ("/api/sql", {"sql": "UPDATE users SET name = 'ro'", "write": True}),
        ("/api/migrations/apply", {"expect": ["0000_x"]}),
    ]
    for path, body in attempts:
        r = client.post(path, json=body)
        assert r.status_code == 403 and "read-only" in r.json()["error"], (path, r.text)
    r = client.post("/api/sql", json={"sql": "UPDATE users SET name = 'ro'"})
    assert r.status_code == 400 and "read-only" in r.json()["error"]
    assert one(blog_url, "SELECT count(*) FROM users WHERE name = 'ro' OR email = 'ro@example.com'") == 0
    page = client.get("/t/public/users").text
    assert "read-only" in page and 'id="insert-row"' not in page


# ------------------------------------------------------------------------------------------- console


def test_console_runs_and_counts(studio):
    r = studio.post("/api/sql", json={"sql": "SELECT id, name FROM users WHERE id <= 3 ORDER BY id"}).json()
    assert r["columns"] == ["id", "name"] and r["row_count"] == 3
    assert r["rows"] == [["1", ""], ["2", "User 2"], ["3", "User 3"]]
    assert "3</b> rows" in r["html"]


def test_console_is_read_only_unless_writes_are_allowed(studio, blog_url):
    r = studio.post("/api/sql", json={"sql": "DELETE FROM audit_log"})
    assert r.status_code == 400 and "read-only" in r.json()["error"]
    for escape in (
        "COMMIT; DELETE FROM audit_log",
        "SET default_transaction_read_only = off; DELETE FROM audit_log",
    ):
        assert studio.post("/api/sql", json={"sql": escape}).status_code == 400
    assert one(blog_url, "SELECT count(*) FROM audit_log") == 30
    r = studio.post(
        "/api/sql", json={"sql": "DELETE FROM audit_log WHERE message = 'event 1'", "write": True}
    )
    assert r.status_code == 200 and r.json()["row_count"] == 1
    assert one(blog_url, "SELECT count(*) FROM audit_log") == 29


def test_console_explain_and_analyze(studio, blog_url):
    plan = studio.post("/api/sql", json={"sql": "SELECT * FROM posts WHERE id = 5", "mode": "explain"}).json()
    assert "posts_pkey" in plan["plan"]["title"] and plan["plan"]["actual"] is None
    assert "Index Cond" in plan["html"]
    analyzed = studio.post(
        "/api/sql", json={"sql": "DELETE FROM posts WHERE id = 5", "mode": "analyze", "write": True}
    ).json()
    assert analyzed["plan"]["actual"] is not None and "actual" in analyzed["html"]
    assert one(blog_url, "SELECT count(*) FROM posts WHERE id = 5") == 1  # ANALYZE rolled back


def test_console_timeout_and_errors(studio_factory):
    client = studio_factory(statement_timeout_ms=200)
    r = client.post("/api/sql", json={"sql": "SELECT pg_sleep(2)"})
    assert r.status_code == 400 and "statement_timeout is 200 ms" in r.json()["error"]
    r = client.post("/api/sql", json={"sql": "SELEC 1"})
    assert r.status_code == 400 and "syntax error" in r.json()["error"]
    assert client.post("/api/sql", json={"sql": "SELECT 1", "mode": "drop"}).status_code == 400
    assert client.post("/api/sql", json={"sql": ["SELECT 1"]}).status_code == 400
    r = client.post("/api/sql", json={"sql": "SET statement_timeout = 0; SELECT 1"})
    assert r.status_code == 400 and "one statement at a time" in r.json()["error"]
    r = client.post("/api/sql", json={"sql": "COMMIT"})
    assert r.status_code == 400 and "each run is one transaction" in r.json()["error"]


def test_migrations_page_shows_a_partially_applied_migration(studio_factory, blog_url, tmp_path):
    """A migration whose first transaction group committed and whose second failed is shown as partial,
    with its progress, and offered for (resumed) application like a pending one."""
    import pgshift
    from tests.test_cases import write_folder

    write_folder(
        tmp_path / "drizzle",
        [
            (
                "0000_half",
                "CREATE TABLE pa (x int);--> statement-breakpoint\nCREATE INDEX CONCURRENTLY pa_y ON pa (y);",
                "",
            )
        ],
    )
    with pytest.raises(pgshift.PgshiftError):
        pgshift.migrate(blog_url, tmp_path / "drizzle")
    client = studio_factory()
    page = client.get("/migrations").text
    assert "partially applied (group 1 of 2)" in page
    assert (
        'data-pending="[&#34;0000_half&#34;]"' in page or "0000_half" in page.split("apply-pending")[1][:200]
    )
