"""One module per CLI command; each exposes ``command`` (a click.Command). See pgshift.cli."""

#: True when ``pgshift.cli.main`` runs as the process itself (the console script, ``python -m pgshift``),
#: not called by a test or a program: a command may then end the process once its output is written,
#: without tearing the interpreter down (``pgshift check`` on 1,000 files: 30-50 ms of freeing objects).
WHOLE_PROCESS = False
