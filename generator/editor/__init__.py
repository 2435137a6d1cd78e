"""Editor: the editors' scaffolds, schemas and Word import. Never imports site or MkDocs."""
