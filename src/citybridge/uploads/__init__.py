"""What citybridge agrees to read from a file someone gives it (limits.py)."""
