"""Static files linked from the build cache when their bytes are those stored.

MkDocs writes every static file (the downloads, the feed, the theme's assets) into the new site
each build (`Files.copy_static_files`): at 5,000 reports ~7,700 new files, and creating a file
costs far more than linking one. `Statics.install` makes each static file's `copy_file` (in the
parent process, after `on_env`) take its bytes as MkDocs would write them — the generated
content, or the source file read once — and, when the last build stored those bytes
(`blobs/s<digest of the bytes>`, checked by size and modification time as recorded, see
site/buildcache.py), hard-link the stored file into the new site; otherwise write the bytes
as MkDocs does. `commit` stores what was written. An editor who later writes over a source
file writes into the source, never into a stored or published file: the source is only read.
tests/site/test_incremental.py compares incremental builds with clean ones byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.files import File

from generator.site import buildcache
from generator.site.buildcache import BuildCache, Manifest, static_key

ENABLED = True
"""False: MkDocs copies every static file itself (the plain path, which tests compare with)."""


class Statics:
    """One build's static files: by their path in the site, the key of their bytes."""

    def __init__(self) -> None:
        self.stored: dict[str, str] = {}
        self.linked = 0
        """How many were linked from the cache (the rest were written)."""

    def install(
        self, files: Iterable[File], site_dir: str, cache: BuildCache, manifest: Manifest | None
    ) -> None:
        """Give each static file of `files` the copy described above. Left to MkDocs: files
        read from the site folder itself (a plugin's own), and systems whose text files end
        lines otherwise than MkDocs' generated text."""
        if not ENABLED or os.linesep != "\n":
            return
        site = os.path.abspath(site_dir) + os.sep
        for file in files:
            if file.is_documentation_page():
                continue
            if file.abs_src_path is not None and os.path.abspath(file.abs_src_path).startswith(
                site
            ):
                continue
            plain = file.copy_file

            def copy(dirty: bool = False, file: File = file, plain: object = plain) -> None:
                if dirty:  # `serve --dirty`: MkDocs' own test of what changed
                    plain(dirty)  # type: ignore[operator]
                    return
                self._copy(file, cache, manifest)

            # An instance's own `copy_file`, called by `Files.copy_static_files`.
            setattr(file, "copy_file", copy)  # noqa: B010

    def _copy(self, file: File, cache: BuildCache, manifest: Manifest | None) -> None:
        data = file.content_bytes
        key = static_key(data)
        target = file.abs_dest_path
        blob = cache.blob(manifest, key) if manifest is not None else None
        if blob is not None:
            buildcache.link_new(blob, target)
            self.linked += 1
        else:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as out:
                out.write(data)
        self.stored[file.dest_uri] = key
