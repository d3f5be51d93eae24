"""``pgshift studio``: a local web UI for the data, the schema and the migrations (optional extra)."""

from __future__ import annotations

import contextlib

import click

from pgshift.commands._common import config_options, database_options, err
from pgshift.config import Config, Environment
from pgshift.errors import PgshiftError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _require_extra() -> None:
    missing = []
    for module in ("starlette", "uvicorn", "jinja2", "psycopg_pool"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise PgshiftError(
            f"pgshift studio needs the 'studio' extra (missing: {', '.join(missing)})",
            hint="pip install 'pgshift[studio]'",
        )


@click.command("studio")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one).")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback exposes the studio to the network (the token is still required).",
)
@click.option("--no-open", is_flag=True, help="Do not open a browser; just print the URL.")
@click.option("--read-only", is_flag=True, help="Refuse every change (automatic on a protected environment).")
@config_options
@database_options
def command(
    config: Config,
    url: str,
    environment: Environment | None,
    port: int,
    host: str,
    no_open: bool,
    read_only: bool,
) -> int:
    """Browse and edit data, see the schema and the migrations, run SQL — in your browser, offline.

    Serves on 127.0.0.1 and prints a URL with a random token that every request must carry. Nothing
    is loaded from the network. Read-only on a protected environment; applying migrations from the
    page works only on a database on this machine. Ctrl+C stops it.
    """
    _require_extra()
    from pgshift.studio.server import bind, serve, start_url
    from pgshift.studio.settings import Settings, is_local_url

    reason = ""
    if read_only:
        reason = "--read-only"
    elif environment is not None and environment.protected:
        read_only, reason = True, f"environment {environment.name!r} is protected"
    if host not in LOOPBACK:
        err(
            f"warning: listening on {host}: other machines can reach the studio (the token is still required)"
        )
    try:
        sock = bind(host, port)
    except OSError as exc:
        raise PgshiftError(
            f"cannot listen on {host}:{port}: {exc.strerror}", hint="try another --port"
        ) from None
    settings = Settings(
        url=url,
        config=config,
        port=sock.getsockname()[1],
        host=host,
        read_only=read_only,
        read_only_reason=reason,
        dev_database=is_local_url(url) and not (environment is not None and environment.protected),
    )
    link = start_url(settings)
    err(f"pgshift studio for {settings.database_label}{' (read-only: ' + reason + ')' if read_only else ''}")
    click.echo(link)
    err("press Ctrl+C to stop")

    def ready() -> None:
        if not no_open:
            import webbrowser

            webbrowser.open(link)

    import gc

    gc.enable()  # the command line turns the collector off for short runs (pgshift.gcpause); this one lasts
    with contextlib.suppress(KeyboardInterrupt):
        serve(settings, sock, on_ready=ready)
    return 0
