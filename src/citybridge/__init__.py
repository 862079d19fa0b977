"""citybridge: from a training's evaluation survey to reports, partnerships and a knowledge booklet.

The package is a framework-free core (``forms``, ``submissions``, ``registrations``, ...) inside a
thin Django shell (``web``) and a command line (``cli``).
"""

__version__ = "0.1.0"
