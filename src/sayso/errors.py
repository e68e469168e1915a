"""The one exception tree of sayso. Every message carries a code.

::

    SaysoError
    ├── InputError              (the input cannot be analysed; other inputs go on)
    │   ├── UnreadableInput     E101  cannot open or read
    │   ├── EmptyInput          E102  nothing in it, or no article text left
    │   ├── BinaryInput         E103  not text or HTML
    │   ├── DecodeFailure       E104  not decodable as text
    │   ├── InputTooLarge       E105  over the size limit
    │   ├── UnsupportedInput    E106  a file kind sayso does not read
    │   ├── UnsupportedLanguage E107  not English: reported, never mangled
    │   ├── FetchRefused        E108  a URL the server will not fetch (private address, ...)
    │   ├── AnalysisTimedOut    E109  one page's analysis passed its time limit
    │   ├── StageError          E110  a stage of the analysis broke on this page (a bug)
    │   └── BadSidecar          E111  the page's PAGE.meta.json cannot be read or is wrong
    ├── ModelMissing            E201  no spaCy English model installed
    ├── ConfigError             E301  a bad side dictionary or setting
    ├── StoreError              E401  the database cannot be opened or written
    │   ├── NotFound            E402  no stored item has that id
    │   ├── ReviewError         E403  a correction that cannot be stored as given
    │   ├── StoreBusy           E404  another writer kept the store longer than the wait
    │   └── BadListRequest      E405  a list's cursor, sort or page size it cannot take
    ├── QueueFull               E501  the web app's import queue is full: try later
    └── ClusterError            E601  the Dask cluster cannot be reached or used (--dask)
        └── DaskMissing         E602  --dask, and Dask is not installed: pip install 'sayso[dask]'
"""

from __future__ import annotations


class SaysoError(Exception):
    """Base of every error sayso raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.message = message
        prefix = f"{source}: " if source else ""
        super().__init__(f"{prefix}[{self.code}] {message}")


class InputError(SaysoError):
    """An input that cannot be analysed. Other inputs go on."""

    code = "E100"


class UnreadableInput(InputError):
    code = "E101"


class EmptyInput(InputError):
    code = "E102"


class BinaryInput(InputError):
    code = "E103"


class DecodeFailure(InputError):
    code = "E104"


class InputTooLarge(InputError):
    code = "E105"


class UnsupportedInput(InputError):
    code = "E106"


class UnsupportedLanguage(InputError):
    code = "E107"


class FetchRefused(InputError):
    """A URL the server will not fetch: not http(s), credentials in it, a private,
    loopback or otherwise non-public address, too many redirects."""

    code = "E108"


class AnalysisTimedOut(InputError):
    """One page's analysis ran past its time limit and was stopped."""

    code = "E109"


class StageError(InputError):
    """A stage of the analysis raised something unexpected on one page: a bug in
    sayso, recorded as that page's failure so that the other pages go on."""

    code = "E110"


class BadSidecar(InputError):
    """A page's metadata sidecar (``PAGE.meta.json``) cannot be read, is not a JSON
    object, or holds a key or value sayso does not take: that page fails."""

    code = "E111"


class ModelMissing(SaysoError):
    code = "E201"


class ConfigError(SaysoError):
    code = "E301"


class StoreError(SaysoError):
    code = "E401"


class NotFound(StoreError):
    code = "E402"


class ReviewError(StoreError):
    code = "E403"


class StoreBusy(StoreError):
    """Another writer (an ingest, the web app) held the store's write lock for
    longer than a writer waits for its turn."""

    code = "E404"


class BadListRequest(StoreError):
    """A list was asked for a page it cannot give: a cursor it did not make (or
    one made for another order), an order it does not have, a page size out of
    range. The web app answers 400 with the message."""

    code = "E405"


class QueueFull(SaysoError):
    """The web app's import queue holds as many jobs as it takes: try again later."""

    code = "E501"


class ClusterError(SaysoError):
    """The Dask cluster of ``sayso ingest --dask`` cannot be reached, lost, or
    not fit to analyse (its workers run another sayso): the run stops, every
    page stored so far is kept, and a re-run resumes."""

    code = "E601"


class DaskMissing(ClusterError):
    """``--dask`` was asked for, and the optional Dask packages are not installed."""

    code = "E602"
