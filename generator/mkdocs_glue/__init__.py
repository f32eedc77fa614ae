"""Everything MkDocs-specific: the nav, the run, and the hooks mkdocs.yml loads.

The generator's stages know nothing of MkDocs; moving to another static site
builder means replacing this package (and mkdocs.yml, site_overrides/).
"""
