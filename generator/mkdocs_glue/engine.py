"""The engine seam: everything the project asks of MkDocs goes through here.

Two engines read the same config and build the same site: MkDocs 1.6.1 (no
release since 2024) and ProperDocs (the maintained fork of MkDocs 1.6). ENGINE
(environment) picks one; ProperDocs is the default because it still receives
fixes. ProperDocs serves the `mkdocs.*` modules the theme imports only after
`import properdocs.replacement`, so this module must be the first to touch an
engine in its process.

Strict mode is ours, not the engine's: each engine counts warnings on its own
logger only (ProperDocs on `properdocs`, so the theme's `mkdocs.material.*` and
our hooks' warnings escaped it). A handler on the root logger counts a warning
from any logger during a build, prints its text, and fails the build.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildFailed

ENGINES = ("properdocs", "mkdocs")
DEFAULT = "properdocs"


def name() -> str:
    engine = os.environ.get("ENGINE") or DEFAULT
    if engine not in ENGINES:
        raise BuildFailed(f"ENGINE={engine} は使えません（{' か '.join(ENGINES)}）")
    return engine


def module(path: str):
    """A module of the chosen engine by its path inside it ('commands.build'); tests patch
    the engine through this. Named as the engine's own, not through the `mkdocs` alias,
    so that a `mkdocs.*` module imported earlier in the process cannot stand in for it."""
    engine = name()
    if engine == "properdocs":
        importlib.import_module("properdocs.replacement")  # the theme's `mkdocs.*` imports land here too
    return importlib.import_module(f"{engine}.{path}")


class _Warnings(logging.Handler):
    """Every warning of a build, from any logger, in order."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s: %(message)s"))
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        self.texts.append(text)
        print(text, file=sys.stderr, flush=True)


@contextmanager
def _strict() -> Iterator[_Warnings]:
    root = logging.getLogger()
    handler = _Warnings()
    root.addHandler(handler)
    # loggers an engine's CLI left non-propagating still reach the root
    engine_loggers = [logging.getLogger(n) for n in ("mkdocs", "properdocs")]
    propagating = [logger.propagate for logger in engine_loggers]
    for logger in engine_loggers:
        logger.propagate = True
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        for logger, before in zip(engine_loggers, propagating, strict=True):
            logger.propagate = before


def build(config_file: Path, docs_dir: Path, site_dir: Path) -> str:
    """HTML for the docs dir in site_dir, without hooks; returns the config's site_url.

    Raises BuildFailed on the engine's error or on any warning, with their text."""
    config_module, build_module, exceptions = (module(m) for m in ("config", "commands.build", "exceptions"))
    with _strict() as warnings:
        try:
            # hooks=[]: the site never depends on them (they serve `make serve` only)
            config = config_module.load_config(
                str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True, hooks=[]
            )
            build_module.build(config)
        except (exceptions.Abort, exceptions.ConfigurationError) as abort:
            raise BuildFailed(_failure(name(), str(abort), warnings.texts)) from None
    if warnings.texts:
        raise BuildFailed(_failure(name(), f"{len(warnings.texts)} 件の警告（strict）", warnings.texts))
    return config.site_url or ""


def _failure(engine: str, reason: str, texts: list[str]) -> str:
    return "\n".join([f"{engine} のビルドに失敗しました: {reason}", *texts])


def serve(config_file: Path, address: str) -> None:
    """The engine's own live-reloading server (hooks on: they regenerate docs from data/)."""
    cli = module("__main__").cli
    cli(["serve", "--dirty", "--no-strict", "--dev-addr", address, "--config-file", str(config_file)])


if __name__ == "__main__":  # python -m generator.mkdocs_glue.engine serve CONFIG ADDRESS
    if sys.argv[1:2] != ["serve"] or len(sys.argv) != 4:
        sys.exit("usage: python -m generator.mkdocs_glue.engine serve CONFIG_FILE ADDRESS")
    serve(Path(sys.argv[2]), sys.argv[3])
