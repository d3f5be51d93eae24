"""Connection-URL helpers: never show a password, and recognise poolers that break session locks."""

from __future__ import annotations

import re

from psycopg.conninfo import conninfo_to_dict

_URI_PASSWORD = re.compile(r"(?P<scheme>postgres(?:ql)?://[^:/@?#]*):[^@/?#]*@")
_KV_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)")
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*")


def mask_url(text: str) -> str:
    """Replace every password in ``text`` (URIs, key=value conninfo, ?password=) with ``***``.

    Applied to any text that may carry a URL, including error messages from the driver.
    """
    text = _URI_PASSWORD.sub(r"\g<scheme>:***@", text)
    text = _KV_PASSWORD.sub(r"\1***", text)
    return _QUERY_PASSWORD.sub(r"\1***", text)


def is_pooled(url: str) -> bool:
    """Whether the URL points at a transaction pooler (Neon ``-pooler`` host, PgBouncer port 6543).

    Session-level advisory locks and SET do not survive transaction pooling.
    """
    try:
        params = conninfo_to_dict(url)
    except Exception:
        return False
    host = str(params.get("host", ""))
    return "-pooler" in host or "pgbouncer" in host or str(params.get("port", "")) == "6543"
