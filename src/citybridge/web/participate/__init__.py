"""Participant pages: the survey form behind a personal or open link, no account needed."""
