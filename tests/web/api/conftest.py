"""Tokens for the example training's organisation and a client that sends them."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def write_token(example):
    from citybridge.web.api.models import ApiToken

    return ApiToken.issue(example.training.organisation, "field team")[1]


@pytest.fixture
def read_token(example):
    from citybridge.web.api.models import ApiToken

    return ApiToken.issue(example.training.organisation, "dashboard", scope="read")[1]


@pytest.fixture
def call(client):
    """call("get", "/trainings", token, data=...) -> the response of /api/v1/trainings. A path
    ending in /multipart is sent as multipart/form-data, ``data`` as its 'submission' part."""

    def send(method: str, path: str, token: str | None, data=None, **params):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"/api/v1{path}"
        if method == "get":
            return client.get(url, params, headers=headers)
        if path.endswith("/multipart"):
            return client.post(url, {"submission": json.dumps(data or {})}, headers=headers)
        return client.post(url, data or {}, content_type="application/json", headers=headers)

    return send
