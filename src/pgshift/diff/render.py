"""SQL text assembly shared by every kind, and whole migration files.

Each kind's own DDL (CREATE TABLE, a column definition, constraints, indexes, policies, sequence
options) lives in its module under pgshift.diff.kinds; this module keeps what they share — always
quoted identifier lists, Drizzle's packed constraint column lists, comment literals — and how a
migration file is put together (statement breakpoints, the irreversible header, the down file from
reversed operations). Output is a pure function of the operations, so the same inputs
give byte-identical files.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from pgshift.format.drizzle import BREAKPOINT
from pgshift.format.headers import DATA_LOSS, IRREVERSIBLE
from pgshift.model.types import quote_ident, quote_literal

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from pgshift.diff.kinds.base import Destroyed
    from pgshift.diff.operations import Operation
    from pgshift.forked import Forked
    from pgshift.pg.parser import Statement


def idents(names: Iterable[str]) -> str:
    return ", ".join(quote_ident(n) for n in names)


def packed_idents(names: Iterable[str]) -> str:
    """Drizzle writes constraint column lists without a space after the comma: ``("a","b")``."""
    return ",".join(quote_ident(n) for n in names)


def comment_literal(comment: str | None) -> str:
    return "NULL" if comment is None else quote_literal(comment)


def join_statements(statements: Sequence[str]) -> str:
    """Statements joined as drizzle-kit joins them: the marker right after ``;``, multi-line ones end in a newline."""
    return _SEPARATOR.join(map(_piece, statements))


_SEPARATOR = BREAKPOINT + "\n"


def _piece(statement: str) -> str:
    return statement + "\n" if "\n" in statement else statement


@dataclass(frozen=True)
class Rendered:
    """Each operation's statements, rendered once for the parse check and the files (rendering a
    1,000-table CREATE is a fifth of an initial generate). ``down`` pairs each statement of a reverse
    with the operation it undoes, in the down file's order."""

    up: tuple[tuple[Operation, str], ...]
    down: tuple[tuple[Operation, str], ...]


def render(
    ops: Sequence[Operation], *, down: bool = True, feed: Callable[[str], object] | None = None
) -> Rendered:
    """The up statements and (unless ``down`` is false) the down statements of ``ops``.

    ``feed`` is given the up file's text part by part as it is rendered: each part whole statements
    with their breakpoints, ending right after a breakpoint's line (the last at the file's end), so
    together they are ``migration_sql``'s text and each can be parsed on its own
    (``pgshift.pg.parser.parse_migration_part``)."""
    up = tuple((op, stmt) for op in ops for stmt in op.sql()) if feed is None else _fed(ops, feed)
    if not down:
        return Rendered(up, ())
    reverses = [(op, rev) for op in reversed(ops) if (rev := op.reverse()) is not None]
    return Rendered(up, tuple((op, stmt) for op, rev in reverses for stmt in rev.sql()))


_PART = 1 << 16  # characters of the up file fed at a time


def _fed(ops: Sequence[Operation], feed: Callable[[str], object]) -> tuple[tuple[Operation, str], ...]:
    up = []
    pending: list[str] = []  # pieces not fed yet: the last waits for a next statement, or the end
    size = 0
    for op in ops:
        for stmt in op.sql():
            up.append((op, stmt))
            if size >= _PART:  # a statement follows them: each gets its breakpoint
                feed(_SEPARATOR.join(pending) + _SEPARATOR)
                pending, size = [], 0
            piece = _piece(stmt)
            pending.append(piece)
            size += len(piece)
    feed(_SEPARATOR.join(pending))
    return tuple(up)


def migration_sql(ops: Sequence[Operation], rendered: Rendered | None = None) -> str:
    """The up migration file text (from ``rendered`` when the statements were rendered already).

    No transaction header: the runner splits every file into transaction groups itself
    (pgshift.runner.groups: a CONCURRENTLY statement alone, a new enum value committed before its first
    use, VALIDATE after its NOT VALID add), so the rest of a mixed migration keeps its transactions.
    """
    statements = (rendered or render(ops, down=False)).up
    return join_statements([stmt for _, stmt in statements])


def irreversible_reasons(ops: Sequence[Operation]) -> list[str]:
    return [op.describe() for op in ops if op.reverse() is None]


def down_sql(ops: Sequence[Operation], rendered: Rendered | None = None) -> str:
    """The down migration: every op's reverse in reverse order.

    If some op cannot be undone at all, the first line is ``-- pgshift:irreversible <what>`` so the
    runner refuses the file instead of pretending; the reversible statements follow for a person to
    adapt. What the reverse re-creates in shape only (a dropped table or column comes back empty, a
    dropped sequence starts over) is named in ``-- pgshift:data-loss`` lines, which ``rollback`` shows
    before it runs anything.
    """
    from pgshift.diff.kinds.base import destroyed_by

    body = join_statements([stmt for _, stmt in (rendered or render(ops)).down])
    header = ""
    reasons = irreversible_reasons(ops)
    if reasons:
        header += f"-- {IRREVERSIBLE} {'; '.join(reasons)}\n"
    for line in data_loss_lines(destroyed_by(ops)):
        header += f"-- {DATA_LOSS} {line}\n"
    return header + body


