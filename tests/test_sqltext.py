"""Statement splitting through libpg_query, with positions in the whole file."""

import pytest

from pgshift.pg.parser import SqlSyntaxError, parse_migration, parse_statements


def test_dollar_quotes_and_strings_do_not_split():
    sql = "select ';'; do $$ begin perform 1; end $$; create table t (x int);"
    kinds = [s.kind for s in parse_statements(sql)]
    assert kinds == ["select_stmt", "do_stmt", "create_stmt"]


def test_positions_across_breakpoints():
    sql = (
        "-- header\nCREATE TABLE a (x int);--> statement-breakpoint\n\nCREATE INDEX CONCURRENTLY i ON a (x);"
    )
    first, second = parse_migration(sql)
    assert (first.line, first.column, first.kind) == (2, 1, "create_stmt")
    assert (second.line, second.kind) == (4, "index_stmt")
    assert second.node.concurrent is True


def test_syntax_error_located_in_whole_file():
    sql = "create table a (x int);--> statement-breakpoint\nselect 1;\ncreate tabl x (y int);"
    with pytest.raises(SqlSyntaxError) as info:
        parse_migration(sql)
    assert (info.value.line, info.value.column) == (3, 8)
    assert "tabl" in info.value.message


def test_non_ascii_keeps_positions():
    sql = "select 'ééé';\nselect 2;"
    assert [s.line for s in parse_statements(sql)] == [1, 2]
    assert parse_statements(sql)[1].text == "select 2"
