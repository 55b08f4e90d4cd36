"""Word and OpenDocument text, made from the same HTML as the PDF: the mapper, the document model, the writers."""