def data_loss_lines(destroyed: Iterable[Destroyed]) -> list[str]:
    """What the down file restores in structure only, one line each (an enum value holds no data: rows
    using it make the up migration fail instead)."""
    from pgshift.diff.kinds.base import DestroyedKind

    out: list[str] = []
    for item in destroyed:
        if item.kind in (DestroyedKind.TABLE, DestroyedKind.COLUMN):
            out.append(f"{item.what} comes back empty")
        elif item.kind is DestroyedKind.COLUMN_VALUES:
            out.append(f"{item.what} come back as computed, not as they were")
        elif item.kind is DestroyedKind.SEQUENCE:
            out.append(f"{item.what} starts again from its first value")
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class CheckedFiles:
    """A migration's two files, their text checked by the PostgreSQL parser; ``statements`` is the up
    file parsed (positions in the file), which the linter takes instead of parsing it again, and
    ``findings`` the up file linted beside the parse when a linter was given (None: not linted here)."""

    rendered: Rendered
    up: str
    down: str
    statements: list[Statement] | None  # None: each statement parses, the file does not (linted so)
    findings: list[Any] | None = None  # what the linter returned (pgshift.lint's Findings: a later stage)


# The up file's text and its statements -> its findings (``lint_text`` with the caller's path and settings).
Linter = Callable[[str, "list[Statement]"], "list[Any]"]


