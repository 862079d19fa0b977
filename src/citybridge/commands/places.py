"""``citybridge places``: resolve a city name as participants write it, add a place the gazetteer lacks."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="Find places in the gazetteer (GeoNames cities plus your own) or add the ones it lacks.",
    no_args_is_help=True,
)

Country = Annotated[
    str | None,
    typer.Option(
        help="Only this country: an ISO code (UZ, CN) or its name in English, Russian, Uzbek or Chinese."
    ),
]


@app.command("resolve")
def resolve(
    name: Annotated[
        str, typer.Argument(help="A city name in any spelling or script, e.g. Қўқон, Kokand, 洛阳.")
    ],
    country: Country = None,
) -> None:
    """Print the place a name means, or the candidates (exit code 1) when it is ambiguous or unknown."""
    from citybridge.commands.common import UserError, console, errors
    from citybridge.places import RESOLVED, UNRESOLVED, PlaceError

    places = _gazetteer()
    try:
        resolution = places.resolve(name, country=country)
    except PlaceError as exc:
        raise UserError(str(exc)) from exc
    if resolution.status == RESOLVED:
        _print_place(console, resolution.candidates[0].place)
        return
    if resolution.candidates:
        console.print(_candidates_table(resolution))
    if resolution.status == UNRESOLVED:
        errors.print(
            f"{name!r} is not in the gazetteer{_within(country)}. Check the spelling"
            f"{' (near misses above)' if resolution.candidates else ''}, or add the place: "
            f'citybridge places add "{name}" --country {country or "CC"} --latitude LAT --longitude LON'
        )
    else:
        choose = (
            "use the id of the one you mean" if country else "pass --country (a much larger place then wins)"
        )
        errors.print(f"{name!r} names several places{_within(country)}: {choose}.")
    raise typer.Exit(1)


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The place's name, e.g. Khovos.")],
    country: Annotated[str, typer.Option(help="ISO code (UZ) or the country's name.")],
    latitude: Annotated[float, typer.Option(help="Decimal degrees, north positive.")],
    longitude: Annotated[float, typer.Option(help="Decimal degrees, east positive.")],
    population: Annotated[int, typer.Option(help="Inhabitants, if known.")] = 0,
    region: Annotated[str, typer.Option(help="Region (province), e.g. Sirdaryo.")] = "",
    other_name: Annotated[
        list[str] | None, typer.Option(help="Another spelling, any script; repeat for more (e.g. Ховос).")
    ] = None,
    slug: Annotated[
        str | None, typer.Option(help="Id to use after 'user:' (default: from the name).")
    ] = None,
) -> None:
    """Store a place the gazetteer lacks and print its id; it resolves from then on."""
    from citybridge.commands.common import UserError, _store, console, errors
    from citybridge.places import RESOLVED, PlaceError

    _store()
    from citybridge.web.places.store import add_place, store_gazetteer

    try:
        known = store_gazetteer().resolve(name, country=country)
        stored = add_place(
            name,
            country=country,
            latitude=latitude,
            longitude=longitude,
            population=population,
            region=region,
            other_names=other_name or (),
            slug=slug,
        )
    except PlaceError as exc:
        raise UserError(str(exc)) from exc
    if known.status == RESOLVED:
        place = known.candidates[0].place
        errors.print(f"note: {name!r} already resolved to {place.name} ({place.id}); both are kept.")
    console.print(f"Added {stored.name} as {stored.place_id}.")


def _gazetteer():
    """Shipped and stored places when the store is set up; the shipped ones alone otherwise."""
    from citybridge.commands.common import errors
    from citybridge.places import gazetteer
    from citybridge.web import bootstrap

    if bootstrap.store_is_ready():
        from citybridge.web.places.store import store_gazetteer

        return store_gazetteer()
    errors.print("note: no store set up ('citybridge init'), so only GeoNames' cities are searched.")
    return gazetteer()


def _print_place(console, place) -> None:
    region = f", {place.region}" if place.region else ""
    console.print(f"{place.name} ({place.id})")
    console.print(f"  {place.country}{region}; population {place.population:,}")
    console.print(f"  {place.latitude:.5f}, {place.longitude:.5f}")


def _candidates_table(resolution):
    from citybridge.commands.common import _table

    table = _table("id", "name", "where", "population", "score", "matched")
    table.columns[0].no_wrap = True  # the id is what the user copies: keep it whole, fold the rest
    for candidate in resolution.candidates:
        place = candidate.place
        where = f"{place.country}, {place.region}" if place.region else place.country
        matched = "" if candidate.matched == place.name else candidate.matched
        table.add_row(place.id, place.name, where, f"{place.population:,}", f"{candidate.score:.0f}", matched)
    return table


def _within(country: str | None) -> str:
    return f" within {country}" if country else ""
