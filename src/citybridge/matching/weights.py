"""The weights of the matching score and the scales of its components, from TOML.

Three layers, each replacing the one before key by key: the hand-set weights of ``weights.toml``
beside this module (the baseline), the weights learned from real partnerships in
``data/learned.toml`` (written by ``citybridge match evaluate --pairs FILE --save-weights``, see
docs/matching.md; ``learned=False`` leaves them out), and a user file of the same shape as
``weights.toml``, so an organiser who cares more about stated preferences than about distance
changes one number and nothing else.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

COMPONENTS = (
    "fit", "preference", "tie", "size", "distance", "abroad", "status", "network", "country_links", "popularity",
)  # fmt: skip
LEARNED_FILE = "learned.toml"  # in data/: weights learned from real partnerships, and their evaluation
SCALES = ("distance_km", "size_factor", "country_tie")


class WeightsError(ValueError):
    """A weights file that cannot be used; the message names the file, the key and what to write."""


@dataclass(frozen=True)
class Weights:
    weights: dict[str, float]  # component -> weight (>= 0)
    distance_km: float  # distance component: exp(-km / distance_km)
    size_factor: float  # size component: 1/e when one population is size_factor times the other
    country_tie: float  # tie value for a tie with the partner's country rather than the city

    def __getitem__(self, component: str) -> float:
        return self.weights[component]

    def without(self, component: str) -> Weights:
        """The same weights with one component held out (its weight set to 0)."""
        return Weights({**self.weights, component: 0.0}, self.distance_km, self.size_factor, self.country_tie)


def load_weights(path: Path | None = None, *, learned: bool = True) -> Weights:
    """The hand-set weights, then the learned ones (``learned``), then those of ``path`` (if given)."""
    data = _read(
        resources.files(__package__).joinpath("weights.toml").read_text(encoding="utf-8"), "weights.toml"
    )
    if learned:
        data["weights"] = {**data.get("weights", {}), **learned_file().get("weights", {})}
    if path is not None:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise WeightsError(f"{path}: cannot read the weights file ({exc.strerror})") from None
        user = _read(text, str(path))
        for table in ("weights", "scales"):
            data[table] = {**data.get(table, {}), **user.get(table, {})}
    return _weights(data, str(path) if path else "weights.toml")


def learned_file() -> dict[str, Any]:
    """The learned weights and the evaluation they came with (empty when none was saved)."""
    found = resources.files(__package__).joinpath("data", LEARNED_FILE)
    if not found.is_file():
        return {}
    return _read(found.read_text(encoding="utf-8"), LEARNED_FILE, tables=("weights", "evaluation"))


def _read(text: str, source: str, tables: tuple[str, ...] = ("weights", "scales")) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WeightsError(f"{source}: not valid TOML: {exc}") from None
    for table in data:
        if table not in tables:
            raise WeightsError(f"{source}: unknown table [{table}]; write [weights] and [scales] only")
    return data


def _weights(data: dict[str, Any], source: str) -> Weights:
    weights = data.get("weights", {})
    scales = data.get("scales", {})
    for key in weights:
        if key not in COMPONENTS:
            raise WeightsError(
                f"{source}: [weights] {key}: unknown component; known: {', '.join(COMPONENTS)}"
            )
    for key in scales:
        if key not in SCALES:
            raise WeightsError(f"{source}: [scales] {key}: unknown scale; known: {', '.join(SCALES)}")
    chosen = {c: _number(weights.get(c, 0.0), f"{source}: [weights] {c}", minimum=0.0) for c in COMPONENTS}
    if not any(chosen.values()):
        raise WeightsError(f"{source}: [weights]: every weight is 0; give at least one component a weight")
    return Weights(
        weights=chosen,
        distance_km=_number(scales["distance_km"], f"{source}: [scales] distance_km", minimum=1.0),
        size_factor=_number(scales["size_factor"], f"{source}: [scales] size_factor", minimum=1.0001),
        country_tie=_number(
            scales["country_tie"], f"{source}: [scales] country_tie", minimum=0.0, maximum=1.0
        ),
    )


def _number(value: Any, where: str, *, minimum: float, maximum: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not minimum <= value <= maximum:
        upper = "" if maximum == math.inf else f" and at most {maximum:g}"
        raise WeightsError(f"{where}: {value!r} must be a number of at least {minimum:g}{upper}")
    return float(value)
