"""From content to HTML: the Jinja environment and template folders, charts, palette and Markdown."""
