"""The surveys area of the Django shell."""