class FilesCheck:
    """``check_parses`` for the text of a migration's files, done while the caller goes on (building
    the snapshot); ``result()`` waits for it. It raises ``UnparsableSqlError`` as ``check_parses``
    does, naming the operation, so nothing is written.

    Given a ``lint``, the check and the linter run in a forked child (``pgshift.forked``), on the
    other core: reading libpg_query's trees into Python and linting them hold the GIL, so in a thread
    they only took turns with the snapshot (a 1,000-table initial generate waited ~90 ms for the
    thread after its own work). The child is forked before the files are rendered and parses the up
    file part by part as this process renders it (``render(feed=...)``), so the parse keeps pace with
    the rendering instead of starting after it (~25 ms less on that generate). Where no child can be
    forked, or it fails, the parse runs in a thread (libpg_query itself lets go of the GIL) and
    ``findings`` is None: the caller lints.

    A caller that knows it will check files can start the child first and give the operations later
    (``FilesCheck(writing=..., lint=...)``, then ``check(ops)``).

    A caller that stops before ``result()`` calls ``cancel()`` (the child is killed and reaped).
    """

    def __init__(
        self, ops: Sequence[Operation] | None = None, *, writing: str, lint: Linter | None = None
    ) -> None:
        """Start the check of ``ops``' files; with ``ops`` None, only its child, before the operations
        are known (``check(ops)`` then): generate starts it before loading the schema code, while this
        process is small (see ``pgshift.forked``: the pages a child shares are copied when either side
        writes them; a child forked beside a 1,000-table model made this process's rendering and
        snapshot ~20 ms slower)."""
        from pgshift import forked

        self._writing = writing
        self._pool: ThreadPoolExecutor | None = None
        self._child = forked.start_fed(partial(_check_and_lint, lint)) if lint is not None else None
        if ops is not None:
            self.check(ops)

    def check(self, ops: Sequence[Operation]) -> None:
        """Render ``ops``' files and check them: the child parses the up file part by part as it is
        rendered here; without one, a thread parses them once they are."""
        self._ops = ops
        child = self._child
        self.rendered = render(ops, feed=None if child is None else _Feeder(child))
        if child is not None:
            child.end_input()  # the file is whole: the child lints it now, not when result() is asked
        self.up, self.down = migration_sql(ops, self.rendered), down_sql(ops, self.rendered)
        if child is None:
            self._start_thread()

    def _start_thread(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pgshift-parse")
        self._parsing: Future[list[Statement] | None] = self._pool.submit(self._parse)

    def _parse(self) -> list[Statement] | None:
        """The up file's statements; None when either file does not parse (``check_parses`` then finds
        the operation)."""
        from pgshift.pg.parser import SqlSyntaxError, parse_migration

        if not _checks(self.down):
            return None
        try:
            return parse_migration(self.up, plain=True)  # the plain trees the linter reads
        except SqlSyntaxError:
            return None

    def result(self) -> CheckedFiles:
        if self._child is not None:
            child, self._child = self._child, None
            if not _checks(self.down):  # the down file is checked here, while the child lints
                child.cancel()
                statements = None
            elif (sent := child.result()) is None:  # the child could not say: check here, the caller lints
                statements = self._parse()
            elif sent[0]:
                return CheckedFiles(self.rendered, self.up, self.down, None, sent[1])
            else:
                statements = None
        else:
            try:
                statements = self._parsing.result()
            finally:
                self.cancel()
        if statements is None:
            check_parses(self._ops, writing=self._writing)  # raises, naming the operation
        return CheckedFiles(self.rendered, self.up, self.down, statements)

    def cancel(self) -> None:
        """Stop the check (the caller gave up: an error, Ctrl+C); the thread is waited for."""
        if self._child is not None:
            self._child.cancel()
            self._child = None
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class _Feeder:
    """Sends the child the up file's parts; every other one with libpg_query's parse of it done here.

    Why: the child's share (parsing every part, then linting the file) outlasted this process's
    (rendering, then the snapshot). The parser's own work, a third of the parse, is done here for half
    the parts, so the two finish closer together: on a 1,000-table generate, 105-108 ms from the end of
    the diff to the checked files, against 113-117 ms with every part parsed in the child (and 109-112
    with every third here). Reading the JSON into Python stays in the child, which lints it (trees do
    not cross processes cheaply, JSON text does). A part that does not parse is sent alone: the child's
    own parse finds the error."""

    def __init__(self, child: Forked[Any]) -> None:
        self._child, self._parts = child, 0

    def __call__(self, part: str) -> None:
        from postgast import PgQueryError

        from pgshift.pg.parser import plain_json

        text = part.encode()
        self._parts += 1
        if self._parts % 2 == 0:  # (the first goes at once: the child starts on it)
            try:
                tree = plain_json(part)
            except PgQueryError:  # the child's own parse finds (and places) the error
                tree = None
            if tree is not None:
                self._child.feed(b"j" + len(text).to_bytes(8, "little") + text + tree)
                return
        self._child.feed(b"t" + text)


def _received(message: bytes) -> tuple[str, bytes | None]:
    """A ``_Feeder`` message: the part's text, and its parse tree's JSON when it came with it."""
    if message[:1] == b"j":
        size = int.from_bytes(message[1:9], "little")
        return message[9 : 9 + size].decode(), message[9 + size :]
    return message[1:].decode(), None


def _checks(down: str) -> bool:
    """Whether the down file parses (only checked: no trees)."""
    from pgshift.pg.parser import SqlSyntaxError, check_migration

    try:
        check_migration(down)
    except SqlSyntaxError:
        return False
    return True


# What the child parses and lints while it waits for the first part: the first call of each loads
# modules and fills caches (~4 ms that would otherwise come after the last part, on the critical path).
_WARM_UP = (
    'CREATE TABLE "public"."t" (\n\t"id" serial PRIMARY KEY NOT NULL,\n\t"v" varchar(20)\n);\n'
    + BREAKPOINT
    + '\nCREATE INDEX "t_v" ON "public"."t" USING btree ("v");'
)


def _check_and_lint(lint: Linter, messages: Iterator[bytes]) -> tuple[bool, list[Any] | None]:
    """In ``FilesCheck``'s child: (whether the up file parses, its findings). The file comes in parts as
    it is rendered, each parsed as it comes. Before the first, while the parent is still busy, the
    parser and the linter are warmed up on ``_WARM_UP`` (pure functions: nothing of it is kept)."""
    from pgshift.pg.parser import SqlSyntaxError, parse_migration_part

    with contextlib.suppress(Exception):
        lint(_WARM_UP, parse_migration_part(_WARM_UP, 0, 1, plain=True))
    parts: list[str] = []
    statements: list[Statement] = []
    offset, line, ok = 0, 1, True
    for message in messages:
        text, tree = _received(message)
        if ok:  # (after an error the rest is still read: the parent is still sending it)
            try:
                statements += parse_migration_part(text, offset, line, plain=True, tree=tree)
            except SqlSyntaxError:
                ok = False
        parts.append(text)
        offset += len(text)
        line += text.count("\n")
    return (True, lint("".join(parts), statements)) if ok else (False, None)


def check_parses(ops: Sequence[Operation], *, writing: str) -> Rendered:
    """Refuse SQL the PostgreSQL parser rejects (the up and the down statements), before anything is
    written or run: the error names the operation, its object and the statement. Returns the statements
    it rendered, for the files.

    Such SQL comes from schema code that puts text where it does not belong (an expression that is
    no valid SQL in its place); the linter would report it only after the files exist.
    """
    from pgshift.errors import UnparsableSqlError
    from pgshift.pg.parser import SqlSyntaxError, parse_statements

    rendered = render(ops)
    texts = (*rendered.up, *rendered.down)
    try:
        parse_statements("\n".join(stmt for _, stmt in texts))
        return rendered
    except SqlSyntaxError:
        pass  # find the statement (one parse of everything is the cheap common case)
    for op, stmt in texts:
        try:
            parse_statements(stmt)
        except SqlSyntaxError as exc:
            raise UnparsableSqlError(
                f"{op.describe()}: pgshift would write SQL that PostgreSQL cannot parse ({exc.message}):\n"
                f"  {stmt}",
                where=op.subject,
                hint=f"fix how the schema code declares {op.subject} (text() must hold SQL valid in its "
                f"place, e.g. index keys as in CREATE INDEX: `v DESC`, `lower(v) text_pattern_ops`); "
                f"nothing was {writing}",
            ) from None
    return rendered
