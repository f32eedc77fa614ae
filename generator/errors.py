"""The error types the pipeline raises for bad input."""

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

    @property
    def errors(self) -> list[DataError]:
        return [self]


class DataErrors(DataError):
    """Every fault of one validation run, sorted by file and line.

    It reads as its first fault (file, line, field, message) where one error is expected,
    and lists them all (`errors`, one a line in str()) where a maintainer reads them.
    """

    def __init__(self, errors: list[DataError]):
        unique = {(e.file, e.line, e.field, e.message): e for e in errors}
        self._errors = sorted(unique.values(), key=lambda e: (e.file, e.line or 0, e.field or "", e.message))
        first = self._errors[0]
        super().__init__(first.file, first.line, first.field, first.message)

    def __str__(self) -> str:
        return "\n".join(DataError.__str__(error) for error in self._errors)

    @property
    def errors(self) -> list[DataError]:
        return list(self._errors)


class BuildFailed(Exception):
    """A build step refused the generated docs (MkDocs in strict mode, Pagefind) or the lock timed out."""
