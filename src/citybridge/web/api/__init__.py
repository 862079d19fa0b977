"""The api area of the Django shell."""
