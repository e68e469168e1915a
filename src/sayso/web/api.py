"""The JSON API under ``/api/``: every page's data, the writes (add pages,
review accounts: token required) and the exports (JSONL, CSV, GeoJSON).
Its OpenAPI schema is served at ``/api/openapi.json``."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, ConfigDict, Field

from sayso.errors import NotFound, ReviewError
from sayso.store.reviews import MAX_FIELD, STANCES
from sayso.web import data
from sayso.web.context import (
    found_or_404,
    guard_of,
    jobs_of,
    open_store,
    reanalysis_input,
    submit,
)
from sayso.web.event_views import event_data
from sayso.web.jobs import JobInput
from sayso.web.security import bearer

router = APIRouter(prefix="/api", tags=["api"])
Json = dict[str, Any]
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
NotFoundResponse: dict[int | str, dict[str, Any]] = {404: {"description": "No such item"}}
WriteResponses: dict[int | str, dict[str, Any]] = {
    401: {"description": "No token, or a wrong one"},
    403: {"description": "The server was started without a token: writes are off"},
}
Text = Annotated[str | None, Query(max_length=MAX_FIELD)]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


# ------------------------------------------------------------------ reading


@router.get(
    "/articles/{article_id}",
    summary="An article: text, accounts, chrome, bios",
    responses=NotFoundResponse,
)
def get_article(request: Request, article_id: str) -> Json:
    with open_store(request) as store:
        return found_or_404(data.article_data(store, article_id), f"no article {article_id}")


@router.get(
    "/accounts/{account_id}/review",
    summary="An account's review and its history",
    responses=NotFoundResponse,
)
def get_review(request: Request, account_id: str) -> Json:
    with open_store(request) as store:
        review = next((r for r in store.reviews() if r.account_id == account_id), None)
        history = store.review_history(account_id)
    if review is None and not history:
        raise HTTPException(404, f"account {account_id} has never been reviewed")
    return {"review": vars_of(review) if review else None, "history": history}


@router.get(
    "/actors/{actor_id}",
    summary="One actor and every account they gave",
    responses=NotFoundResponse,
)
def get_actor(request: Request, actor_id: str) -> Json:
    with open_store(request) as store:
        return found_or_404(data.actor_data(store, actor_id), f"no actor {actor_id}")


@router.get(
    "/claims/{claim_id}",
    summary="One claim (id or unique prefix) by side and stance",
    responses=NotFoundResponse,
)
def get_claim(request: Request, claim_id: str) -> Json:
    with open_store(request) as store:
        return found_or_404(data.claim_data(store, claim_id), f"no claim {claim_id}")


def event_filters(
    type: Text = None,
    place: Text = None,
    since: date | None = None,
    until: date | None = None,
    actor: Text = None,
) -> dict[str, str | None]:
    return {
        "type": type,
        "place": place,
        "since": _day(since),
        "until": _day(until),
        "actor": actor,
    }


EventFilters = Annotated[dict[str, str | None], Depends(event_filters)]


@router.get(
    "/events/{event_id}",
    summary="One event: its reports side by side, with every source's toll",
    responses=NotFoundResponse,
)
def get_event(request: Request, event_id: str) -> Json:
    with open_store(request) as store:
        return found_or_404(event_data(store, event_id), f"no event {event_id}")


@router.get("/search", summary="Full-text search over articles, accounts and claims")
def search(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Text = None,
    outlet: Text = None,
    side: Text = None,
    speaker: Text = None,
    date: Text = None,
) -> Json:
    filters = {"kind": kind, "outlet": outlet, "side": side, "speaker": speaker, "date": date}
    with open_store(request) as store:
        return store.search(q, filters).as_dict()


@router.get("/sides", summary="The sides an account can be given")
def sides(request: Request) -> list[str]:
    with open_store(request) as store:
        return data.known_sides(store)


@router.get("/jobs/{job_id}", summary="An import's progress", responses=NotFoundResponse)
def get_job(request: Request, job_id: str) -> Json:
    return found_or_404(jobs_of(request).get(job_id), f"no job {job_id}")


# ------------------------------------------------------------------ exports


@router.get(
    "/export/accounts.jsonl",
    summary="Accounts as JSON lines, reviewed values applied",
    response_class=StreamingResponse,
)
def export_accounts_jsonl(request: Request, include_rejected: bool = False) -> StreamingResponse:
    with open_store(request) as store:
        lines = list(data.accounts_jsonl(store, include_rejected))
    return StreamingResponse(iter(lines), media_type="application/x-ndjson")


@router.get(
    "/export/accounts.csv",
    summary="Accounts as CSV, reviewed values applied",
    response_class=PlainTextResponse,
)
def export_accounts_csv(request: Request, include_rejected: bool = False) -> PlainTextResponse:
    with open_store(request) as store:
        text = data.accounts_csv(store, include_rejected)
    return PlainTextResponse(text, media_type="text/csv; charset=utf-8")


@router.get("/export/events.geojson", summary="Events that have a point, as GeoJSON")
def export_events_geojson(request: Request, filters: EventFilters) -> Json:
    with open_store(request) as store:
        return data.events_geojson(store, filters)


@router.get(
    "/export/events.csv",
    summary="Events as ACLED-like CSV, one row per event",
    response_class=PlainTextResponse,
)
def export_events_csv(request: Request, filters: EventFilters) -> PlainTextResponse:
    with open_store(request) as store:
        text = data.events_csv(store, filters)
    return PlainTextResponse(text, media_type="text/csv; charset=utf-8")


# ------------------------------------------------------------------ writing


class ReviewIn(BaseModel):
    """A correction of an account; a field left out keeps the analysis's value."""

    model_config = ConfigDict(extra="forbid")
    reviewer: str = Field(min_length=1, max_length=MAX_FIELD)
    speaker: str | None = Field(default=None, max_length=MAX_FIELD)
    side: str | None = Field(default=None, max_length=MAX_FIELD)
    stance: str | None = Field(default=None, json_schema_extra={"enum": list(STANCES)})
    claim_id: str | None = Field(default=None, max_length=MAX_FIELD)
    rejected: bool = False


