"""Property-based check of every endpoint: schemathesis generates requests from the OpenAPI schema
(queries, paths and bodies, valid and not) and runs them against the WSGI app with a write token.
No answer may be a 5xx, and every answer must match its documented status code, content type and
schema. Path parameters are mostly the example training's own, so the generated requests reach
real data; now and then one is left as generated, to meet the 404s."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from citybridge.web.pipeline.store import create_lead

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SLOW = {
    "/trainings/{slug}/matches",
    "/trainings/{slug}/cities",
}  # the gazetteer loads once, then a second or so per call


@pytest.fixture
def wsgi_in_the_test_transaction(db):
    """Requests straight through the WSGI handler end by closing "old" database connections, which
    would close the test's own on PostgreSQL; Django's test client unhooks the same signals."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_in_the_test_transaction):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


def test_generated_requests_never_fail_and_match_the_schema(api_schema, example, write_token):
    headers = {"Authorization": f"Bearer {write_token}"}
    lead, _ = create_lead("Termez", "Suzhou", who="test", training=example.training)
    real = {"slug": example.training.slug, "survey_id": example.survey.pk, "lead_id": lead.pk}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 16
    for operation in operations:

        @settings(
            max_examples=2 if operation.path.removeprefix("/api/v1") in SLOW else 10,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(), keep_real=st.integers(0, 4))
        def conforms(case, keep_real):
            generated = case.path_parameters or {}
            if keep_real:  # four times in five: the example's own objects
                case.path_parameters = {
                    **generated,
                    **{name: real[name] for name in generated if name in real},
                }
            case.call_and_validate(headers=headers, checks=CHECKS)

        conforms()
