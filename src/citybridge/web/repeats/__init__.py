"""Repeat instances stored as child records of their submission (nested repeats point to their parent)."""
