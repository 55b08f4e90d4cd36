"""`python -m bottleneck_briefs`: the same command line as `bottlenecks`."""

from bottleneck_briefs.cli.main import run

if __name__ == "__main__":
    run(prog_name="bottlenecks")
