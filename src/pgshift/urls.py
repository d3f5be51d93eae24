"""Connection URLs at the edges: accept the forms people have, and never show a password.

Two functions own the two rules:

- ``normalize_url`` turns every accepted spelling into one libpq understands: ``postgresql://`` and
  ``postgres://`` in any letter case, SQLAlchemy's ``postgresql+psycopg://`` (``+psycopg2``,
  ``+asyncpg``, ``+pg8000``, any driver), passwords holding unencoded ``/ # ? @``, and key=value
  conninfo strings (passed through). The CLI, the config, ``$DATABASE_URL`` and the Python API all
  call it, and it remembers the password it saw so ``mask_secrets`` can find it anywhere later.
- ``mask_secrets`` replaces every password in any text (URIs of any scheme and case, key=value
  ``password=``, ``?password=`` query parameters, and every password seen by ``normalize_url``,
  raw or percent-encoded) with ``***``. Every output, error, ``--json`` document and log line goes
  through it (``PgshiftError`` masks itself on construction).

Child processes (``pg_dump``) get the password through the environment, never argv:
``split_password`` gives the conninfo without it plus the password for ``PGPASSWORD``.

Nothing here imports psycopg at module level: ``pgshift.errors`` uses ``mask_secrets`` and must stay
cheap for ``pgshift --help``.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

MASK = "***"

# The patterns are compiled on first use (``re``'s own cache), not at import: every command imports
# this module, and most runs mask only short messages with nothing in them that could be a secret.
# scheme://user:  (any scheme, any case) — the password runs to the last "@" on the same line.
_URI_USER = r"(?i)\b[a-z][a-z0-9+.\-]*://[^\s:/@?#'\"]*:"
_KV_PASSWORD = r"(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|\"(?:[^\"\\]|\\.)*\"?|[^\s&#]+)"
_QUERY_PASSWORD = r"(?i)([?&]password=)[^&#\s]*"
_SCHEME = r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://"
_STRAY_PERCENT = r"%(?![0-9A-Fa-f]{2})"
_POSTGRES_SCHEMES = {"postgresql", "postgres", "pgsql"}

_MIN_LITERAL = 4
# Passwords seen by normalize_url in this process: masked wherever they appear, whatever the form.
_SECRETS: set[str] = set()


def remember_secret(secret: str | None) -> None:
    """Mask ``secret`` (and its percent-encoded forms) in every later ``mask_secrets`` call."""
    if not secret or len(secret) < _MIN_LITERAL:
        return  # a one-letter password would mask every such letter; the structural rules still apply
    for form in {secret, quote(secret, safe=""), quote(secret, safe="%"), unquote(secret)}:
        if form:
            _SECRETS.add(form)


def _mask_uri_passwords(text: str) -> str:
    out: list[str] = []
    pos = 0
    for match in re.finditer(_URI_USER, text):
        if match.start() < pos:
            continue
        start = match.end()
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        at = text.rfind("@", start, line_end)
        if at < 0:
            continue  # scheme://host:port/... carries no password
        out.append(text[pos:start])
        out.append(MASK)
        pos = at
    out.append(text[pos:])
    return "".join(out)


# Option names (foreign servers, foreign tables and their columns, wrappers) whose values may be
# credentials: ``password``, ``sslpassword``, ``passwd``, ``secret``, ``token``, ``api_key``,
# ``credentials``... Their values are never read out of the catalog (the queries filter them by this
# pattern, passed as ``%(secret_options)s``), never written to a snapshot, code or migration, and a
# declaration naming one is refused. The pattern is PostgreSQL's ``~*`` and Python's ``re`` alike.
SECRET_OPTION_PATTERN = r"pass|secret|token|credential|api_?key|private_?key"


def is_secret_option(name: str) -> bool:
    """Whether an option named ``name`` may hold a credential (see ``SECRET_OPTION_PATTERN``)."""
    return re.search(SECRET_OPTION_PATTERN, name, re.IGNORECASE) is not None


def mask_secrets(text: str) -> str:
    """``text`` with every password replaced by ``***`` (see the module docstring for the forms)."""
    if not text:
        return text
    # Fast path: the structural rules need "://" (a URI) or "password" (key=value, ?password=); most
    # text (progress lines, a 5 MB --json report of findings) has neither, so no pattern runs on it.
    if "://" in text:
        text = _mask_uri_passwords(text)
    if "password" in text.casefold():
        text = re.sub(_KV_PASSWORD, lambda m: m.group(1) + MASK, text)
        text = re.sub(_QUERY_PASSWORD, lambda m: m.group(1) + MASK, text)
    if _SECRETS:
        for secret in sorted(_SECRETS, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
    return text


def mask_url(text: str) -> str:
    """The same as ``mask_secrets`` (the older name, used across the code base)."""
    return mask_secrets(text)


def _repair_userinfo(rest: str) -> str:
    """Percent-encode a password holding unencoded ``/ # ? @`` so the URI parses as its author meant.

    ``rest`` is what follows ``scheme://``. The user information runs to the last ``@`` that is
    followed by a host (no further ``@``); only the password part is encoded, and ``%`` is kept so
    already-encoded passwords stay as they are.
    """
    at = rest.rfind("@")
    if at < 0:
        return rest
    userinfo, hostpart = rest[:at], rest[at + 1 :]
    user, colon, password = userinfo.partition(":")
    if not colon or any(c in user for c in "/?#@"):
        return rest
    password = re.sub(_STRAY_PERCENT, "%25", password)
    if any(c in password for c in "/?#@[] "):
        password = quote(password, safe="%!$&()*+,;=:~")
    return f"{user}:{password}@{hostpart}"


def _uri_passwords(rest: str) -> tuple[str, ...]:
    """The URL's password as written and as the repaired URL spells it: libpq quotes either back in
    its errors (``forbidden value %00 in percent-encoded value: "..."``)."""
    at = rest.rfind("@")
    if at < 0:
        return ()
    _user, colon, password = rest[:at].partition(":")
    if not colon:
        return ()
    _user, _, repaired = _repair_userinfo(rest).rpartition("@")[0].partition(":")
    return (password, repaired, unquote(password))


def normalize_url(url: str) -> str:
    """The URL in a form libpq accepts; raises ``ConfigError`` for a non-PostgreSQL scheme.

    ``postgresql+psycopg2://U:p/w@h/db`` -> ``postgresql://U:p%2Fw@h/db``; ``POSTGRES://...`` ->
    ``postgresql://...``; key=value strings are returned unchanged. The password is remembered for
    masking.
    """
    text = url.strip()
    match = re.match(_SCHEME, text)
    if match is None:
        if "=" in text:
            found = re.search(_KV_PASSWORD, text)
            if found:
                remember_secret(found.group(2).strip("'\""))
            return text
        if text and "://" not in text:
            return text  # an empty string or a bare name: libpq's defaults / its own error
        raise _bad_url(text)
    scheme = match.group("scheme").lower()
    base, _, _driver = scheme.partition("+")
    if base not in _POSTGRES_SCHEMES:
        raise _bad_url(text)
    rest = text[match.end() :]
    passwords = _uri_passwords(rest)
    for password in passwords:
        remember_secret(password)
    if passwords:
        from urllib.parse import unquote_to_bytes

        try:
            if b"\x00" in unquote_to_bytes(passwords[1]).decode("utf-8").encode():
                raise UnicodeDecodeError("utf-8", b"\x00", 0, 1, "NUL")  # libpq refuses it: same advice
        except UnicodeDecodeError:
            from pgshift.errors import ConfigError

            raise ConfigError(
                f"the password in {mask_secrets(text)} is not valid percent-encoding: it decodes to bytes "
                "that are not UTF-8 text (or to a NUL byte)",
                hint="write a literal % in a password as %25",
            ) from None
    return "postgresql://" + _repair_userinfo(rest)


def _bad_url(text: str) -> Exception:
    from pgshift.errors import ConfigError

    return ConfigError(
        f"not a PostgreSQL connection URL: {mask_secrets(text)!r}",
        hint="use postgresql://user:password@host:port/dbname (postgres://, postgresql+psycopg:// and "
        "key=value strings such as 'host=... dbname=...' work too)",
    )


def split_password(url: str) -> tuple[str, str | None]:
    """(conninfo without the password, the password): for child processes, which get it via PGPASSWORD."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    params = conninfo_to_dict(normalize_url(url))
    password = params.pop("password", None)
    return make_conninfo("", **{k: v for k, v in params.items() if v is not None}), (
        None if password is None else str(password)
    )


def is_pooled(url: str) -> bool:
    """Whether the URL points at a transaction pooler (Neon ``-pooler`` host, PgBouncer port 6543).

    Session-level advisory locks and SET do not survive transaction pooling.
    """
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    from pgshift.errors import PgshiftError

    try:
        params = conninfo_to_dict(normalize_url(url))
    except (ProgrammingError, PgshiftError):
        return False
    host = str(params.get("host", ""))
    return "-pooler" in host or "pgbouncer" in host or str(params.get("port", "")) == "6543"


def database_label(url: str) -> str:
    """``database "app" on db.example.com``: names a database for people and generated code, with no
    user, password or parameters, and only word characters (safe inside a Python docstring)."""
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    from pgshift.errors import PgshiftError

    try:
        params = conninfo_to_dict(normalize_url(url))
    except (ProgrammingError, PgshiftError):
        return "the database"

    def safe(value: object) -> str:
        return re.sub(r"[^\w.\-]", "_", str(value))[:63]

    name = params.get("dbname")
    host = params.get("host")
    label = f"database {safe(name)}" if name else "the database"
    if host and not str(host).startswith("/"):
        label += f" on {safe(host)}"
    return label
