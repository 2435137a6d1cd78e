"""Plugin: the thin MkDocs shell over the pipeline."""
