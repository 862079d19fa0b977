"""Signals of the submission store: what other parts of the product may react to."""

from django.dispatch import Signal

# Sent after rows are inserted for a survey (inside the inserting transaction): survey=, instance_ids=.
# Submissions go in by bulk insert, which Django's post_save never sees.
submissions_stored = Signal()
