"""The trainings area of the Django shell."""
