"""The editors' tools: fmt, import, the live preview, statistics and terminal views."""
