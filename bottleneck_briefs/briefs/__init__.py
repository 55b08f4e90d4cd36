"""Briefs and notes: content, then render, then formats, then the run that writes them (imports go that way only)."""
