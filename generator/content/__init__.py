"""Content: files under content/ → typed records, or problems with file and line. Never imports
MkDocs."""
