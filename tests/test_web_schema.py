"""The JSON API against its own OpenAPI schema (schemathesis, in-process ASGI,
no network): whatever the generated request, no server error. Writes are sent
with the token, so their validation and not-found paths are exercised too (the
add-page endpoints are left out: each call would start an analysis job)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from sayso.web import create_app
from sayso.web.settings import LOOPBACK_HOSTS, ServeSettings
from tests.web_support import TOKEN, built_db

__all__ = ["built_db"]

# The app is made at import (schemathesis reads its schema when collecting);
# its store is filled from the built corpus before the tests run.
STORE = Path(tempfile.mkdtemp(prefix="sayso-schema-")) / "sayso.db"
# schemathesis calls the app as "testserver": a host the app must be told it answers to.
APP = create_app(
    STORE, settings=ServeSettings(token=TOKEN, allowed_hosts=(*LOOPBACK_HOSTS, "testserver"))
)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP).exclude(
    path_regex=r"^/api/articles(/upload|/[^/]+/reanalyze)?$", method="POST"
)


@pytest.fixture(scope="module", autouse=True)
def filled_store(built_db: Path) -> None:
    shutil.copy(built_db, STORE)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_has_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error]
    )


def test_openapi_documents_every_api_route(built_db: Path) -> None:
    app = create_app(built_db)
    paths = app.openapi()["paths"]
    for route in ("/api/articles/{article_id}", "/api/claims/{claim_id}", "/api/events",
                  "/api/search", "/api/actors", "/api/export/accounts.jsonl",
                  "/api/export/accounts.csv", "/api/export/events.geojson",
                  "/api/accounts/{account_id}/review"):  # fmt: skip
        assert route in paths, route
    assert not any(not p.startswith("/api/") for p in paths)  # pages are not API
    assert "put" in paths["/api/accounts/{account_id}/review"]
    assert "post" in paths["/api/jobs/{job_id}/cancel"]
