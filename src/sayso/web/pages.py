"""The analyst's pages, rendered on the server from the same data as the API
(:mod:`sayso.web.data`). Templates autoescape everything: article text is
untrusted input and always shows as text."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.datastructures import UploadFile as StarletteUpload

from sayso.errors import NotFound, ReviewError
from sayso.ingest.pagemeta import page_meta
from sayso.store.jobs import PageFields
from sayso.store.paged import ORDERS
from sayso.store.reviews import STANCES
from sayso.web import data
from sayso.web.context import (
    found_or_404,
    guard_of,
    jobs_of,
    open_store,
    original_bytes,
    reanalysis_input,
    settings_of,
    submit,
)
from sayso.web.event_views import event_data, event_view, wants_context
from sayso.web.jobs import JobInput
from sayso.web.listing import PAGE_ROWS, pager

router = APIRouter(include_in_schema=False)
FormField = Annotated[str, Form(max_length=200)]


def render(
    request: Request,
    name: str,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=dict(headers or {})
    )


def _q(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value[:200] or None


def _cursor(request: Request) -> str | None:
    return request.query_params.get("cursor", "")[:4000] or None


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    outlet = _q(request, "outlet")
    with open_store(request) as store:
        page = store.articles_page(
            limit=PAGE_ROWS, cursor=_cursor(request), sort=_q(request, "sort"), outlet=outlet
        )
        counts = store.counts()
    pairs = [("stored", "-stored"), ("-published", "published")]
    return render(
        request,
        "index.html",
        articles=page.items,
        counts=counts,
        outlet=outlet or "",
        pager=pager(request, page, ORDERS["articles"], pairs),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    with open_store(request) as store:
        view = found_or_404(store.article(article_id), f"no article {article_id}")
        found = data.article_data(store, article_id)
        sides = data.known_sides(store)
    return render(
        request,
        "article.html",
        article=found,
        accounts=view.accounts,
        segments=data.segments(view.text, view.accounts),
        sides=sides,
        stances=STANCES,
    )


@router.get("/articles/{article_id}/original")
def original(request: Request, article_id: str) -> Response:
    kept = original_bytes(request, article_id)
    if kept is None:
        with open_store(request) as store:
            view = store.article(article_id)
        link = data.original_link(view.url, view.source) if view else None
        if link:
            return RedirectResponse(link, status_code=307)
        raise HTTPException(404, "the original of this article is not available")
    # text/plain with a sandbox: the original HTML is shown, never run
    return PlainTextResponse(
        kept, headers={"Content-Security-Policy": "sandbox; default-src 'none'"}
    )


@router.post("/articles/{article_id}/reanalyze")
def reanalyze(request: Request, article_id: str, csrf_token: FormField = "") -> Response:
    guard_of(request).require_form(request, csrf_token)
    job_id = submit(request, [reanalysis_input(request, article_id)], replace=True)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.post("/accounts/{account_id}/review")
def review(
    request: Request,
    account_id: str,
    csrf_token: FormField = "",
    speaker: FormField = "",
    side: FormField = "",
    stance: FormField = "",
    claim_id: FormField = "",
    rejected: FormField = "",
    clear: FormField = "",
) -> Response:
    guard = guard_of(request)
    guard.require_form(request, csrf_token)
    reviewer = guard.reviewer(request)
    with open_store(request) as store:
        try:
            if clear:
                store.clear_review(account_id, reviewer=reviewer)
                article_id = next(
                    (
                        a.article_id
                        for a in store.accounts(include_rejected=True)
                        if a.account_id == account_id
                    ),
                    None,
                )
            else:
                done = store.review(
                    account_id,
                    reviewer=reviewer,
                    speaker=speaker or None,
                    side=side or None,
                    stance=stance or None,
                    claim_id=claim_id or None,
                    rejected=bool(rejected),
                )
                article_id = done.article_id
        except NotFound as exc:
            raise HTTPException(404, exc.message) from None
        except ReviewError as exc:
            raise HTTPException(422, exc.message) from None
    if article_id is None:
        raise HTTPException(404, f"no stored account {account_id}")
    return RedirectResponse(f"/articles/{article_id}#{account_id}", status_code=303)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request) -> HTMLResponse:
    filters = {name: _q(request, name) for name in ("search", "side", "kind")}
    with open_store(request) as store:
        page = store.actors_page(
            limit=PAGE_ROWS, cursor=_cursor(request), sort=_q(request, "sort"), **filters
        )
    found = data.actor_items(page)
    pairs = [("name", "name"), ("-articles", "-articles"), ("-accounts", "-accounts")]
    return render(
        request,
        "actors.html",
        actors=found,
        search=filters["search"] or "",
        filters=filters,
        pager=pager(request, page, ORDERS["actors"], pairs),
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str) -> HTMLResponse:
    with open_store(request) as store:
        found = found_or_404(data.actor_data(store, actor_id), f"no actor {actor_id}")
    return render(request, "actor.html", actor=found)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request) -> HTMLResponse:
    search, side = _q(request, "search"), _q(request, "side")
    contested = request.query_params.get("contested") in ("1", "true", "on")
    with open_store(request) as store:
        page = store.claims_page(
            limit=PAGE_ROWS,
            cursor=_cursor(request),
            sort=_q(request, "sort"),
            search=search,
            contested=contested,
            side=side,
        )
    pairs = [("-statements", "statements"), ("stored", "-stored")]
    return render(
        request,
        "claims.html",
        claims=data.claim_items(page),
        search=search or "",
        side=side or "",
        contested=contested,
        pager=pager(request, page, ORDERS["claims"], pairs),
    )


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str) -> HTMLResponse:
    with open_store(request) as store:
        found = found_or_404(data.claim_data(store, claim_id), f"no claim {claim_id}")
    return render(request, "claim.html", claim=found, stances=STANCES)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request) -> HTMLResponse:
    filters = {name: _q(request, name) for name in data.EVENT_FILTERS}
    problems = []
    for name in ("since", "until"):
        value = filters[name]
        if value:
            try:
                filters[name] = date.fromisoformat(value).isoformat()
            except ValueError:
                problems.append(f"{name}: {value!r} is not a date (YYYY-MM-DD)")
                filters[name] = None
    context = wants_context(request.query_params.get("context"))
    with open_store(request) as store:
        page = store.events_page(
            filters, limit=PAGE_ROWS, cursor=_cursor(request), sort=_q(request, "sort"),
            context=context,
        )  # fmt: skip
        hidden = 0 if context else store.count_events(filters, background=True)
    asked = {k: v for k, v in filters.items() if v}
    query = urlencode({**asked, "context": "1"} if context else asked)
    return render(
        request,
        "events.html",
        events=[event_view(c) for c in page.items],
        hidden=hidden,
        context=context,
        filters=filters,
        problems=problems,
        query=query,
        pager=pager(request, page, ORDERS["events"], [("-reports", "reports"), ("-date", "date")]),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    with open_store(request) as store:
        found = found_or_404(event_data(store, event_id), f"no event {event_id}")
    return render(request, "event.html", event=found)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request) -> HTMLResponse:
    text = (request.query_params.get("q") or "")[:500]
    filters = {name: _q(request, name) for name in ("kind", "outlet", "side", "speaker", "date")}
    with open_store(request) as store:
        result = store.search(text, filters).as_dict() if text.strip() else None
    if result is not None:
        for name, values in result["facets"].items():
            for value in values:
                # a facet link sets that facet, or unsets it when it is the one chosen
                active = filters[name] == value["value"]
                params = {**filters, "q": text, name: None if active else value["value"]}
                value["active"] = active
                value["href"] = "/search?" + urlencode({k: v for k, v in params.items() if v})
    return render(request, "search.html", q=text, filters=filters, result=result)


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    return render(request, "add.html")


@router.post("/add")
async def add(request: Request) -> Response:
    settings = settings_of(request)
    # Read by hand, not by FastAPI: a pasted page may be as large as a page may
    # be, where Starlette's default cuts a form field at 1 MB.
    form = await request.form(max_files=50, max_fields=20, max_part_size=settings.max_page_bytes)
    try:
        guard_of(request).require_form(request, _field(form, "csrf_token"))
        try:
            fields = _page_fields(form)
        except ValueError as exc:
            return render(request, "add.html", 422, error=f"The page's details: {exc}.")
        inputs = await _inputs(form, fields)
    finally:
        await form.close()  # the spooled uploads
    if not inputs:
        return render(request, "add.html", 422, error="Paste a text, give a URL or choose a file.")
    job_id = await run_in_threadpool(submit, request, inputs)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


def _page_fields(form: FormData) -> PageFields:
    """What the form says of its pages (date, outlet, the page's URL), checked;
    ValueError naming what is wrong."""
    meta = page_meta(_field(form, "published"), _field(form, "outlet"), _field(form, "page_url"))
    return PageFields(published=meta.published, outlet=meta.outlet, page_url=meta.url)


async def _inputs(form: FormData, fields: PageFields) -> list[JobInput]:
    """The pages of the add form: pasted text, a URL, uploaded files, each with
    what the form says of them."""
    inputs: list[JobInput] = []
    text, url = _field(form, "text"), _field(form, "url").strip()
    if text.strip():
        inputs.append(JobInput.paste(text, fields))
    if url:
        inputs.append(JobInput.from_url(url, fields))
    for upload in form.getlist("files"):
        if isinstance(upload, StarletteUpload) and upload.filename:
            inputs.append(JobInput.upload(await upload.read(), upload.filename, fields))
    return inputs


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job(request: Request, job_id: str) -> HTMLResponse:
    found = found_or_404(jobs_of(request).get(job_id), f"no job {job_id}")
    return render(request, "job.html", job=found)


@router.post("/jobs/{job_id}/cancel")
def cancel_job(request: Request, job_id: str, csrf_token: FormField = "") -> Response:
    guard_of(request).require_form(request, csrf_token)
    found_or_404(jobs_of(request).get(job_id), f"no job {job_id}")
    jobs_of(request).cancel(job_id)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.get("/jobs/{job_id}/status", response_class=HTMLResponse)
def job_status(request: Request, job_id: str) -> HTMLResponse:
    found = found_or_404(jobs_of(request).get(job_id), f"no job {job_id}")
    # htmx stops polling on 286: the job is over
    finished = found["status"] in ("done", "failed", "cancelled")
    return render(request, "_job_status.html", 286 if finished else 200, job=found)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html", next=_q(request, "next") or "/")


@router.post("/login")
def login(
    request: Request,
    csrf_token: FormField = "",
    token: Annotated[str, Form(max_length=500)] = "",
    reviewer: FormField = "",
    next: FormField = "/",
) -> Response:
    guard = guard_of(request)
    guard.require_form(request, csrf_token, login=False)
    if not guard.writable:
        return render(request, "login.html", 403, next=next, error="Writes are off on this server.")
    if not reviewer.strip():
        return render(request, "login.html", 422, next=next, error="Give your name.")
    if not guard.check_token(request, token):
        return render(request, "login.html", 401, next=next, error="Wrong token.")
    target = next if next.startswith("/") and not next.startswith(("//", "/\\")) else "/"
    response = RedirectResponse(target, status_code=303)
    guard.log_in(request, response, " ".join(reviewer.split()))
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: FormField = "") -> Response:
    guard = guard_of(request)
    guard.require_form(request, csrf_token, login=False)
    response = RedirectResponse("/", status_code=303)
    guard.log_out(request, response)
    return response
