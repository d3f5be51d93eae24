"""``pgshift studio``: a local, offline web UI for the data, the schema and the migrations.

Everything is served from this package (templates, CSS, JS) on a loopback address, behind a per-run
token; nothing is fetched from the network. Imported only by ``pgshift studio`` (Starlette, uvicorn and
Jinja2 are the optional ``studio`` extra), never at CLI start-up.
"""
