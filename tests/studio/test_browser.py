"""pgshift studio in a real Chromium (Debian's), driven by Playwright through ``executable_path``.

Every request the page makes is recorded; each test ends by checking that none left 127.0.0.1.
Screenshots of the main screens go to tests/studio/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import psycopg
import pytest
from playwright.sync_api import expect

from tests.pgurls import with_dbname
from tests.studio.conftest import SCHEMA, make_settings

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"
BLOG = Path(__file__).parents[2] / "examples" / "blog"
CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str:
    """Debian's Chromium; missing means a failed test under CI=true (scripts/test.sh installs it)."""
    explicit = os.environ.get("PGSHIFT_CHROMIUM")
    for candidate in (explicit, *CANDIDATES, shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    message = "Chromium not found: apt-get install -y chromium (scripts/test.sh does it when run as root)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[dev]'")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield instance
        instance.close()


def _new_db(server_url: str) -> tuple[str, str]:
    name = f"pgshift_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, with_dbname(server_url, name)


def _drop_db(server_url: str, name: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Studio:
    """A served studio plus a browser context whose every request is recorded."""

    def __init__(self, running: Any, browser: Any, url: str) -> None:
        self.running = running
        self.db_url = url
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme="light")
        self.requests: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)

    @property
    def base(self) -> str:
        return self.running.settings.origin

    def open(self, path: str = "/") -> Any:
        token = self.running.settings.token
        sep = "&" if "?" in path else "?"
        self.page.goto(f"{self.base}{path}{sep}token={token}")
        return self.page

    def goto(self, path: str) -> Any:
        self.page.goto(self.base + path)
        return self.page

    def one(self, query: str, *params: Any) -> Any:
        with psycopg.connect(self.db_url, autocommit=True) as conn:
            found = conn.execute(query, params).fetchone()
            return found[0] if found else None

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))

    def assert_local_only(self) -> None:
        assert self.requests, "the page made no request at all?"
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                continue
            assert parsed.hostname == "127.0.0.1", f"request left 127.0.0.1: {url}"

    def close(self) -> None:
        self.context.close()


def _serve(url: str, tmp: Path, **overrides: Any) -> Any:
    from pgshift.studio.server import bind, serve_in_thread

    sock = bind("127.0.0.1", 0)
    settings = make_settings(url, tmp, port=sock.getsockname()[1], **overrides)
    return serve_in_thread(settings, sock)


