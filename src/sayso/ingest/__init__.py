"""Reading inputs: files, directories, stdin, gzip; decoding to text; sidecars."""

from sayso.ingest.pagemeta import PageMeta, page_meta, read_sidecar
from sayso.ingest.sources import RawInput, expand_paths, read_bytes, read_input, sniff_kind

__all__ = [
    "PageMeta",
    "RawInput",
    "expand_paths",
    "page_meta",
    "read_bytes",
    "read_input",
    "read_sidecar",
    "sniff_kind",
]
