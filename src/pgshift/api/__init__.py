"""The public Python API: one plain function per command, returning typed results.

The CLI (``pgshift.commands``) is a thin shell over these functions. Nothing here is imported by
``import pgshift`` itself; ``pgshift.__init__`` resolves names lazily.
"""
