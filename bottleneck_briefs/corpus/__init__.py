"""The corpus: the data model, reading YAML with positions, messages, cross-file rules, loading, schemas."""
