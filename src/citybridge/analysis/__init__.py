"""Indicators of a survey: shares with their base and interval, as of any date, by any group."""
