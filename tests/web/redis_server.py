"""The Redis database a test may use on the shared server at 127.0.0.1:6379.

CI runs the suite on SQLite and on PostgreSQL at the same time against one Redis server; each run
sets TEST_REDIS_DB_OFFSET so that a test clearing its database never clears the other run's.
"""

from __future__ import annotations

import os

import pytest


def redis_url(database: int) -> str:
    """The URL of this test's own database number, shifted by the run's offset."""
    offset = int(os.environ.get("TEST_REDIS_DB_OFFSET", "0"))
    return f"redis://127.0.0.1:6379/{database + offset}"


def need_redis(url: str) -> None:
    """Skip when no Redis answers; in CI, where Redis is part of the machine, fail instead."""
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisDown

    try:
        Redis.from_url(url).ping()
    except RedisDown:
        if os.environ.get("CI") == "true":
            pytest.fail(f"no Redis server answers at {url} (CI=true: Redis must be running)")
        pytest.skip("no Redis server on 127.0.0.1:6379")
