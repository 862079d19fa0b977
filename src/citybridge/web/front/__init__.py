"""Organiser pages: trainings, participants, surveys, dashboard, submissions, reports."""
