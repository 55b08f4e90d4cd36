"""The command line's parts that cli.py puts together: shared options and helpers, the editors' commands."""
