"""`python -m bottleneck_briefs`: the same command line as `bottlenecks`."""

from cli import main

if __name__ == "__main__":
    main(prog_name="bottlenecks")
