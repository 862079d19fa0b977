"""No explanation sentence contradicts its numbers, in any language: a property test over real places.

Pairs are drawn from gazetteer cities (capitals, regional centres and others), with populations,
existing ties and known partnerships varied; the score is computed as the matcher computes it and
each claim of the sentence is checked against the numbers: "similar size" only within the stated
ratio, "already work together" only for a tie, the distance written is the one computed, both
capitals or both regional centres only when the gazetteer says so, and each count as counted.
"""

from __future__ import annotations

import math
import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citybridge.matching import Scorer, load_weights
from citybridge.matching.explain import explain, mentioned, rounded_km
from citybridge.matching.profiles import CityProfile
from citybridge.matching.realpairs import gazetteer_places
from citybridge.matching.signals import CAPITAL, CENTRE, SIMILAR_SIZE_RATIO
from citybridge.reports.i18n import LANGUAGES, Translator

PLACES = gazetteer_places()
RNG = np.random.default_rng(0)
SAMPLE = np.concatenate(
    [RNG.choice(np.flatnonzero(PLACES.status == level), 40, replace=False) for level in (0, CENTRE, CAPITAL)]
)
TRANSLATORS = {language: Translator(language) for language in LANGUAGES}
WEIGHTS = load_weights()
# Every component weighed, so each can be mentioned (country_links is 0 in the shipped weights).
ALL = load_weights().__class__(
    {**WEIGHTS.weights, "country_links": 0.05}, WEIGHTS.distance_km, WEIGHTS.size_factor, WEIGHTS.country_tie
)


def profile(index: int, key: str, population: int | None, ties: tuple[str, ...] = ()) -> CityProfile:
    return CityProfile(
        key=key, place_id=str(PLACES.ids[index]), name=key.title(), country=str(PLACES.countries[index]),
        population=population, latitude=float(PLACES.latitude[index]), longitude=float(PLACES.longitude[index]),
        ties=ties, respondents=1,
    )  # fmt: skip


def fragment(t: Translator, message: str) -> str:
    """The longest literal piece of a translated message: it appears in a sentence only if the message does."""
    return max(re.split(r"\{[a-z_]+\}", t.gettext(message)), key=len).strip()


def haversine_km(a: CityProfile, b: CityProfile) -> float:
    la, lb = math.radians(a.latitude), math.radians(b.latitude)
    h = math.sin((lb - la) / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(
        math.radians(b.longitude - a.longitude) / 2
    ) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


pairs = st.tuples(
    st.sampled_from(SAMPLE.tolist()),
    st.sampled_from(SAMPLE.tolist()),
    st.one_of(st.none(), st.integers(1_000, 30_000_000)),
    st.one_of(st.none(), st.integers(1_000, 30_000_000)),
    st.booleans(),  # tied
    st.lists(st.sampled_from(SAMPLE.tolist()), max_size=6),  # third cities partnering both
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs, st.sampled_from(LANGUAGES))
def test_no_sentence_contradicts_its_numbers(pair, language):
    a, b, population_a, population_b, tied, shared = pair
    t = TRANSLATORS[language]
    requesting = profile(a, "alpha", population_a, ("beta",) if tied else ())
    partner = profile(b, "beta", population_b)
    known = np.array([(a, s) for s in shared] + [(b, s) for s in shared], dtype=np.int64).reshape(-1, 2)
    scores = Scorer([partner], ALL, mode="deepen", known_pairs=known).score([requesting])
    components, facts = scores.pair(0, 0), scores.facts_of(0, 0)
    sentence = explain(requesting, partner, components, t, facts=facts)
    said = mentioned(components)

    similar = fragment(t, "{requesting} and {partner} are of similar size ({requesting_population} and "
                       "{partner_population} inhabitants)")  # fmt: skip
    if similar in sentence:
        assert max(population_a, population_b) / min(population_a, population_b) <= SIMILAR_SIZE_RATIO
    if "size" in said:
        assert t.format_number(population_a) in sentence and t.format_number(population_b) in sentence
    if "distance" in said:
        km = haversine_km(requesting, partner)
        assert rounded_km(requesting, partner) == (round(km / 10) * 10 if km >= 100 else round(km))
        assert t.format_number(rounded_km(requesting, partner)) in sentence
    if fragment(t, "{requesting} and {partner} already work together") in sentence:
        assert tied or a in shared or b in shared  # a tie in the catalogue or in the known pairs
    if fragment(t, "{requesting} and {partner} are both capitals") in sentence:
        assert PLACES.status[a] == PLACES.status[b] == CAPITAL
    if fragment(t, "{requesting} and {partner} are both regional centres") in sentence:
        assert PLACES.status[a] >= CENTRE and PLACES.status[b] >= CENTRE
    if "abroad" in said:
        assert PLACES.countries[a] != PLACES.countries[b]
    for component, fact in (("network", "common"), ("popularity", "degree"), ("country_links", "in_country")):
        if component in said:
            assert facts[fact] > 0 and t.format_number(int(facts[fact])) in sentence
