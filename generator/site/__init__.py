"""Site: records → totals, page specs, pages, downloads and feed. Never imports MkDocs."""
