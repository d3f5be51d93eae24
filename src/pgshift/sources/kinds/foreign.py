"""Foreign-data wrappers (made by hand) and foreign servers in the snapshot (under ``"pgshift"``:
Drizzle has no key for them) and the catalog (``foreign_data_wrappers.sql``, ``foreign_servers.sql``),
and read from their declarations (``objects.ForeignDataWrapper`` / ``objects.ForeignServer``, data like
grants: nothing to run on a scratch database). Both are database-wide, keyed by name.

No option whose name looks like a credential (``pgshift.urls.is_secret_option``) is ever in a model:
the catalog queries leave them out (by name, so their values never leave the server), and a
declaration or snapshot naming one is refused rather than written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pgshift.model import schema as m
from pgshift.model.schema import SecretOptionError as SecretOptionError
from pgshift.model.schema import checked_options as checked_options
from pgshift.sources.kinds.base import SourceKind


def _options_out(options: m.Options) -> dict[str, str]:
    return dict(options)


def _function(parts: Any) -> str | None:
    """``schema.name`` of a handler or validator read as ``[schema, name]``."""
    return f"{parts[0]}.{parts[1]}" if parts else None


def wrapper_out(w: m.ForeignDataWrapper) -> dict[str, Any]:
    out: dict[str, Any] = {"name": w.name}
    if w.handler is not None:
        out["handler"] = w.handler
    if w.validator is not None:
        out["validator"] = w.validator
    if w.options:
        out["options"] = _options_out(w.options)
    if w.comment is not None:
        out["comment"] = w.comment
    return out


def wrapper_in(raw: dict[str, Any]) -> m.ForeignDataWrapper:
    return m.ForeignDataWrapper(
        name=raw["name"],
        handler=raw.get("handler"),
        validator=raw.get("validator"),
        options=checked_options(raw.get("options"), f"foreign data wrapper {raw['name']}"),
        comment=raw.get("comment"),
    )


def wrapper_from_catalog(r: dict[str, Any]) -> m.ForeignDataWrapper:
    return m.ForeignDataWrapper(
        name=r["name"],
        handler=_function(r["handler"]),
        validator=_function(r["validator"]),
        options=m.options_of(r["options"]),
        comment=r["comment"] or None,
    )


def server_out(s: m.ForeignServer) -> dict[str, Any]:
    out: dict[str, Any] = {"name": s.name, "wrapper": s.wrapper}
    if s.type is not None:
        out["type"] = s.type
    if s.version is not None:
        out["version"] = s.version
    if s.options:
        out["options"] = _options_out(s.options)
    if s.comment is not None:
        out["comment"] = s.comment
    return out


def server_in(raw: dict[str, Any]) -> m.ForeignServer:
    return m.ForeignServer(
        name=raw["name"],
        wrapper=raw["wrapper"],
        type=raw.get("type"),
        version=raw.get("version"),
        options=checked_options(raw.get("options"), f"foreign server {raw['name']}"),
        comment=raw.get("comment"),
    )


def server_from_catalog(r: dict[str, Any]) -> m.ForeignServer:
    return m.ForeignServer(
        name=r["name"],
        wrapper=r["wrapper"],
        type=r["type"],
        version=r["version"],
        options=m.options_of(r["options"]),
        comment=r["comment"] or None,
    )


WRAPPER_KIND = SourceKind(
    "foreign data wrapper",
    "foreign_data_wrappers",
    "foreignDataWrappers",
    wrapper_out,
    wrapper_in,
    "foreign_data_wrappers",
    wrapper_from_catalog,
    extension=True,
)

SERVER_KIND = SourceKind(
    "foreign server",
    "foreign_servers",
    "foreignServers",
    server_out,
    server_in,
    "foreign_servers",
    server_from_catalog,
    extension=True,
)


def is_foreign_declaration(declaration: Any) -> bool:
    """An ``objects.ForeignDataWrapper`` or ``objects.ForeignServer``: read as data, not run."""
    return getattr(declaration, "foreign_declaration", False) is True


def from_declarations(
    declarations: Iterable[Any],
) -> tuple[list[m.ForeignDataWrapper], list[m.ForeignServer]]:
    """The wrappers and servers ``declarations`` declare (a repeated name: the last one)."""
    wrappers: dict[str, m.ForeignDataWrapper] = {}
    servers: dict[str, m.ForeignServer] = {}
    for d in declarations:
        if not is_foreign_declaration(d):
            continue
        if d.kind == "wrapper":
            wrappers[d.name] = m.ForeignDataWrapper(
                name=d.name,
                handler=d.handler,
                validator=d.validator,
                options=checked_options(d.options, f"objects.ForeignDataWrapper {d.name}"),
                comment=d.comment,
            )
        else:
            servers[d.name] = m.ForeignServer(
                name=d.name,
                wrapper=d.wrapper,
                type=d.type,
                version=d.version,
                options=checked_options(d.options, f"objects.ForeignServer {d.name}"),
                comment=d.comment,
            )
    return list(wrappers.values()), list(servers.values())


def with_declared(model: m.Model, declarations: Iterable[Any]) -> m.Model:
    """``model`` with the wrappers and servers ``declarations`` state."""
    import dataclasses

    wrappers, servers = from_declarations(declarations)
    if not wrappers and not servers:
        return model
    built = m.build_model(foreign_data_wrappers=wrappers, foreign_servers=servers)
    return dataclasses.replace(
        model, foreign_data_wrappers=built.foreign_data_wrappers, foreign_servers=built.foreign_servers
    )
