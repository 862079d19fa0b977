"""Command groups of the ``citybridge`` CLI, one module per part of the chain; wired in cli.py."""
