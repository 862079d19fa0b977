"""The gazetteer: places (GeoNames cities plus the user's own) and resolving names as people write them.

>>> from citybridge.places import gazetteer
>>> gazetteer().resolve("Қўқон", country="Oʻzbekiston").place.id
'geonames:1512979'

See ``citybridge.places.gazetteer`` for how a name is resolved and docs/places.md for a tour.
"""

from citybridge.places.countries import UnknownCountry, country_code
from citybridge.places.gazetteer import Gazetteer, gazetteer
from citybridge.places.model import AMBIGUOUS, RESOLVED, UNRESOLVED, Candidate, Place, PlaceError, Resolution

__all__ = [
    "AMBIGUOUS", "RESOLVED", "UNRESOLVED", "Candidate", "Gazetteer", "Place", "PlaceError", "Resolution",
    "UnknownCountry", "country_code", "gazetteer",
]  # fmt: skip
