"""Employment Partnership Directory site generator (data/ → Markdown → MkDocs)."""
