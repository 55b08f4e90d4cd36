"""The briefs: data, charts, templates, output formats, rendering, planning and writing."""
