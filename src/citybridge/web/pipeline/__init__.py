"""Partnership leads and their append-only history, in the store."""
