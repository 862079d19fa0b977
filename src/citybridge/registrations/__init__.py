"""Registration lists: who signed up for a training, read from CSV or XLSX and checked row by row."""

from citybridge.registrations.read import Registration, RegistrationList, read_registrations

__all__ = ["Registration", "RegistrationList", "read_registrations"]
