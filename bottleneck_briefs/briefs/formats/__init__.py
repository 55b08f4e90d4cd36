"""One module per output format (pdf, html, docx, odt, xlsx, ods, csv), the registry, and what formats share."""
