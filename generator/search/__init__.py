"""Search: the site's search indexes (Material's lunr index, Pagefind)."""
