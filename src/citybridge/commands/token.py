"""``citybridge token create``: issue an API token for a training's organisation."""

from __future__ import annotations

from typing import Annotated

import typer

from citybridge.commands.common import UserError, _store, console
from citybridge.messages import TOKEN_SCOPES, say

app = typer.Typer(help="Issue API tokens.", no_args_is_help=True)


@app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who will use the token, e.g. 'field team'.")],
    training: Annotated[
        str, typer.Option(help="A training (id or slug) of the organisation the token acts for.")
    ],
    scope: Annotated[
        str, typer.Option(help="read: GET requests only; write: also send submissions and change leads.")
    ] = "write",
) -> None:
    """Issue an API token for the organisation of a training; it is shown once."""
    if scope not in ("read", "write"):
        raise UserError(say(TOKEN_SCOPES, scope=scope))
    _store()
    from citybridge.web.api.models import ApiToken
    from citybridge.web.surveys.store import find_training

    organisation = find_training(training).organisation
    _, token = ApiToken.issue(organisation, name, scope=scope)
    console.print(f"Token for {organisation.name}, scope {scope} (keep it; it is not shown again):")
    console.print(token)
