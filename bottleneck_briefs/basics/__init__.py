"""Shared basics: names, digests, atomic writes and text helpers. Imports nothing else of the package."""
