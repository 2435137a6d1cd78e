"""Search: what pages are found by (documents, text), the engines (local, Pagefind, Material's lunr
index) and which one a build gets (engine)."""
