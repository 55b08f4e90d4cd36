"""Themed policy briefs from hand-curated YAML statements ("knelpunten")."""

__version__ = "0.1.0"
