"""`python -m bottleneck_briefs`: the same command line as `bottlenecks`."""

from bottleneck_briefs.basics.interrupts import forget_interrupt_ended_exec
from cli import main

if __name__ == "__main__":
    try:
        main(prog_name="bottlenecks")
    finally:
        forget_interrupt_ended_exec()
