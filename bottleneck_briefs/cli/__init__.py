"""The command line: the `bottlenecks` group (main), the editors' and the site's commands, and what they share."""
