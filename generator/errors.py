"""The one error type the pipeline raises for bad input, and how it quotes data safely."""

from __future__ import annotations

import errno
import re
import unicodedata

EXCERPT_CHARACTERS = 40  # a quoted value longer than this is cut: a pasted secret is never printed whole

# C0 and C1 controls and DEL (a terminal obeys ESC sequences), line and paragraph separators,
# and format characters (bidi overrides): shown as <U+XXXX>, never written to a terminal or log.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    return "".join(f"<U+{ord(c):04X}>" if _UNPRINTABLE.match(c) or unicodedata.category(c) == "Cf" else c for c in text)


def excerpt(value: object, limit: int = EXCERPT_CHARACTERS) -> str:
    """A bounded, escaped quotation of a value from data/ for a message."""
    text = str(value)
    if len(text) > limit:
        text = f"{text[: limit // 2]}…（全 {len(text):,} 文字）"
    return _visible(text)


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
        return _visible(f"{place}{where}: {self.message}")  # whatever a check quoted, nothing reaches the terminal raw


class BuildFailed(Exception):
    """A build step refused the generated docs (MkDocs in strict mode, Pagefind) or the lock timed out."""


_OS_PROBLEMS = {
    errno.ENOSPC: "ディスクの空きがありません。空きを作ってから、もう一度実行してください",
    errno.EDQUOT: "ディスクの割り当て（クォータ）を超えました。空きを作ってから、もう一度実行してください",
    errno.EACCES: "権限がありません。このユーザーが読み書きできるようにするか、別のフォルダを指定してください",
    errno.EPERM: "権限がありません。このユーザーが読み書きできるようにするか、別のフォルダを指定してください",
    errno.EROFS: "読み取り専用のファイルシステムです。書き込めるフォルダを指定してください（--site、--build-dir）",
}


def os_problem(error: OSError) -> str:
    """What the file system refused, in the maintainer's words (the path comes from the error)."""
    problem = _OS_PROBLEMS.get(error.errno, f"ファイルを読み書きできません（{error.strerror or error}）")
    return f"{excerpt(error.filename, 200)}: {problem}" if error.filename else problem
