"""One module per output format, each with render(job, brief, request); listed in output_formats.FORMATS."""
