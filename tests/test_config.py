"""Config loading: file discovery, validation errors that name the key and file, flag overrides."""

from pathlib import Path

import pytest

from pgshift.config import Config, load_config, resolve_environment, resolve_url
from pgshift.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path: Path):
    config = load_config(cwd=tmp_path)
    assert config.source is None
    assert config.out == "drizzle"
    assert config.migrations_table == "__drizzle_migrations"
    assert config.migrations_schema == "drizzle"
    assert config.schema_filter == ("public",)
    assert config.out_dir == (tmp_path / "drizzle").resolve()


def test_pyproject_tool_table_found_from_a_subfolder(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[tool.pgshift]\nschema = "app.models:Base"\nout = "migrations"\n')
    sub = tmp_path / "src" / "app"
    sub.mkdir(parents=True)
    config = load_config(cwd=sub)
    assert config.schema == "app.models:Base"
    assert config.out_dir == (tmp_path / "migrations").resolve()
    assert config.source == tmp_path / "pyproject.toml"


def test_pyproject_without_tool_pgshift_is_skipped(tmp_path: Path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(cwd=tmp_path).source is None


def test_pgshift_toml_has_top_level_keys(tmp_path: Path):
    write(tmp_path / "pgshift.toml", 'schema = "schema.py"\ntables_filter = ["app_*", "!app_tmp"]\n')
    config = load_config(cwd=tmp_path)
    assert config.tables_filter == ("app_*", "!app_tmp")


def test_unknown_key_names_key_and_file(tmp_path: Path):
    path = write(tmp_path / "pgshift.toml", 'migration_table = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert "migration_table" in info.value.message
    assert str(path) in str(info.value)
    assert "migrations_table" in (info.value.hint or "")


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("prefix = 'weekly'", "prefix"),
        ("lock_timeout = 'soon'", "lock_timeout"),
        ("lock_retries = -1", "lock_retries"),
        ("out = 3", "out"),
        ("schema_filter = [1]", "schema_filter"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, line: str, key: str):
    write(tmp_path / "pgshift.toml", line + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(cwd=tmp_path)
    assert repr(key) in info.value.message


def test_invalid_toml_is_a_config_error(tmp_path: Path):
    write(tmp_path / "pgshift.toml", "schema = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(cwd=tmp_path)


def test_flags_override_file_and_are_relative_to_cwd(tmp_path: Path):
    write(tmp_path / "pgshift.toml", 'out = "a"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = load_config(tmp_path / "pgshift.toml", cwd=elsewhere, overrides={"out": "b", "schema": None})
    assert config.out_dir == (elsewhere / "b").resolve()


def test_explicit_missing_config_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="not found"):
        load_config("nope.toml", cwd=tmp_path)


def test_url_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://from-env/db")
    monkeypatch.setenv("PROD_PASSWORD", "s3cret")
    write(
        tmp_path / "pgshift.toml",
        'url = "postgresql://from-file/db"\n'
        "[environments.production]\n"
        'url = "postgresql://app:${PROD_PASSWORD}@prod/db"\nprotected = true\n',
    )
    config = load_config(cwd=tmp_path)
    assert resolve_url(config, flag="postgresql://flag/db") == "postgresql://flag/db"
    assert resolve_url(config, env="production") == "postgresql://app:s3cret@prod/db"
    assert resolve_url(config) == "postgresql://from-file/db"
    assert resolve_url(Config(root=tmp_path)) == "postgresql://from-env/db"
    monkeypatch.delenv("DATABASE_URL")
    assert resolve_url(Config(root=tmp_path)) is None
    assert resolve_environment(config, "production").protected is True


def test_unknown_environment_and_missing_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NOPE", raising=False)
    write(tmp_path / "pgshift.toml", '[environments.staging]\nurl = "postgresql://${NOPE}@h/db"\n')
    config = load_config(cwd=tmp_path)
    with pytest.raises(ConfigError, match="unknown environment 'prod'"):
        resolve_url(config, env="prod")
    with pytest.raises(ConfigError, match="NOPE is not set"):
        resolve_url(config, env="staging")


def test_environment_unknown_key(tmp_path: Path):
    write(tmp_path / "pgshift.toml", '[environments.prod]\nurl = "x"\nprotect = true\n')
    with pytest.raises(ConfigError, match="'protect'"):
        load_config(cwd=tmp_path)


def test_lint_severities_validated(tmp_path: Path):
    write(tmp_path / "pgshift.toml", '[lint]\nban-drop-column = "loud"\n')
    with pytest.raises(ConfigError, match="bad severity 'loud'"):
        load_config(cwd=tmp_path)


def test_run_options_tracking_table_and_scope_are_built_from_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pgshift.config import Config
    from pgshift.runner.options import run_options, tracking_table

    config = Config(
        root=tmp_path,
        migrations_schema="ops",
        migrations_table="applied",
        schema_filter=("public", "ops", "app"),
        tables_filter=("!tmp_*",),
        lock_timeout="2s",
        lock_retries=4,
    )
    assert tracking_table(config).display == '"ops"."applied"'
    options = run_options(config)
    assert (options.lock_timeout, options.retries) == ("2s", 4)
    options = run_options(config, lock_timeout="300ms", retries=0, to="0001_x")
    assert (options.lock_timeout, options.retries, options.to) == ("300ms", 0, "0001_x")
    scope = config.introspect_scope(["billing"])
    assert scope.schemas == ("app", "billing", "public")  # the tracking table's schema is never managed
    assert scope.exclude_tables == (("ops", "applied"),)
    assert scope.tables_filter == ("!tmp_*",)


def test_config_file_that_is_not_utf8_is_a_config_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from pgshift.config import load_config
    from pgshift.errors import ConfigError

    (tmp_path / "pgshift.toml").write_bytes(b'out = "dr\xe9zzle"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(cwd=tmp_path)


def test_mistyped_key_gets_did_you_mean(tmp_path):
    from pgshift.config import load_config
    from pgshift.errors import ConfigError

    (tmp_path / "pgshift.toml").write_text('shcema = "models.py"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "pgshift.toml")
    assert "did you mean 'schema'?" in (info.value.hint or "")


def test_tool_table_inside_pgshift_toml_says_keys_go_top_level(tmp_path):
    from pgshift.config import load_config
    from pgshift.errors import ConfigError

    (tmp_path / "pgshift.toml").write_text('[tool.pgshift]\nschema = "models.py"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "pgshift.toml")
    assert "top level" in (info.value.hint or "")
