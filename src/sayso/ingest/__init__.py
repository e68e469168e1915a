"""Reading inputs: files, directories, stdin, gzip; decoding to text."""

from sayso.ingest.sources import RawInput, expand_paths, read_bytes, read_input, sniff_kind

__all__ = ["RawInput", "expand_paths", "read_bytes", "read_input", "sniff_kind"]
