"""The analyst's web app and JSON API (``sayso serve``)."""

from sayso.web.app import DEFAULT_HOST, DEFAULT_PORT, create_app

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "create_app"]
