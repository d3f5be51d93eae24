"""generate's check of the new files: the up file linted in a forked child beside the snapshot, the down
file only checked (``check_migration``), and every way back to the in-process path."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgast import PgQueryError
from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table, text

from pgshift import forked
from pgshift.api.generate import generate
from pgshift.config import Config
from pgshift.diff.differ import diff
from pgshift.diff.render import FilesCheck, migration_sql, render
from pgshift.errors import UnparsableSqlError
from pgshift.format.drizzle import BREAKPOINT
from pgshift.lint import lint_text
from pgshift.model.schema import Model
from pgshift.pg.parser import (
    SqlSyntaxError,
    Statement,
    check_migration,
    parse_migration,
    parse_migration_part,
    plain_json,
)
from pgshift.sources.from_sqlalchemy import model_from_metadata
from tests.test_forked import _no_children_left

MARK = "--> statement-breakpoint"

# check_migration must raise where parse_migration raises, at the same place, and pass where it passes.
TEXTS = [
    "",
    "DROP TABLE a;",
    f"DROP TABLE a;{MARK}\nDROP TABLE b;",
    f"CREATE TABLE a (id int);{MARK}\nCREATE INDEX a_i ON a (id);{MARK}\nALTER TABLE a ADD c text;",
    f"DROP TABLE a;{MARK}\nDROP TABLEE b;",  # a syntax error in the second chunk
    f"DROP TABLE a;{MARK} DROP TABLE b;\nDROP TABLE c;",  # SQL after the marker, on its line
    f"CREATE TABLE a (\n{MARK}\nid int);",  # a statement across a breakpoint
    f"COMMENT ON TABLE a IS 'é';{MARK}\nDROP TABLE a;",  # non-ASCII: positions in characters
    f"COMMENT ON TABLE a IS 'é';{MARK}\nDROP TABLE a b;",
    "SELECT 1; SELECT (;",
]


def _outcome(call: object, text: str) -> tuple[str, int, int] | None:
    try:
        call(text)  # type: ignore[operator]
    except SqlSyntaxError as exc:
        return exc.message, exc.line, exc.column
    return None


@pytest.mark.parametrize("sql", TEXTS)
def test_check_migration_agrees_with_parse_migration(sql: str) -> None:
    assert _outcome(check_migration, sql) == _outcome(lambda t: parse_migration(t, plain=True), sql)


def _ops(*, bad_index: bool = False, dropped: bool = False) -> list:
    """The operations creating two tables (``dropped``: dropping them, so what ``bad_index`` makes
    unparsable is in the down file only)."""
    metadata = MetaData()
    users = Table("users", metadata, Column("id", Integer, primary_key=True), Column("email", String(200)))
    Table(
        "posts", metadata, Column("id", Integer, primary_key=True), Column("user_id", ForeignKey("users.id"))
    )
    if bad_index:
        Index("users_email_desc", text("email DESC DESC"), _table=users)
    model = model_from_metadata(metadata)
    return diff(model, Model()) if dropped else diff(Model(), model)


def _lint(up: str, statements: list) -> list:
    return lint_text(up, path="x.sql", statements=statements)


def test_the_child_lints_what_the_parent_would() -> None:
    check = FilesCheck(_ops(), writing="written", lint=_lint)
    assert check._child is not None  # this test process has one thread: the child is used
    checked = check.result()
    assert _no_children_left()
    expected = lint_text(checked.up, path="x.sql")
    assert checked.findings == expected and expected  # the varchar and serial advice, at least
    assert checked.statements is None  # they stayed in the child


def test_without_a_linter_the_parse_comes_back_and_nothing_is_linted() -> None:
    checked = FilesCheck(_ops(), writing="written").result()
    assert checked.findings is None
    assert checked.statements == parse_migration(checked.up, plain=True)


def test_a_failing_child_leaves_the_check_to_the_parent() -> None:
    def broken(up: str, statements: list) -> list:
        raise RuntimeError("the linter broke in the child")

    checked = FilesCheck(_ops(), writing="written", lint=broken).result()
    assert checked.findings is None  # the caller lints
    assert checked.statements == parse_migration(checked.up, plain=True)
    assert _no_children_left()


@pytest.mark.parametrize("dropped", [False, True], ids=["up", "down"])
@pytest.mark.parametrize("lint", [_lint, None], ids=["forked", "thread"])
def test_sql_the_parser_rejects_names_the_operation_either_way(lint: object, dropped: bool) -> None:
    check = FilesCheck(_ops(bad_index=True, dropped=dropped), writing="written", lint=lint)  # type: ignore[arg-type]
    with pytest.raises(UnparsableSqlError, match="users_email_desc"):
        check.result()
    assert _no_children_left()


def test_cancel_kills_and_reaps_the_child() -> None:
    check = FilesCheck(_ops(), writing="written", lint=lambda up, statements: __import__("time").sleep(30))
    assert check._child is not None
    check.cancel()
    assert _no_children_left()


def test_no_fork_beside_a_thread_falls_back_to_the_thread_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "start_fed", lambda call: None)  # what it does beside another thread
    checked = FilesCheck(_ops(), writing="written", lint=_lint).result()
    assert checked.findings is None and checked.statements is not None


def test_generate_lint_as_gives_the_findings_check_reports(tmp_path: Path) -> None:
    (tmp_path / "schema.py").write_text(
        "from sqlalchemy import Column, Integer, MetaData, String, Table\n"
        "metadata = MetaData()\n"
        'Table("users", metadata, Column("id", Integer, primary_key=True), Column("email", String(200)))\n'
    )
    config = Config(root=tmp_path, schema="schema.py:metadata")
    result = generate(config, name="init", lint_as=lambda path: f"named/{path.name}")
    assert result.findings is not None and result.findings
    assert result.findings == lint_text(result.sql, path="named/0000_init.sql")
    # without lint_as nothing is linted: the caller does it
    (tmp_path / "schema.py").write_text((tmp_path / "schema.py").read_text().replace("200", "300"))
    assert generate(config, name="wider").findings is None


def _corpus_sql() -> list[Path]:
    root = Path(__file__).resolve().parent
    return sorted({*root.rglob("*.sql"), *(root.parent / "examples").rglob("*.sql")})


def test_check_migration_agrees_on_sql_nobody_wrote_for_it() -> None:
    """Every SQL file of the test corpora and fixtures (pg_dump output, Pagila, Drizzle folders, ...),
    as it is and with a syntax error put in its middle: the same outcome as ``parse_migration``."""
    files = _corpus_sql()
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        middle = len(text) // 2
        for sql in (text, f"{text[:middle]} ((( {text[middle:]}"):
            assert _outcome(check_migration, sql) == _outcome(
                lambda t: parse_migration(t, plain=True), sql
            ), path


def _cut_after_breakpoints(text: str, every: int) -> list[str]:
    """``text`` cut right after every ``every``-th breakpoint line: the parts generate feeds its child."""
    parts, start, seen = [], 0, 0
    marker = BREAKPOINT + "\n"
    at = text.find(marker)
    while at != -1:
        seen += 1
        end = at + len(marker)
        if seen % every == 0:
            parts.append(text[start:end])
            start = end
        at = text.find(marker, end)
    return [*parts, text[start:]]


def _parsed_in_parts(parts: list[str], *, trees: bool = False) -> list[tuple[object, ...]]:
    """``trees``: each part's parse tree made apart first (``plain_json``, as generate's parent does)."""
    out: list[tuple[object, ...]] = []
    offset, line = 0, 1
    for part in parts:
        tree = _json_or_none(part) if trees else None
        out += [_fields(s) for s in parse_migration_part(part, offset, line, plain=True, tree=tree)]
        offset += len(part)
        line += part.count("\n")
    return out


def _json_or_none(text: str) -> bytes | None:
    try:
        return plain_json(text)
    except PgQueryError:
        return None


def _fields(statement: Statement) -> tuple[object, ...]:
    """What a statement says, but its nodes' ``location``s: those count from the start of what the parser
    was given (the file, a breakpoint chunk, a part), and nothing reads them."""
    return (
        statement.text,
        statement.offset,
        statement.line,
        statement.column,
        statement.kind,
        _placeless(statement.node),
    )


def _placeless(node: object) -> object:
    if isinstance(node, dict):
        return {k: _placeless(v) for k, v in node.items() if k != "location"}
    if isinstance(node, list):
        return [_placeless(v) for v in node]
    return node


def test_parts_parse_as_the_whole_file_on_sql_nobody_wrote_for_it() -> None:
    """Every corpus file with breakpoints, cut after each breakpoint and after every third: its parts
    parsed apart give the whole file's statements, positions in the whole file (or both fail)."""
    cut = 0
    for path in _corpus_sql():
        text = path.read_text(encoding="utf-8")
        if BREAKPOINT not in text:
            continue
        try:
            whole: list[tuple[object, ...]] | None = [_fields(s) for s in parse_migration(text, plain=True)]
        except SqlSyntaxError:
            whole = None
        for every, trees in ((1, False), (3, False), (3, True)):
            parts = _cut_after_breakpoints(text, every)
            cut += len(parts) > 1
            try:
                assert _parsed_in_parts(parts, trees=trees) == whole, path
            except SqlSyntaxError:
                assert whole is None, path
    assert cut > 50


def test_render_feeds_the_file_in_parts_that_parse_as_the_whole() -> None:
    metadata = MetaData()
    for n in range(600):  # ~200 kB of SQL: several parts
        Table(f"t{n}", metadata, Column("id", Integer, primary_key=True), Column("v", String(20)),
              Column("r", Integer, ForeignKey(f"t{(n + 1) % 600}.id")), Index(f"t{n}_v", "v"))  # fmt: skip
    ops = diff(Model(), model_from_metadata(metadata))
    parts: list[str] = []
    rendered = render(ops, feed=parts.append)
    assert rendered == render(ops)
    assert len(parts) > 2 and all(p.endswith(BREAKPOINT + "\n") for p in parts[:-1])
    text = migration_sql(ops, rendered)
    assert "".join(parts) == text
    assert _parsed_in_parts(parts) == [_fields(s) for s in parse_migration(text, plain=True)]
    # through the child, every other part parsed by this process: what lint_text finds in the file
    check = FilesCheck(ops, writing="written", lint=_lint)
    checked = check.result()
    assert checked.up == text and checked.findings == lint_text(text, path="x.sql")
    assert _no_children_left()
