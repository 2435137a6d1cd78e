"""The build's date, for the length of one build only.

MkDocs reads the date it prints (sitemap `lastmod`, the gzip header of `sitemap.xml.gz`,
templates' `build_date_utc`) from `SOURCE_DATE_EPOCH` and nowhere else. The plugin sets it
to the content's date when a build's configuration is ready and removes it when the build
ends (after the last page and the sitemap, on error, at shutdown): two builds in one process
each get their own date, and nothing is left in the environment. A date the user set
(`SOURCE_DATE_EPOCH` in the environment before the build) is used as given and never touched.
"""

from __future__ import annotations

import os

VARIABLE = "SOURCE_DATE_EPOCH"


class BuildDate:
    def __init__(self) -> None:
        self._set: str | None = None
        """The value this object put in the environment (None: nothing of ours is there)."""

    def begin(self, content_epoch: int) -> int:
        """The build's date: the user's SOURCE_DATE_EPOCH if set, else `content_epoch`
        (placed in the environment until `end`)."""
        self.end()
        given = os.environ.get(VARIABLE)
        if given:
            try:
                return int(given)
            except ValueError:
                return content_epoch  # MkDocs itself will say what is wrong with it
        self._set = str(content_epoch)
        os.environ[VARIABLE] = self._set
        return content_epoch

    def end(self) -> None:
        """Remove the date this object set (if it is still the one there)."""
        if self._set is not None and os.environ.get(VARIABLE) == self._set:
            del os.environ[VARIABLE]
        self._set = None
