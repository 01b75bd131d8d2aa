"""Schemathesis over ``/openapi.json``: generated requests to every operation, on both databases.

No answer may be a server error, and every answer must match what the document says of it
(schema, status code, media type), for valid requests and for invalid ones (negative mode).
The examples are derandomised, so CI runs the same ones each time; raise ``FUZZ_EXAMPLES`` in a
local run to search further.
"""

from __future__ import annotations

import itertools
import os

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.api.main import create_app
from tests.api.conftest import World, settings_for

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, content_type_conformance]


def test_no_server_error_and_no_answer_outside_the_schema(db_url: str, world: World) -> None:
    """Every operation of an app with writes open (POST and DELETE are fuzzed too) over a small world."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings_for(db_url)))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation, mode in itertools.product(operations, GenerationMode):

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def fuzz(case: schemathesis.Case) -> None:
            # invalid requests (negative mode) must be refused with a documented 4xx problem
            case.call_and_validate(checks=CHECKS)

        try:
            fuzz()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # an operation without parameters has no invalid request
