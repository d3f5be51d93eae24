"""No password anywhere: random passwords in every URL form, through the CLI's success and failure
paths (output, errors, --json, generated code) and the API (results, exceptions, log lines)."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pgshift
from pgshift.cli import main
from pgshift.urls import mask_secrets, normalize_url

SCHEMA = """
from sqlalchemy import Column, Integer, MetaData, Table, Text
metadata = MetaData()
users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", Text))
"""

def _decodes(password: str) -> bool:
    """An unencoded password whose ``%hh`` runs decode to text without NUL (``%00``, ``%ff`` are refused
    with a ConfigError: tests/test_urls.py)."""
    try:
        return "\x00" not in unquote_to_bytes(password).decode("utf-8")
    except UnicodeDecodeError:
        return False


# Printable ASCII without whitespace: what people put in passwords, including / # ? @ : % ' " \\
PASSWORDS = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=8, max_size=24
).filter(lambda p: (not p.isalnum() or len(set(p)) > 4) and _decodes(p))
FORMS = st.sampled_from(
    [
        "postgresql+psycopg2",
        "postgresql+psycopg",
        "postgresql+asyncpg",
        "postgresql+pg8000",
        "POSTGRESQL",
        "Postgres",
        "postgresql",
        "kv",
    ]
)


def with_password(server: str, form: str, password: str, *, port: int | None = None) -> str:
    parts = urlsplit(server)
    host = parts.hostname or "127.0.0.1"
    port = port or parts.port or 5432
    dbname = parts.path.lstrip("/")
    if form == "kv":
        quoted = password.replace("\\", "\\\\").replace("'", "\\'")
        return f"host={host} port={port} user=postgres password='{quoted}' dbname={dbname}"
    return f"{form}://postgres:{password}@{host}:{port}/{dbname}"  # unencoded, as people write it


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture
def proj(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    if "@" in db_url.split("//", 1)[1].split("/", 1)[0] and "host=" in db_url:
        pytest.skip("needs a TCP test server")
    (tmp_path / "schema.py").write_text(SCHEMA)
    (tmp_path / "pgshift.toml").write_text('schema = "schema.py"\nout = "drizzle"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    pgshift.generate(tmp_path / "pgshift.toml", name="init")
    return tmp_path


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(password=PASSWORDS, form=FORMS)
def test_password_never_shown(
    password: str,
    form: str,
    proj: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    if not urlsplit(db_url).hostname:
        pytest.skip("the test server listens on a Unix socket only")
    good = with_password(db_url, form, password)  # trust auth: the password is ignored, commands succeed
    bad = with_password(db_url, form, password, port=1)  # nothing listens: every command fails
    assert mask_secrets(good).count(password) == 0
    seen: list[str] = []
    for args in (
        ("status", "--url", good),
        ("status", "--json", "--url", good),
        ("migrate", "--json", "--url", good),
        ("migrate", "--url", good),
        ("push", "--dry-run", "--url", good),
        ("check", "--db", "--url", good),
        ("pull", "--url", good, "-o", "pulled.py", "--force"),
        ("status", "--url", bad),
        ("migrate", "--json", "--url", bad),
        ("rollback", "--yes", "--json", "--url", bad),
        ("push", "--url", bad),
        ("check", "--db", "--url", bad),
        ("pull", "--url", bad, "-o", "other.py"),
        ("status", "--url", good.replace(":5432/", ":notaport/")),
    ):
        code, text = run(capsys, *args)
        assert password not in text, (args, text)
        seen.append(f"{args[0]}:{code}")
    assert "status:1" in seen or "status:0" in seen  # the success paths did succeed
    assert password not in (proj / "pulled.py").read_text()

    caplog.set_level(logging.DEBUG, logger="pgshift")
    assert pgshift.status(good, config=proj / "pgshift.toml").up_to_date
    with pytest.raises(pgshift.PgshiftError) as info:
        pgshift.migrate(bad, config=proj / "pgshift.toml")
    for text in (str(info.value), repr(info.value), repr(info.value.args), caplog.text):
        assert password not in text
    with pytest.raises(pgshift.PgshiftError) as info:
        pgshift.push(bad, config=proj / "pgshift.toml")
    assert password not in str(info.value) + repr(info.value)


@pytest.mark.parametrize(
    ("given_url", "expected"),
    [
        ("postgresql+psycopg://u:pw@h/db", "postgresql://u:pw@h/db"),
        ("postgresql+psycopg2://u:pw@h:5433/db", "postgresql://u:pw@h:5433/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql://u@h/db"),
        ("postgresql+pg8000://u@h/db", "postgresql://u@h/db"),
        ("postgres://u@h/db", "postgresql://u@h/db"),
        ("POSTGRESQL://u@h/db", "postgresql://u@h/db"),
        ("PostgreSQL+Psycopg://u@h/db", "postgresql://u@h/db"),
        ("postgresql://u:a/b#c?d@h/db", "postgresql://u:a%2Fb%23c%3Fd@h/db"),
        ("postgresql://u:p%40ss@h/db", "postgresql://u:p%40ss@h/db"),
        ("host=h dbname=db", "host=h dbname=db"),
    ],
)
def test_url_forms_normalised(given_url: str, expected: str) -> None:
    assert normalize_url(given_url) == expected


def test_non_postgres_url_is_a_config_error() -> None:
    with pytest.raises(pgshift.ConfigError, match="not a PostgreSQL"):
        normalize_url("mysql://u:secretpw@h/db")


@pytest.mark.parametrize("scheme", ["postgresql+psycopg", "postgresql+psycopg2", "postgres", "POSTGRESQL"])
def test_url_forms_work_in_cli_env_config_and_api(
    scheme: str,
    tmp_path: Path,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not urlsplit(db_url).hostname:
        pytest.skip("the test server listens on a Unix socket only")
    url = scheme + db_url[len("postgresql") :]
    (tmp_path / "schema.py").write_text(SCHEMA)
    (tmp_path / "pgshift.toml").write_text('schema = "schema.py"\nout = "drizzle"\n')
    monkeypatch.chdir(tmp_path)
    pgshift.generate(tmp_path / "pgshift.toml", name="init")
    monkeypatch.setenv("DATABASE_URL", url)
    assert run(capsys, "status", "--no-drift")[0] == 1  # env: pending
    assert run(capsys, "migrate", "--url", url)[0] == 0  # CLI flag
    monkeypatch.delenv("DATABASE_URL")
    (tmp_path / "pgshift.toml").write_text(f'schema = "schema.py"\nout = "drizzle"\nurl = "{url}"\n')
    code, text = run(capsys, "status")  # config
    assert code == 0, text
    assert pgshift.status(url, config=tmp_path / "pgshift.toml").up_to_date  # API


@pytest.mark.parametrize("password", ["abc%00xyz!", "abc%80xyz!", "p%zz/#?@x1"])
def test_libpq_quoting_the_password_back_is_masked(password: str) -> None:
    """libpq refuses some percent-encodings and quotes the value back in its error, as it was written
    or as the repaired URL spells it: both forms are masked (found by the property test: %00, %80)."""
    import psycopg

    from pgshift.runner.run import connect

    url = f"postgresql://postgres:{password}@127.0.0.1:1/postgres"
    with pytest.raises(pgshift.PgshiftError) as info:
        connect(url)
    shown = str(info.value) + repr(info.value)
    assert password not in shown
    try:
        psycopg.connect(normalize_url(url), connect_timeout=1)
    except pgshift.PgshiftError as exc:  # refused before libpq sees it (%80: not UTF-8)
        assert password not in str(exc)
    except psycopg.Error as exc:
        assert password not in mask_secrets(str(exc))


@pytest.mark.parametrize("password", ["abc%00xyz!", "abc%80xyz!"])
def test_a_password_that_cannot_decode_is_an_actionable_error(password: str) -> None:
    """%00 (NUL, which libpq refuses) and %80 (not UTF-8) cannot be what was meant: one error, with the
    fix, the password masked."""
    from pgshift.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        normalize_url(f"postgresql://postgres:{password}@127.0.0.1/postgres")
    assert "%25" in str(info.value.hint) and password not in str(info.value)
