"""Stage 4 — render maps (work in progress: replaced by the Folium maps of issue #4)."""

from __future__ import annotations

from .directory import Directory


def render_maps(directory: Directory) -> dict[str, str]:
    return {}
