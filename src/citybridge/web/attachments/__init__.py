"""Submissions' media files: kept in the data folder on import, served to those who may see them."""
