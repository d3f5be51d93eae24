"""Configuration: ``[tool.pgshift]`` in pyproject.toml, or ``pgshift.toml``, overridden by flags.

One place validates every key, so a typo (``migration_table``) or a bad value is one clear error that
names the key and the file, instead of a silently ignored setting.

Paths follow one rule, owned by ``resolve_path`` and applied by every command: a relative path written
in the config file (``schema``, ``out``, ``sql``) or left at its default (``out = "drizzle"``, pull's
``schema.py``, the embedded database's ``.pgshift``) resolves against the config file's folder, the
project root; a relative path typed on the command line (``--schema``, ``--out``, ``pull --output``,
``check PATHS``, ``migrate --backup``) resolves against the current directory, as every shell tool's
arguments do. So ``pgshift generate --config sub/pgshift.toml`` run from anywhere writes to the same
folder as ``cd sub && pgshift generate``. Without a config file the root is the current directory.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pgshift.errors import ConfigError

PREFIX_MODES = ("index", "timestamp", "unix", "none")
SEVERITIES = ("error", "warning", "info", "off")


@dataclass(frozen=True)
class Environment:
    """A named target such as ``staging`` or ``production`` (``[tool.pgshift.environments.NAME]``)."""

    name: str
    url: str | None = None
    protected: bool = False


@dataclass(frozen=True)
class Config:
    """Every setting pgshift reads, with its default. See README "Configuration" for each key."""

    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    schema: str | None = None
    # Where a relative ``schema`` (a file path, or the folder a module is imported from) is found:
    # None for the config file's value (the root); the current directory for a --schema flag.
    schema_base: Path | None = None
    out: str = "drizzle"
    url: str | None = None
    migrations_table: str = "__drizzle_migrations"
    migrations_schema: str = "drizzle"
    schema_filter: tuple[str, ...] = ("public",)
    tables_filter: tuple[str, ...] = ()
    prefix: str = "index"
    lock_timeout: str = "1s"  # short: writers queue behind a waiting DDL statement at most this long
    statement_timeout: str | None = None
    lock_retries: int = 10
    environments: dict[str, Environment] = field(default_factory=dict)
    lint: dict[str, str] = field(default_factory=dict)
    sql: tuple[str, ...] = ()
    dev_url: str | None = None

    @property
    def out_dir(self) -> Path:
        """The migration folder, absolute."""
        return self.path(self.out)

    @property
    def schema_root(self) -> Path:
        """The folder a relative ``schema`` spec is read from (see the module docstring's path rule)."""
        return self.schema_base or self.root

    def path(self, value: str | Path) -> Path:
        """A path from the config file or a default, absolute: relative ones resolve against the root."""
        return resolve_path(value, self.root)

    def where(self, key: str) -> str:
        """Where a key came from, for error messages."""
        return f"{self.source}: {key}" if self.source else key

    def introspect_scope(self, extra_schemas: Iterable[str] = ()) -> IntrospectScope:
        """What of a live database this project manages (push, pull, drift, ``check --db``).

        The configured schemas plus ``extra_schemas`` (those the schema code uses), without the
        schema of the tracking table, and never the tracking table itself.
        """
        schemas = sorted({*self.schema_filter, *extra_schemas} - {self.migrations_schema})
        return IntrospectScope(
            schemas=tuple(schemas),
            tables_filter=self.tables_filter,
            exclude_tables=((self.migrations_schema, self.migrations_table),),
        )


@dataclass(frozen=True)
class IntrospectScope:
    """The filter arguments of ``sources.introspect.introspect``, built once by Config.introspect_scope."""

    schemas: tuple[str, ...]
    tables_filter: tuple[str, ...]
    exclude_tables: tuple[tuple[str, str], ...]


# key -> (validator, description used in errors)
def _str(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("must be a non-empty string")
    return value


def _str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise ValueError("must be a string or a list of strings")


def _prefix(value: Any) -> str:
    if not isinstance(value, str) or value not in PREFIX_MODES:
        raise ValueError(f"must be one of {', '.join(PREFIX_MODES)}")
    return value


_DURATION = r"^\d+(\.\d+)?\s*(ms|s|min|h)?$"  # compiled on first use, not at import (start-up)


def _duration(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return f"{value}ms"
    if isinstance(value, str) and re.match(_DURATION, value.strip()):
        return value.strip()
    raise ValueError('must be a duration such as "5s", "500ms" or "2min"')


def _non_negative_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number >= 0")
    return value


_SCALARS = {
    "schema": _str,
    "out": _str,
    "url": _str,
    "migrations_table": _str,
    "migrations_schema": _str,
    "schema_filter": _str_list,
    "tables_filter": _str_list,
    "prefix": _prefix,
    "lock_timeout": _duration,
    "statement_timeout": _duration,
    "lock_retries": _non_negative_int,
    "sql": _str_list,  # declarative .sql files (functions, triggers, views...), relative to the config
    "dev_url": _str,  # scratch server on which declarations are read back canonically
}
KNOWN_KEYS = (*_SCALARS, "environments", "lint")


def resolve_path(value: str | Path, base: Path) -> Path:
    """The one path rule (module docstring): ``value`` made absolute against ``base`` — the config
    file's folder for the file's keys and defaults, the current directory for command-line paths.

    An absolute ``value`` (or one starting with ``~``) ignores ``base``; the result is normalised, so
    a path resolved once (a flag, made absolute by ``load_config``) keeps its meaning when joined again.
    """
    return (base / Path(value).expanduser()).resolve()


def find_config_file(start: Path) -> Path | None:
    """The nearest pgshift.toml, or pyproject.toml holding [tool.pgshift], at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / "pgshift.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError):
                continue
            if "pgshift" in data.get("tool", {}):
                return pyproject
    return None


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read config file: {exc.strerror}", where=str(path)) from exc
    except UnicodeDecodeError:
        raise ConfigError("config file is not UTF-8 text", where=str(path), hint="save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file is not valid TOML: {exc}", where=str(path)) from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("pgshift", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.pgshift] must be a table", where=str(path))
        return table
    return data


def _parse(table: dict[str, Any], source: Path | None) -> dict[str, Any]:
    """Validate a raw table into Config keyword arguments; the first bad key raises."""
    where = str(source) if source else "flags"
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KNOWN_KEYS:
            raise ConfigError(f"unknown config key {key!r}", where=where, hint=_unknown_key_hint(key, source))
        if key == "environments":
            out[key] = _parse_environments(value, where)
        elif key == "lint":
            out[key] = _parse_lint(value, where)
        else:
            try:
                out[key] = _SCALARS[key](value)
            except ValueError as exc:
                raise ConfigError(f"bad value for {key!r}: {value!r} {exc}", where=where) from None
    return out


def _unknown_key_hint(key: str, source: Path | None) -> str:
    """What to do about an unknown key: the likely intended key, or where keys of pgshift.toml go."""
    import difflib

    if key == "tool" and source is not None and source.name == "pgshift.toml":
        return "in pgshift.toml the keys go at the top level, without a [tool.pgshift] table"
    close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
    known = f"known keys: {', '.join(KNOWN_KEYS)}"
    return f"did you mean {close[0]!r}? ({known})" if close else known


def _parse_environments(value: Any, where: str) -> dict[str, Environment]:
    if not isinstance(value, dict):
        raise ConfigError("'environments' must be a table of tables", where=where)
    envs: dict[str, Environment] = {}
    for name, body in value.items():
        if not isinstance(body, dict):
            raise ConfigError(f"environments.{name} must be a table", where=where)
        unknown = set(body) - {"url", "protected"}
        if unknown:
            raise ConfigError(
                f"unknown key {sorted(unknown)[0]!r} in environments.{name}",
                where=where,
                hint="an environment takes 'url' and 'protected'",
            )
        url = body.get("url")
        if url is not None and not isinstance(url, str):
            raise ConfigError(f"environments.{name}.url must be a string", where=where)
        protected = body.get("protected", False)
        if not isinstance(protected, bool):
            raise ConfigError(f"environments.{name}.protected must be true or false", where=where)
        envs[name] = Environment(name=name, url=url, protected=protected)
    return envs


def _parse_lint(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError("'lint' must be a table of rule-id = severity", where=where)
    for rule, severity in value.items():
        if severity not in SEVERITIES:
            raise ConfigError(
                f"bad severity {severity!r} for lint rule {rule!r}",
                where=where,
                hint=f"use one of {', '.join(SEVERITIES)}",
            )
    return dict(value)


def load_config(
    config_path: str | Path | None = None,
    *,
    cwd: Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Load the config file (explicit, or the nearest one) and apply flag overrides.

    ``overrides`` holds flag values; ``None`` values are ignored so unset flags keep the file's value.
    """
    cwd = (cwd or Path.cwd()).resolve()
    if config_path is not None:
        explicit = (cwd / config_path).resolve()
        if not explicit.is_file():
            raise ConfigError("config file not found", where=str(explicit))
        source: Path | None = explicit
    else:
        source = find_config_file(cwd)
    values = _parse(_read_table(source), source) if source else {}
    config = Config(root=source.parent if source else cwd, source=source, **values)
    flags = {k: v for k, v in (overrides or {}).items() if v is not None}
    if flags:
        parsed = _parse(flags, None)
        # Flag paths are relative to the current directory (the path rule), not the config's folder.
        if "out" in parsed:
            parsed["out"] = str(resolve_path(parsed["out"], cwd))
        if "sql" in parsed:
            parsed["sql"] = tuple(str(resolve_path(name, cwd)) for name in parsed["sql"])
        if "schema" in parsed:
            parsed["schema_base"] = cwd
        config = replace(config, **parsed)
    return config


_VAR = r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}"  # compiled on first use, not at import (start-up)


def interpolate(text: str, where: str) -> str:
    """Replace ``${VAR}`` with the environment variable's value; a missing variable is an error."""

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise ConfigError(
                f"environment variable {name} is not set",
                where=where,
                hint=f"export {name}=... or change the url",
            )
        return os.environ[name]

    if "${" not in text:
        return text
    return re.sub(_VAR, sub, text)


def resolve_environment(config: Config, env: str | None) -> Environment | None:
    """The environment chosen with ``--env``, or None; an unknown name is an error."""
    if env is None:
        return None
    if env not in config.environments:
        known = ", ".join(sorted(config.environments)) or "none are configured"
        raise ConfigError(
            f"unknown environment {env!r}", where=config.where("environments"), hint=f"known: {known}"
        )
    return config.environments[env]


def resolve_url(config: Config, *, env: str | None = None, flag: str | None = None) -> str | None:
    """The database URL: --url, then --env's url, then config ``url``, then $DATABASE_URL.

    None means "no database configured": commands then use the embedded development database.
    """
    if flag:
        return interpolate(flag, "--url")
    environment = resolve_environment(config, env)
    if environment is not None:
        if not environment.url:
            raise ConfigError(f"environment {env!r} has no url", where=config.where(f"environments.{env}"))
        return interpolate(environment.url, config.where(f"environments.{env}.url"))
    if config.url:
        return interpolate(config.url, config.where("url"))
    return os.environ.get("DATABASE_URL") or None