@pytest.fixture(scope="module")
def blog_server(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    name, url = _new_db(server_url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(SCHEMA)
    running = _serve(url, tmp_path_factory.mktemp("studio"))
    yield running, url
    running.stop()
    _drop_db(server_url, name)


@pytest.fixture
def studio(blog_server: tuple[Any, str], browser: Any) -> Iterator[Studio]:
    running, url = blog_server
    s = Studio(running, browser, url)
    yield s
    s.assert_local_only()
    s.close()


def first_column(page: Any, col: str = "id") -> list[str]:
    return page.locator(f'#grid tbody td[data-col="{col}"]').all_inner_texts()


# --------------------------------------------------------------------------------------------- data


def test_browse_tables_and_open_one(studio: Studio):
    page = studio.open("/")
    assert "token=" not in page.url  # moved into a cookie
    assert page.locator("#tables-public").get_by_text("posts").count() == 1
    studio.shot("home")
    page.locator("#tables-public a", has_text="posts").first.click()
    page.wait_for_url("**/t/public/posts")
    assert first_column(page)[:3] == ["1", "2", "3"]
    assert "page 1 of 20" in page.locator("#page-info").inner_text()
    assert (
        page.locator("#grid thead th", has_text="views").locator(".type").inner_text() == "integer not null"
    )
    studio.shot("table")


def test_paginate_to_a_late_page_and_back(studio: Studio):
    page = studio.open("/t/public/posts")
    page.fill("#jump-page", "19")
    page.locator(".jump button").click()
    page.wait_for_url("**page=19**")
    assert first_column(page)[0] == "901"
    page.click("#next-page")
    page.wait_for_url("**page=20**")
    assert first_column(page)[-1] == "1000" and page.locator("#next-page").count() == 0
    page.click("#prev-page")
    page.wait_for_url("**page=19**")
    assert first_column(page)[0] == "901"
    page.click("#last-page")
    assert first_column(page)[-1] == "1000"


def test_sort_by_clicking_a_header(studio: Studio):
    page = studio.open("/t/public/posts")
    page.locator("#grid thead a.sort", has_text="views").click()
    page.wait_for_url("**sort=views**")
    views = [int(v) for v in first_column(page, "views")]
    assert views == sorted(views) and views[0] == 0
    page.locator("#grid thead a.sort", has_text="views").click()
    page.wait_for_url("**dir=desc**")
    expected = studio.one("SELECT max(views) FROM posts")
    assert int(first_column(page, "views")[0]) == expected


def test_filter_and_a_wrong_typed_value(studio: Studio):
    page = studio.open("/t/public/posts")
    form = page.locator(".new-filter")
    form.locator('select[name="fc"]').select_option("views")
    form.locator('select[name="fo"]').select_option("gt")
    form.locator('input[name="fv"]').fill("990")
    page.click("#apply-filters")
    page.wait_for_url("**fv=990**")
    views = [int(v) for v in first_column(page, "views")]
    assert views and all(v > 990 for v in views)
    assert len(views) == studio.one("SELECT count(*) FROM posts WHERE views > 990")
    studio.goto("/t/public/posts?fc=views&fo=gt&fv=lots")
    assert "'lots' is not a valid integer" in page.locator("#error-message").inner_text()
    assert studio.one("SELECT count(*) FROM posts") == 1000


def test_null_and_empty_look_different(studio: Studio):
    page = studio.open("/t/public/users?fc=id&fo=le&fv=10")
    null_cell = page.locator('#grid tbody tr:nth-child(10) td[data-col="name"]')
    empty_cell = page.locator('#grid tbody tr:nth-child(1) td[data-col="name"]')
    assert null_cell.inner_text() == "NULL" and "null" in (null_cell.get_attribute("class") or "")
    assert empty_cell.inner_text() == "" and "empty" in (empty_cell.get_attribute("class") or "")


def test_foreign_keys_both_ways(studio: Studio):
    page = studio.open("/t/public/posts?fc=id&fo=eq&fv=5")
    page.locator('#grid td[data-col="author_id"] a.fkl').click()  # post 5 -> its author (user 6)
    page.wait_for_url("**/t/public/users?**")
    assert first_column(page) == ["6"]
    page.locator("#grid a.open").first.click()  # the user's row page
    page.wait_for_url("**/t/public/users/row?k.id=6")
    refs = page.locator("#referenced-by")
    assert "25 rows" in refs.inner_text()
    studio.shot("row")
    refs.get_by_role("link", name="public.posts").click()  # the posts referencing this user
    page.wait_for_url("**/t/public/posts?**")
    authors = set(first_column(page, "author_id"))
    assert authors == {"6"} and len(first_column(page)) == 25


def test_edit_a_cell_with_sql_preview(studio: Studio):
    page = studio.open("/t/public/users?fc=id&fo=eq&fv=12")
    cell = page.locator('#grid td[data-col="name"]')
    cell.dblclick()
    editor = page.locator("#editor")
    editor.locator("textarea").fill("Ada Lovelace")
    page.click("#editor-preview")
    page.locator("#editor-sql").wait_for(state="visible")
    assert "SET \"name\" = 'Ada Lovelace'::text" in page.locator("#editor-sql").inner_text()
    studio.shot("edit")
    assert studio.one("SELECT name FROM users WHERE id = 12") == "User 12"
    page.click("#editor-apply")
    expect(page.locator('#grid td[data-col="name"]')).to_have_text("Ada Lovelace")
    assert studio.one("SELECT name FROM users WHERE id = 12") == "Ada Lovelace"


def test_edit_json_value(studio: Studio):
    page = studio.open("/t/public/users?fc=id&fo=eq&fv=2")
    page.locator('#grid td[data-col="prefs"]').dblclick()
    area = page.locator("#editor textarea")
    assert '"theme": "dark"' in area.input_value()  # pretty-printed
    area.fill('{"theme": "light"}')
    page.click("#editor-apply")
    expect(page.locator('#grid td[data-col="prefs"]')).to_contain_text("light")
    assert studio.one("SELECT prefs->>'theme' FROM users WHERE id = 2") == "light"


def test_conflict_on_a_row_changed_meanwhile(studio: Studio):
    page = studio.open("/t/public/users?fc=id&fo=eq&fv=13")
    with psycopg.connect(studio.db_url, autocommit=True) as conn:
        conn.execute("UPDATE users SET name = 'changed elsewhere' WHERE id = 13")
    page.locator('#grid td[data-col="email"]').dblclick()
    page.locator("#editor textarea").fill("mine@example.com")
    page.click("#editor-apply")
    error = page.locator("#editor-error")
    error.wait_for(state="visible")
    assert "changed by someone else" in error.inner_text() and "changed elsewhere" in error.inner_text()
    studio.shot("conflict")
    assert studio.one("SELECT email FROM users WHERE id = 13") == "user13@example.com"


def test_insert_a_row(studio: Studio):
    page = studio.open("/t/public/post_tags")
    page.click("#insert-row")
    fields = page.locator("#editor-fields .field")
    fields.nth(0).locator(".use-default").uncheck()
    fields.nth(0).locator("textarea").fill("7")
    fields.nth(1).locator(".use-default").uncheck()
    fields.nth(1).locator("textarea").fill("rust")
    page.click("#editor-preview")
    page.locator("#editor-sql").wait_for(state="visible")
    assert 'INSERT INTO "public"."post_tags"' in page.locator("#editor-sql").inner_text()
    with page.expect_navigation():
        page.click("#editor-apply")
    assert studio.one("SELECT count(*) FROM post_tags WHERE post_id = 7 AND tag = 'rust'") == 1


def test_delete_selected_rows(studio: Studio):
    page = studio.open("/t/public/post_tags?fc=post_id&fo=eq&fv=9")
    for box in page.locator("#grid input.pick").all():
        box.check()
    page.click("#delete-rows")
    sql_box = page.locator("#editor-sql")
    sql_box.wait_for(state="visible")
    assert sql_box.inner_text().count("DELETE FROM") == 2
    page.click("#editor-apply")
    expect(page.locator("#grid tbody tr[data-key]")).to_have_count(0)
    assert studio.one("SELECT count(*) FROM post_tags WHERE post_id = 9") == 0


def test_keyboard_navigation(studio: Studio):
    page = studio.open("/t/public/users")
    page.locator('#grid tbody tr:first-child td[data-col="id"]').click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate(
        "[document.activeElement.dataset.col, document.activeElement.parentElement.rowIndex]"
    )
    assert focused == ["email", 2]
    page.keyboard.press("Enter")
    page.locator("#editor textarea").wait_for(state="visible")
    assert page.locator("#editor textarea").input_value() == "user2@example.com"
    page.keyboard.press("Escape")


def test_expand_a_long_value(studio: Studio):
    page = studio.open("/t/public/users?fc=id&fo=eq&fv=3")
    page.locator('#grid td[data-col="bio"] button.expand').click()
    assert page.locator("#editor textarea").input_value() == "long bio " * 100


# ------------------------------------------------------------------------------- schema and console


def test_schema_diagram_and_table_structure(studio: Studio):
    page = studio.open("/schema")
    expect(page.locator("body")).to_have_attribute("data-diagram-ready", "1")
    assert page.locator("g.box").count() == 4 and page.locator(".edges path").count() == 2
    before = page.get_attribute("#diagram-svg", "viewBox")
    page.click("#zoom-in")
    assert page.get_attribute("#diagram-svg", "viewBox") != before
    studio.shot("schema")
    page.locator('g.box[data-key="public.posts"] a').click()
    page.wait_for_url("**focus=public.posts")
    assert page.locator("g.box").count() == 3  # posts, users, post_tags
    studio.goto("/schema/public/posts")
    assert "posts_views_idx" in page.locator("#indexes").inner_text()
    assert "FOREIGN KEY (author_id) REFERENCES users(id)" in page.locator("#constraints").inner_text()


def test_sql_console_and_explain(studio: Studio):
    page = studio.open("/sql")
    page.fill("#sql-text", "SELECT id, title FROM posts WHERE id <= 3 ORDER BY id")
    page.click("#run-sql")
    page.locator("#sql-grid").wait_for()
    assert "3 rows" in page.locator("#sql-status").inner_text()
    assert page.locator("#sql-grid tbody tr").count() == 3
    page.fill("#sql-text", "SELECT * FROM posts WHERE id = 42")
    page.click("#explain-sql")
    page.locator("#plan").wait_for()
    assert "Index Scan using posts_pkey on posts" in page.locator("#plan").inner_text()
    page.click("#analyze-sql")
    page.locator("#plan .actual").first.wait_for()
    studio.shot("sql-explain")
    page.fill("#sql-text", "DELETE FROM posts")
    page.click("#run-sql")
    assert "read-only" in page.locator("#sql-error").inner_text()
    assert studio.one("SELECT count(*) FROM posts") == 1000


# ------------------------------------------------------------------------------------------- safety


def test_without_the_token_nothing_is_served(blog_server: tuple[Any, str], browser: Any):
    running, _url = blog_server
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(running.settings.origin + "/t/public/users")
    assert response is not None and response.status == 401
    assert "needs its token" in page.content()
    response = page.goto(running.settings.origin + "/?token=wrong")
    assert response is not None and response.status == 401
    context.close()


def test_read_only_studio_refuses_writes(blog_server: tuple[Any, str], browser: Any, tmp_path: Path):
    _running, url = blog_server
    running = _serve(url, tmp_path, read_only=True, read_only_reason="environment 'prod' is protected")
    s = Studio(running, browser, url)
    try:
        page = s.open("/t/public/users")
        assert page.locator(".badge.ro").inner_text() == "read-only"
        assert page.locator("#insert-row").count() == 0
        page.locator('#grid tbody tr:first-child td[data-col="name"]').dblclick()
        assert not page.locator("#editor").is_visible()
        status = page.evaluate(
            """async () => {
                const tr = document.querySelector('#grid tbody tr');
                const r = await fetch('/api/t/public/users/update', {method: 'POST',
                    headers: {'Content-Type': 'application/json',
                              'X-CSRF-Token': document.querySelector('meta[name=csrf]').content},
                    body: JSON.stringify({key: JSON.parse(tr.dataset.key), version: tr.dataset.version,
                                          column: 'name', value: 'ro'})});
                return [r.status, (await r.json()).error];
            }"""
        )
        assert status[0] == 403 and "read-only" in status[1]
        s.goto("/sql")
        assert page.locator("#sql-write").is_disabled()
        assert s.one("SELECT count(*) FROM users WHERE name = 'ro'") == 0
        s.assert_local_only()
    finally:
        s.close()
        running.stop()


# --------------------------------------------------------------------------------------- migrations


def _pgshift(cwd: Path, url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    proc = subprocess.run([sys.executable, "-m", "pgshift", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr


def test_migrations_pending_findings_drift_and_apply(server_url: str, browser: Any, tmp_path: Path):
    name, url = _new_db(server_url)
    project = tmp_path / "blog"
    shutil.copytree(BLOG, project, ignore=shutil.ignore_patterns(".pgshift", "drizzle", "__pycache__"))
    running = None
    s = None
    try:
        _pgshift(project, url, "generate", "--name", "init")
        _pgshift(project, url, "migrate")
        _pgshift(project, url, "generate", "--schema", "models_v2.py:Base", "--name", "two")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ALTER TABLE users ADD COLUMN hack text")
        running = _serve(url, project)
        s = Studio(running, browser, url)
        page = s.open("/migrations")
        timeline = page.locator("#timeline")
        assert timeline.locator('li[data-tag="0000_init"] .state').first.inner_text() == "applied"
        pending = timeline.locator('li[data-tag="0001_two"]')
        assert pending.locator(".state").first.inner_text() == "pending"
        assert "applied" in timeline.locator('li[data-tag="0000_init"] summary').inner_text()
        assert pending.locator(".findings li").count() >= 1  # lint findings inline
        assert "ALTER TABLE" in pending.locator("pre.sql").first.inner_text()
        drift = page.locator("#drift").inner_text()
        assert "column users.hack is in the database but not in the schema (made by hand?)" in drift
        s.shot("migrations")
        page.once("dialog", lambda d: d.accept())
        with page.expect_navigation():
            page.click("#apply-pending")
        assert page.locator('#timeline li[data-tag="0001_two"] .state').first.inner_text() == "applied"
        assert s.one("SELECT count(*) FROM drizzle.__drizzle_migrations") == 2
        s.assert_local_only()
    finally:
        if s is not None:
            s.close()
        if running is not None:
            running.stop()
        _drop_db(server_url, name)
