"""Content-Security-Policy for generated HTML: only our own scripts, plus hashes of inline ones.

Material (and Folium maps) put small inline scripts in each page whose text
depends on the page's depth, so the policy is computed per page from its HTML.
"""

from __future__ import annotations

import base64
import hashlib
import re

TILE_HOST = "https://cyberjapandata.gsi.go.jp"
# Data blocks (application/json, application/ld+json) never run, so script-src does not apply to them.
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.S
)


def inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for body in _INLINE_SCRIPT.findall(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy(html: str) -> str:
    # 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly; it allows no JS eval.
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(html)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: {TILE_HOST}; connect-src 'self'; frame-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def with_policy(html: str) -> str:
    """Insert the policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return re.sub(r"<head>", "<head>\n" + meta, html, count=1)
