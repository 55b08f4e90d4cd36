"""`python cli.py` and `python -m cli` in a source checkout: the `bottlenecks` command line.

The commands live in the package, in bottleneck_briefs/cli/; the installed `bottlenecks` script runs the
same group. This file is not installed.
"""

from bottleneck_briefs.cli.main import main, run

__all__ = ["main"]

if __name__ == "__main__":
    run()
