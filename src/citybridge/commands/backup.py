"""``citybridge backup`` and ``restore``: the whole instance (store and data folder) in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="The archive to write, e.g. citybridge-2020-12-14.tar.gz.")],
) -> None:
    """Back up the store and the data folder's files (job outputs, uploads, the secret key) into one
    archive with a manifest of rows and checksums; safe while the server runs."""
    from citybridge.commands.common import _store, console

    _store()
    manifest, rows = _done("backup", file)
    console.print(
        f"Backed up the {manifest['engine']} store ({len(manifest['tables'])} tables, {rows:,} rows) and "
        f"{len(manifest['members']) - 1} files to {file} (readable by you only: it holds personal data)."
    )


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="An archive written by citybridge backup.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a store that already holds data.")] = False,
) -> None:
    """Restore an archive of citybridge backup into this data folder and store, all or nothing; stop
    the server first. A store that holds data is refused unless --force."""
    from citybridge.commands.common import UserError, _store, console

    if not file.is_file():
        raise UserError(f"{file}: no such file")
    _store(migrate=True)
    manifest, rows = _done("restore", file, force=force)
    console.print(
        f"Restored {file} (made {manifest['created_at']}): {len(manifest['tables'])} tables, {rows:,} rows "
        f"and {len(manifest['members']) - 1} files, every checksum as recorded."
    )


def _done(action: str, file: Path, **options) -> tuple[dict, int]:
    """Run web.backup's ``action``; its refusals become one-line errors. Returns the manifest and rows."""
    from citybridge.commands.common import UserError
    from citybridge.web import backup as service

    try:
        manifest = getattr(service, action)(file, **options)
    except service.BackupError as exc:
        raise UserError(str(exc)) from None
    return manifest, sum(table["rows"] for table in manifest["tables"].values())
