"""Stage 4 — render: everything the site publishes, as a declared list of outputs.

Each output is a module with one function, `render(directory) -> {path: text or
bytes}`, pure (it reads the Directory, and only packaged data, never data/).
build.py loops over OUTPUTS; adding an output means adding a module and a line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..directory import Directory
from . import feed, finder, maps, opendata, pages, postal, workbook

Files = dict[str, str | bytes]


@dataclass(frozen=True)
class Output:
    name: str  # the stage name in build progress and the benchmark
    render: Callable[[Directory], Files]


OUTPUTS: tuple[Output, ...] = (
    Output("pages", pages.render),
    Output("maps", maps.render),
    Output("finder", finder.render),
    Output("postal", postal.render),
    Output("opendata", opendata.render),
    Output("workbook", workbook.render),
    Output("feed", feed.render),
)
