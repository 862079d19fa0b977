"""One sentence, in the reader's language, saying why a partner city is suggested.

The sentence is built from the components that contribute most to the pair's score (at most
three, each at least 15% of the score), in order of contribution, so what it says always agrees
with the component scores beside it. Each component has its own clause, written from the
profiles' facts: the shared sectors, how many respondents named the partner, the tie, the two
populations (the words "similar size" only within ``signals.SIMILAR_SIZE_RATIO``), the distance,
the countries, capital or regional-centre status, and the network counts (common partners,
partners in the country, the partner's partners). Clauses and their joints go through gettext
(named placeholders), so a translator can reorder them.
"""

from __future__ import annotations

from collections.abc import Mapping

from citybridge import sectors
from citybridge.matching import signals
from citybridge.matching.profiles import CityProfile
from citybridge.matching.score import distance_km, statuses
from citybridge.matching.weights import COMPONENTS
from citybridge.reports.i18n import Translator

MENTION_SHARE = 0.15  # a component is mentioned when it makes at least this share of the score
MAX_CLAUSES = 3
MAX_SECTORS = 2  # shared sectors named in the fit clause


def mentioned(components: Mapping[str, float]) -> tuple[str, ...]:
    """The components a sentence speaks of, largest contribution first."""
    score = sum(components.values())
    ranked = sorted(
        (c for c, value in components.items() if value > 0),
        key=lambda c: (-components[c], COMPONENTS.index(c) if c in COMPONENTS else len(COMPONENTS)),
    )
    return tuple(c for c in ranked if components[c] >= MENTION_SHARE * score)[:MAX_CLAUSES]


def explain(
    requesting: CityProfile,
    partner: CityProfile,
    components: Mapping[str, float],
    t: Translator,
    *,
    partner_name: str | None = None,
    facts: Mapping[str, float] | None = None,
) -> str:
    """The sentence for one suggested pair, from its weighted components and the counts behind them."""
    names = {"requesting": requesting.name, "partner": partner_name or partner.name}
    clauses = [clause(c, requesting, partner, t, names, facts or {}) for c in mentioned(components)]
    if not clauses:
        return t.gettext("Nothing in the data links {requesting} and {partner}.").format(**names)
    sentence = clauses[0]
    for following in clauses[1:]:
        sentence = t.gettext("{first}; {second}").format(first=sentence, second=following)
    sentence = t.gettext("{sentence}.").format(sentence=sentence)
    return sentence[:1].upper() + sentence[1:]


def clause(
    component: str,
    requesting: CityProfile,
    partner: CityProfile,
    t: Translator,
    names: Mapping[str, str],
    facts: Mapping[str, float] | None = None,
) -> str:
    """The words of one component for one pair."""
    if component in _LEARNED_CLAUSES:
        return _LEARNED_CLAUSES[component](requesting, partner, t, names, facts or {})
    if component == "fit":
        listed = t.format_list(
            [_in_sentence(sectors.label(s, t.language)) for s in shared_sectors(requesting, partner)]
        )
        return t.gettext("{partner} is strong in {sectors}, which {requesting} prioritises").format(
            sectors=listed, **names
        )
    if component == "preference":
        count = requesting.preferences.get(partner.key, 0)
        text = t.ngettext(
            "{count} respondent from {requesting} named {partner}",
            "{count} respondents from {requesting} named {partner}",
            count,
        )
        return text.format(count=t.format_number(count), **names)
    if component == "tie":
        if partner.key in requesting.ties:
            return t.gettext("{requesting} and {partner} already work together").format(**names)
        country = t.locale.territories.get(partner.country, partner.country)
        return t.gettext("{requesting} already works with partners in {country}").format(
            country=country, **names
        )
    if component == "size":
        populations = {
            "requesting_population": t.format_number(requesting.population or 0),
            "partner_population": t.format_number(partner.population or 0),
        }
        if signals.similar_size(requesting.population, partner.population):
            text = t.gettext(
                "{requesting} and {partner} are of similar size ({requesting_population} and "
                "{partner_population} inhabitants)"
            )
        else:
            text = t.gettext(
                "{requesting} has {requesting_population} inhabitants, {partner} {partner_population}"
            )
        return text.format(**populations, **names)
    if component == "distance":
        return t.gettext("{partner} is {distance} km from {requesting}").format(
            distance=t.format_number(rounded_km(requesting, partner)), **names
        )
    raise ValueError(f"no sentence for the component '{component}'; known: {', '.join(COMPONENTS)}")


def rounded_km(requesting: CityProfile, partner: CityProfile) -> int:
    """The distance an explanation writes: tens of kilometres from 100 km on (coordinates are not finer)."""
    km = distance_km(requesting, partner) or 0.0
    return round(km / 10) * 10 if km >= 100 else round(km)


def _abroad(requesting, partner, t, names, facts) -> str:
    country = t.locale.territories.get(partner.country, partner.country)
    return t.gettext("{partner} is in another country ({country})").format(country=country, **names)


def _status(requesting, partner, t, names, facts) -> str:
    both = statuses((requesting, partner))
    if (both == signals.CAPITAL).all():
        return t.gettext("{requesting} and {partner} are both capitals").format(**names)
    return t.gettext("{requesting} and {partner} are both regional centres").format(**names)


def _network(requesting, partner, t, names, facts) -> str:
    count = int(facts.get("common", 0))
    text = t.ngettext(
        "{partner} already partners {count} of the partner cities of {requesting}",
        "{partner} already partners {count} of the partner cities of {requesting}",
        count,
    )
    return _counted(text, count, t, names)


def _country_links(requesting, partner, t, names, facts) -> str:
    count = int(facts.get("in_country", 0))
    country = t.locale.territories.get(partner.country, partner.country)
    text = t.ngettext(
        "{requesting} already has {count} partner city in {country}",
        "{requesting} already has {count} partner cities in {country}",
        count,
    )
    return _counted(text, count, t, names, country=country)


def _popularity(requesting, partner, t, names, facts) -> str:
    count = int(facts.get("degree", 0))
    text = t.ngettext(
        "{partner} already has {count} partner city", "{partner} already has {count} partner cities", count
    )
    return _counted(text, count, t, names)


def _counted(text: str, count: int, t: Translator, names: Mapping[str, str], **more: str) -> str:
    return text.format(count=t.format_number(count), **names, **more)


_LEARNED_CLAUSES = {
    "abroad": _abroad,
    "status": _status,
    "network": _network,
    "country_links": _country_links,
    "popularity": _popularity,
}


def shared_sectors(requesting: CityProfile, partner: CityProfile) -> tuple[str, ...]:
    """Sectors the city prioritises and the partner offers, most prioritised first (at most two)."""
    offered = {sectors.sector(s).slug for s in partner.strengths}
    order = list(sectors.vocabulary())
    shared = [s for s, count in requesting.priorities.items() if count and sectors.sector(s).slug in offered]
    shared.sort(key=lambda s: (-requesting.priorities[s], order.index(sectors.sector(s).slug)))
    return tuple(sectors.sector(s).slug for s in shared[:MAX_SECTORS])


def _in_sentence(label: str) -> str:
    # Labels start with a capital; inside a sentence only acronyms keep theirs ("PPP", "SME").
    return label[:1].lower() + label[1:] if label[1:2].islower() else label