@router.put(
    "/accounts/{account_id}/review",
    summary="Correct or reject an account",
    responses={**WriteResponses, **NotFoundResponse, 422: {"description": "Bad"}},
)
def put_review(request: Request, account_id: str, body: ReviewIn, auth: Bearer) -> Json:
    guard_of(request).require_bearer(request, auth)
    fields = body.model_dump(exclude={"reviewer"})
    with open_store(request) as store:
        try:
            review = store.review(account_id, reviewer=body.reviewer, **fields)
        except NotFound as exc:
            raise HTTPException(404, exc.message) from None
        except ReviewError as exc:
            raise HTTPException(422, exc.message) from None
    return vars_of(review)


@router.delete(
    "/accounts/{account_id}/review",
    summary="Drop an account's review",
    responses={**WriteResponses, **NotFoundResponse},
)
def delete_review(
    request: Request,
    account_id: str,
    auth: Bearer,
    reviewer: Annotated[str, Query(min_length=1, max_length=MAX_FIELD)] = "analyst",
) -> Json:
    guard_of(request).require_bearer(request, auth)
    with open_store(request) as store:
        if not store.clear_review(account_id, reviewer=reviewer):
            raise HTTPException(404, f"account {account_id} has no review")
    return {"account_id": account_id, "cleared": True}


class PageIn(BaseModel):
    """A page to add: its text (HTML or plain), or a URL the server fetches."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(default=None, max_length=10_000_000)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")


QueueResponses: dict[int | str, dict[str, Any]] = {
    503: {"description": "The import queue is full: try again after Retry-After seconds"}
}


@router.post(
    "/articles",
    status_code=202,
    summary="Add a page: text or URL (a background job)",
    responses={**WriteResponses, **QueueResponses, 422: {"description": "No text, no URL"}},
)
def add_article(request: Request, body: PageIn, auth: Bearer) -> Json:
    guard_of(request).require_bearer(request, auth)
    inputs: list[JobInput] = []
    if body.text and body.text.strip():
        inputs.append(JobInput.paste(body.text))
    if body.url:
        inputs.append(JobInput.from_url(body.url))
    if not inputs:
        raise HTTPException(422, "give the page's text or its URL")
    return _started(request, inputs)


@router.post(
    "/articles/upload",
    status_code=202,
    summary="Add uploaded files (a background job)",
    responses={**WriteResponses, **QueueResponses},
)
def upload_articles(
    request: Request, files: Annotated[list[UploadFile], File()], auth: Bearer
) -> Json:
    guard_of(request).require_bearer(request, auth)
    inputs = [JobInput.upload(f.file.read(), f.filename or "upload") for f in files]
    return _started(request, inputs)


@router.post(
    "/articles/{article_id}/reanalyze",
    status_code=202,
    summary="Analyse a stored article again from its kept original; reviews stay",
    responses={**WriteResponses, **NotFoundResponse, **QueueResponses},
)
def reanalyze(request: Request, article_id: str, auth: Bearer) -> Json:
    guard_of(request).require_bearer(request, auth)
    return _started(request, [reanalysis_input(request, article_id)], replace=True)


@router.post(
    "/jobs/{job_id}/cancel",
    summary="Cancel an import: a queued one at once, a running one stopped in its current page",
    responses={**WriteResponses, **NotFoundResponse},
)
def cancel_job(request: Request, job_id: str, auth: Bearer) -> Json:
    guard_of(request).require_bearer(request, auth)
    found_or_404(jobs_of(request).get(job_id), f"no job {job_id}")
    jobs_of(request).cancel(job_id)
    return found_or_404(jobs_of(request).get(job_id), f"no job {job_id}")


def _started(request: Request, inputs: list[JobInput], *, replace: bool = False) -> Json:
    job_id = submit(request, inputs, replace=replace)
    return {"job_id": job_id, "status_url": f"/api/jobs/{job_id}"}


def vars_of(item: Any) -> Json:
    """A stored item (a dataclass) as JSON-ready data."""
    found: Json = dataclasses.asdict(item)
    return found
