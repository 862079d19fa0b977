"""Explanations say what the component scores say: the largest contributions, in order, with the facts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citybridge import sectors
from citybridge.matching import Scorer, assignments, load_weights, suggest
from citybridge.matching.explain import MAX_CLAUSES, MENTION_SHARE, clause, explain, mentioned
from citybridge.matching.weights import COMPONENTS
from citybridge.reports.i18n import Translator
from tests.matching.conftest import city

EN = Translator("en")


def clauses_in(match, scores, t=EN):
    row = next(i for i, c in enumerate(scores.requesting) if c.key == match.requesting_key)
    column = next(j for j, p in enumerate(scores.partners) if p.key == match.partner_key)
    requesting, partner = scores.requesting[row], scores.partners[column]
    facts = scores.facts_of(row, column)
    names = {"requesting": requesting.name, "partner": match.partner}
    return {
        c: clause(c, requesting, partner, t, names, facts)
        for c in COMPONENTS
        if _has_facts(c, requesting, partner, match.components)
    }


def _has_facts(component, requesting, partner, components):
    # A clause can only be written for a pair whose profiles hold the facts it speaks of.
    return {
        "fit": bool(set(requesting.priorities) & set(partner.strengths)),
        "preference": partner.key in requesting.preferences,
        "tie": partner.key in requesting.ties or partner.country in requesting.country_ties,
        "size": bool(requesting.population and partner.population),
        "distance": requesting.latitude is not None and partner.latitude is not None,
    }.get(component, components[component] > 0)


@pytest.mark.parametrize("mode", ["new", "deepen"])
def test_every_suggestion_for_the_example_names_exactly_its_top_components(cities, partners, mode):
    scores = Scorer(partners, mode=mode).score(cities)
    for found in suggest(scores, k=5).values():
        for match in found:
            said = mentioned(match.components)
            clauses = clauses_in(match, scores)
            assert said and set(said) <= set(clauses), match
            positions = [match.explanation.find(clauses[c]) for c in said]
            assert all(p >= 0 for p in positions) and positions == sorted(positions), match.explanation
            for other in set(clauses) - set(said):
                assert clauses[other] not in match.explanation, (other, match.explanation)


def test_mentioned_components_are_the_largest_and_each_a_fair_share():
    components = {"fit": 0.30, "preference": 0.25, "tie": 0.0, "size": 0.05, "distance": 0.12}
    assert mentioned(components) == ("fit", "preference", "distance")  # size is under 15% of 0.72


@given(st.fixed_dictionaries({c: st.floats(0, 1) for c in COMPONENTS}))
def test_no_smaller_component_is_mentioned_before_a_larger_one(components):
    said = mentioned(components)
    score = sum(components.values())
    assert len(said) <= MAX_CLAUSES
    assert [components[c] for c in said] == sorted((components[c] for c in said), reverse=True)
    left = [c for c in COMPONENTS if c not in said and components[c] >= MENTION_SHARE * score > 0]
    assert len(said) == MAX_CLAUSES or not left
    assert all(components[c] <= min(components[s] for s in said) for c in left)


def test_the_example_sentence_for_namangan():
    namangan = city(
        "namangan", name="Namangan", priorities={"industrial_parks": 2, "trade": 1}, respondents=3,
        preferences={"suzhou": 3}, population=700_000,
    )  # fmt: skip
    suzhou = city(
        "suzhou", name="Suzhou", country="CN", strengths=("industrial_parks", "trade"), population=6_700_000
    )
    components = Scorer([suzhou]).score([namangan]).pair(0, 0)
    assert explain(namangan, suzhou, components, EN) == (
        "Suzhou is strong in industrial parks and development zones and trade (retail and wholesale), which "
        "Namangan prioritises; 3 respondents from Namangan named Suzhou."
    )


def test_the_tie_clause_names_the_partner_city_or_its_country(cities, partners):
    scores = Scorer(partners, load_weights(), mode="deepen").score(cities)
    bukhara = [c.key for c in cities].index("bukhara")
    luoyang = [p.key for p in partners].index("luoyang")
    names = {"requesting": "Bukhara", "partner": "Luoyang"}
    assert (
        clause("tie", cities[bukhara], partners[luoyang], EN, names)
        == "Bukhara and Luoyang already work together"
    )
    namangan = next(c for c in cities if c.key == "namangan")
    said = clause("tie", namangan, partners[luoyang], EN, {"requesting": "Namangan", "partner": "Luoyang"})
    assert said == "Namangan already works with partners in China"
    assert scores.components["tie"][bukhara, luoyang] > 0


def test_a_pair_with_nothing_in_common_says_so():
    assert (
        explain(city("a"), city("b"), dict.fromkeys(COMPONENTS, 0.0), EN)
        == "Nothing in the data links A and B."
    )


@pytest.mark.parametrize("language", ["ru", "uz-Latn", "uz-Cyrl", "zh"])
def test_explanations_are_written_in_the_readers_language(cities, partners, language):
    t = Translator(language)
    scores = Scorer(partners).score(cities)
    found = assignments(scores, k=3, capacity=5, t=t)
    assert found.optimal and all(m.explanation for m in found.optimal)
    sample = next(m for m in found.optimal if "fit" in mentioned(m.components))
    requesting = next(c for c in cities if c.key == sample.requesting_key)
    partner = next(p for p in partners if p.key == sample.partner_key)
    shared = [s for s in requesting.priorities if s in partner.strengths]
    assert any(sectors.label(s, language)[1:] in sample.explanation for s in shared)
