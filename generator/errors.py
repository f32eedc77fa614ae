"""The one error type the pipeline raises for bad input."""

from __future__ import annotations


class DataError(Exception):
    """A fault in data/: names the file, the line and the field, in plain words."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str):
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        where = f" [{self.field}]" if self.field else ""
        return f"{place}{where}: {self.message}"


class BuildFailed(Exception):
    """A build step refused the generated docs (MkDocs in strict mode, Pagefind) or the lock timed out."""
