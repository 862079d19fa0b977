"""How well the matcher finds real partnerships it was not shown, beside baselines in the same run.

1. The real pairs (``realpairs``) are edges between gazetteer cities. Each edge is hidden with
   probability ``hide`` (seeded), so about that share of every city's partners is hidden; the
   rest are what the matcher may know (its existing ties, its network).
2. Cities are split by region (the continent of their country): the weights are learned from
   hidden pairs whose two cities both lie in the learning regions, and judged on hidden partners
   of cities in the other regions, so no region is both learned from and judged on.
3. Learning: each hidden partner of a learning city is a positive, ``NEGATIVES`` random cities it
   does not partner are negatives; a logistic regression over the named components (``signals``)
   gives one weight per component.
4. Judging: every judged city ranks every city of the network (less itself and its visible
   partners) by each method: the learned weights, the hand-set weights of ``weights.toml``, and
   the baselines random, most-popular partner (most partners already), nearest and same size.
   hit@k is the share of hidden (city, partner) pairs whose partner ranks in the city's top k;
   MRR the mean of 1 / rank; coverage the share of candidate cities in at least one top 10.
   Equal scores are broken at random (seeded), so a baseline with many ties gets no free ranks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from citybridge.matching import signals
from citybridge.matching.network import Network
from citybridge.matching.realpairs import Places, RealPairs, gazetteer_places
from citybridge.matching.score import EARTH_RADIUS_KM
from citybridge.matching.weights import Weights, load_weights

KS = (1, 5, 10)
NEGATIVES = 20  # random non-partners per positive when learning
LEARNING_REGIONS = ("EU", "AF", "OC")  # continent codes; the judged ones are the others
HIDE = 0.2
BLOCK = 256  # judged cities scored at once
BASELINES = ("random", "most-popular", "nearest", "same-size")


@dataclass(frozen=True)
class Figures:
    """The quality of one method on the judged pairs."""

    hits: dict[int, float]  # k -> share of hidden pairs ranked in the top k
    mrr: float
    coverage: float


@dataclass(frozen=True)
class Evaluation:
    pairs: int  # distinct resolved pairs
    hidden: int
    judged_cities: int
    judged_pairs: int
    learning_pairs: int
    candidates: int
    learning_regions: tuple[str, ...]
    judged_regions: tuple[str, ...]
    weights: dict[str, float]  # learned weight per component (before scaling), 0 for a clipped one
    intercept: float
    clipped: tuple[str, ...]  # components whose fitted weight was negative, set to 0
    methods: dict[str, Figures] = field(default_factory=dict)
    minimum_score: float = 0.0  # median learned score (weights scaled to add up to 1) of judged real partners
    seed: int = 0
    hide: float = HIDE

    def best_baseline(self, k: int = 10) -> tuple[str, float]:
        name = max(BASELINES, key=lambda m: self.methods[m].hits[k])
        return name, self.methods[name].hits[k]


@dataclass
class _Graph:
    """The cities of the network (gazetteer cities with at least one real partner), compactly."""

    places: Places
    nodes: np.ndarray  # gazetteer index of each node
    hidden: np.ndarray  # (h, 2) node pairs hidden
    network: Network
    unit: np.ndarray  # (n, 3) positions on the unit sphere
    log_population: np.ndarray
    regions: np.ndarray


def evaluate(
    pairs: RealPairs,
    *,
    hide: float = HIDE,
    seed: int = 0,
    learning_regions: tuple[str, ...] = LEARNING_REGIONS,
    weights: Weights | None = None,  # hand-set weights of the baseline; default weights.toml
    progress: Callable[[int], None] | None = None,
) -> Evaluation:
    """Learn weights on some regions, judge every method on the others (see the module's docstring)."""
    weights = weights or load_weights(learned=False)  # the hand-set baseline (and the scales)
    rng = np.random.default_rng(seed)
    graph = _graph(pairs, hide, rng)
    learning = np.isin(graph.regions, learning_regions)
    train = graph.hidden[learning[graph.hidden[:, 0]] & learning[graph.hidden[:, 1]]]
    learned, intercept, clipped = _fit(graph, train, weights, rng)
    hand = {c: weights[c] for c in signals.LEARNED if c in weights.weights}
    queries, partners = _judged(graph, learning)
    methods, learned_scores = _rank_all(graph, queries, partners, learned, hand, weights, rng, progress)
    scale = _scale(learned)
    return Evaluation(
        pairs=len(pairs.edges),
        hidden=len(graph.hidden),
        judged_cities=len(np.unique(queries)),
        judged_pairs=len(queries),
        learning_pairs=len(train),
        candidates=len(graph.nodes),
        learning_regions=tuple(learning_regions),
        judged_regions=tuple(sorted(set(graph.regions[~learning].tolist()))),
        weights=learned,
        intercept=intercept,
        clipped=clipped,
        methods=methods,
        minimum_score=float(np.median(learned_scores) * scale) if len(learned_scores) else 0.0,
        seed=seed,
        hide=hide,
    )


def _scale(learned: dict[str, float]) -> float:
    """Learned weights are scaled to add up to 1 for use beside the hand-set ones (see weights)."""
    total = sum(learned.values())
    return 1.0 / total if total else 0.0


def _graph(pairs: RealPairs, hide: float, rng: np.random.Generator) -> _Graph:
    places = gazetteer_places()
    nodes, compact = np.unique(pairs.edges, return_inverse=True)
    edges = compact.reshape(-1, 2)
    hidden = rng.random(len(edges)) < hide
    visible = Network(len(nodes), edges[~hidden], places.countries[nodes])
    latitude, longitude = np.radians(places.latitude[nodes]), np.radians(places.longitude[nodes])
    unit = np.stack(
        [np.cos(latitude) * np.cos(longitude), np.cos(latitude) * np.sin(longitude), np.sin(latitude)], axis=1
    )
    return _Graph(
        places=places,
        nodes=nodes,
        hidden=edges[hidden],
        network=visible,
        unit=unit,
        log_population=np.log(places.population[nodes]),
        regions=places.regions[nodes],
    )


def _judged(graph: _Graph, learning: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(judged city, hidden partner) for every hidden pair, from each side in a judged region."""
    both = np.concatenate([graph.hidden, graph.hidden[:, ::-1]])
    both = both[~learning[both[:, 0]]]
    order = np.argsort(both[:, 0], kind="stable")
    return both[order, 0], both[order, 1]


def components(
    graph: _Graph, rows: np.ndarray, columns: np.ndarray, weights: Weights
) -> dict[str, np.ndarray]:
    """Every learned component of every (row, column) pair of nodes, as (rows x columns) arrays."""
    places, nodes = graph.places, graph.nodes
    dot = np.clip(graph.unit[rows] @ graph.unit[columns].T, -1.0, 1.0)
    km = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(np.maximum(0.0, 2.0 - 2.0 * dot)) / 2.0))
    net = graph.network
    return {
        "size": signals.size_value(
            graph.log_population[rows][:, None], graph.log_population[columns][None, :], weights.size_factor
        ),
        "distance": signals.distance_value(km, weights.distance_km),
        "abroad": signals.abroad_value(
            places.countries[nodes[rows]][:, None], places.countries[nodes[columns]][None, :]
        ),
        "status": signals.status_value(
            places.status[nodes[rows]][:, None], places.status[nodes[columns]][None, :]
        ),
        "network": signals.network_value(net.common(rows, columns)),
        "country_links": signals.country_links_value(net.in_country(rows, columns)),
        "popularity": np.broadcast_to(
            signals.popularity_value(net.degree[columns])[None, :], (len(rows), len(columns))
        ),
    }


def _fit(
    graph: _Graph, train: np.ndarray, weights: Weights, rng: np.random.Generator
) -> tuple[dict[str, float], float, tuple[str, ...]]:
    from sklearn.linear_model import LogisticRegression

    both = np.concatenate([train, train[:, ::-1]])
    negatives = rng.integers(0, len(graph.nodes), size=(len(both), NEGATIVES))
    rows = np.concatenate([both[:, 0], np.repeat(both[:, 0], NEGATIVES)])
    columns = np.concatenate([both[:, 1], negatives.ravel()])
    labels = np.concatenate([np.ones(len(both)), np.zeros(negatives.size)])
    keep = rows != columns
    rows, columns, labels = rows[keep], columns[keep], labels[keep]
    features = np.column_stack([_pairwise(graph, rows, columns, weights)[c] for c in signals.LEARNED])
    model = LogisticRegression(max_iter=1000).fit(features, labels)
    fitted = dict(zip(signals.LEARNED, model.coef_[0].tolist(), strict=True))
    clipped = tuple(c for c, w in fitted.items() if w < 0)
    return {c: max(0.0, w) for c, w in fitted.items()}, float(model.intercept_[0]), clipped


def _pairwise(
    graph: _Graph, rows: np.ndarray, columns: np.ndarray, weights: Weights
) -> dict[str, np.ndarray]:
    """The components of the pairs (rows[i], columns[i]): the same definitions, one value per pair."""
    places, nodes, net = graph.places, graph.nodes, graph.network
    dot = np.clip(np.einsum("ij,ij->i", graph.unit[rows], graph.unit[columns]), -1.0, 1.0)
    km = 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(np.maximum(0.0, 2.0 - 2.0 * dot)) / 2.0))
    return {
        "size": signals.size_value(
            graph.log_population[rows], graph.log_population[columns], weights.size_factor
        ),
        "distance": signals.distance_value(km, weights.distance_km),
        "abroad": signals.abroad_value(places.countries[nodes[rows]], places.countries[nodes[columns]]),
        "status": signals.status_value(places.status[nodes[rows]], places.status[nodes[columns]]),
        "network": signals.network_value(net.common_pairs(rows, columns)),
        "country_links": signals.country_links_value(net.in_country_pairs(rows, columns)),
        "popularity": signals.popularity_value(net.degree[columns]),
    }


def _rank_all(graph, queries, partners, learned, hand, weights, rng, progress):
    """Ranks of the hidden partners and top-10 lists of every method, block by block of judged cities."""
    every = np.arange(len(graph.nodes))
    cities, starts = np.unique(queries, return_index=True)
    ends = np.append(starts[1:], len(queries))
    names = ("learned", "hand-set", *BASELINES)
    ranks: dict[str, list[np.ndarray]] = {m: [] for m in names}
    shown = {m: np.zeros(len(every), dtype=bool) for m in names}
    learned_scores: list[np.ndarray] = []
    for first in range(0, len(cities), BLOCK):
        block = cities[first : first + BLOCK]
        values = components(graph, block, every, weights)
        jitter = rng.random((len(block), len(every))) * 1e-9  # random order among equal scores
        scores = {
            "learned": sum(w * values[c] for c, w in learned.items()),
            "hand-set": sum(w * values[c] for c, w in hand.items()) + 0.0 * jitter,
            "random": rng.random((len(block), len(every))),
            "most-popular": np.broadcast_to(graph.network.degree[None, :], jitter.shape).astype(float),
            "nearest": values["distance"],
            "same-size": values["size"],
        }
        excluded = _excluded(graph, block, every)
        spans = [(starts[first + i], ends[first + i]) for i in range(len(block))]
        rows = np.concatenate([np.full(e - s, i) for i, (s, e) in enumerate(spans)])
        hidden = np.concatenate([partners[s:e] for s, e in spans])
        for method, score in scores.items():
            score = np.where(excluded, -np.inf, score + jitter)
            target = score[rows, hidden]
            # A hidden partner is not in the excluded set (not visible, not itself), so it ranks.
            ranks[method].append(1 + (score[rows] > target[:, None]).sum(axis=1))
            top = np.argpartition(-score, 10, axis=1)[:, :10]
            shown[method][np.unique(top)] = True
            if method == "learned":
                learned_scores.append(target)
        if progress:
            progress(len(block))
    methods = {}
    for method in names:
        found = np.concatenate(ranks[method]) if ranks[method] else np.zeros(0)
        methods[method] = Figures(
            hits={k: float(np.mean(found <= k)) if len(found) else 0.0 for k in KS},
            mrr=float(np.mean(1.0 / found)) if len(found) else 0.0,
            coverage=float(shown[method].mean()),
        )
    return methods, np.concatenate(learned_scores) if learned_scores else np.zeros(0)


def _excluded(graph: _Graph, block: np.ndarray, every: np.ndarray) -> np.ndarray:
    """Each judged city itself and its visible partners: not candidates."""
    excluded = np.asarray(graph.network.adjacency[block].todense()) > 0
    excluded[np.arange(len(block)), block] = True
    return excluded
