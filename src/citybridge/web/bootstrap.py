"""Start Django from the command line: settings, and a store whose schema is up to date."""

from __future__ import annotations

import os

import django


def setup() -> None:
    """Configure Django once per process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.web.settings")
    from django.apps import apps

    if not apps.ready:
        django.setup()


def migrate(verbosity: int = 0) -> None:
    """Create or upgrade the store's tables (and the data folder with its secret key).

    The key is made before Django starts, so that this process's settings read it too.
    """
    from citybridge.web import instance

    instance.ensure_secret_key(instance.data_dir())
    setup()
    from django.conf import settings
    from django.core.management import call_command

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=verbosity)


def store_is_ready() -> bool:
    setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        return not executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # an unreachable server or a missing file both mean "not ready"
        return False
