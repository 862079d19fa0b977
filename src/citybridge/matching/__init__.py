"""Partner matching: the partner catalogue, city profiles, explained scores and assignments.

    catalogue = load_catalogue()                                   # data/partners.yaml, or a user's file
    cities = requesting_profiles(analysis_by_city, catalogue, resolve)
    scores = score_all(cities, partner_profiles(catalogue), load_weights(), mode="new")
    suggest(scores, k=3, t=Translator("ru"))                       # top k per city, explained
    assignments(scores, k=3, capacity=5)                           # greedy and optimal, with totals
    hit_rates(cities, partner_profiles(catalogue))                 # the example's synthetic check

On real partnerships (``realpairs``, ``realeval``; weights saved by ``learned``):

    evaluation = realeval.evaluate(realpairs.read_pairs(Path("twin-towns.csv")))

How each component is computed and weighted: docs/matching.md.
"""

from citybridge.matching.assign import Assignment, greedy, optimal
from citybridge.matching.catalogue import (
    Catalogue,
    CatalogueError,
    PartnerCity,
    load_catalogue,
    read_catalogue,
    write_catalogue,
)
from citybridge.matching.evaluate import HitRates, hit_rates
from citybridge.matching.profiles import CityProfile, partner_profiles, places_resolver, requesting_profiles
from citybridge.matching.score import MODES, Scorer, Scores
from citybridge.matching.suggest import Assignments, Match, assignments, score_all, suggest
from citybridge.matching.weights import COMPONENTS, Weights, WeightsError, load_weights

__all__ = [
    "COMPONENTS", "MODES", "Assignment", "Assignments", "Catalogue", "CatalogueError", "CityProfile",
    "HitRates", "Match", "PartnerCity", "Scorer", "Scores", "Weights", "WeightsError", "assignments",
    "greedy", "hit_rates", "load_catalogue", "load_weights", "optimal", "partner_profiles",
    "places_resolver", "read_catalogue", "requesting_profiles", "score_all", "suggest", "write_catalogue",
]  # fmt: skip
