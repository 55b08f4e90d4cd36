"""A report run: the plan and the build cache, the jobs, PDF worker processes, progress, and writing the files."""
