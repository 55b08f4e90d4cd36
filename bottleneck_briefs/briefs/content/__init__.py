"""What a brief or note says: its statements and groups, key figures, framing, changes and labels, in no format yet."""
