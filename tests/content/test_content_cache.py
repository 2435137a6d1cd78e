"""The content cache (generator/content/cache.py) against the plain path, byte for byte.

Every test loads a tree twice or more through the cache and once without it, and asserts the
same records and the same problems (file, line, column, code, message, severity), after each
kind of change: a file edited, touched, changed keeping its size and modification time,
deleted, added; a damaged cache file; problems in files; the indicator catalogue changed under
cached reports. A counter on the parser shows which files were parsed again.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import BASE, make_tree

from generator.content import cache as content_cache
from generator.content.load import parse as load_parse
from generator.content.model import Content
from generator.content.problems import Problem
from generator.content.validate import load_content
from generator.content.validate import reports as reports_module

REPORT = BASE["reports/2012/a-b.md"]
assert isinstance(REPORT, str)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths parsed (Markdown or YAML) since the last `clear()`, and the reports checked."""
    seen: list[str] = []
    md, yml, own = (
        load_parse._parse_markdown,
        load_parse._parse_yaml,
        reports_module._own_checks,
    )

    def count_md(data: bytes, path: str, rid: str):  # type: ignore[no-untyped-def]
        seen.append(path)
        return md(data, path, rid)

    def count_yml(data: bytes, path: str):  # type: ignore[no-untyped-def]
        seen.append(path)
        return yml(data, path)

    def count_own(raw, indicators):  # type: ignore[no-untyped-def]
        seen.append("checked:" + raw.path)
        return own(raw, indicators)

    monkeypatch.setattr(load_parse, "_parse_markdown", count_md)
    monkeypatch.setattr(load_parse, "_parse_yaml", count_yml)
    monkeypatch.setattr(reports_module, "_own_checks", count_own)
    yield seen


def _flat(value: object) -> bytes:
    """Pickled without the memo: the same bytes for equal values, shared objects or not."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def _shown(problems: list[Problem]) -> list[str]:
    return [f"{p.format()} [{p.severity}]" for p in problems]


def same_as_plain(root: Path, cache: Path) -> tuple[Content, list[Problem]]:
    """Load with the cache and without; assert equal records and problems; the cached result."""
    content, problems = load_content(root, "public", cache_dir=cache)
    plain, plain_problems = load_content(root, "public")
    assert content == plain
    assert repr(content) == repr(plain)
    for records in ("reports", "units", "pairings", "indicators", "pages"):
        mine, theirs = getattr(content, records), getattr(plain, records)
        if not isinstance(mine, tuple):
            mine, theirs = list(mine.items()), list(theirs.items())
        assert _flat(mine) == _flat(theirs), records
    assert _shown(problems) == _shown(plain_problems)
    return content, problems


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(
        tmp_path,
        {
            "reports/2013/a-b.md": REPORT.replace("80余次", "90次").replace("讲座。", "讲座90次。"),
            "pages/about.md": "# 关于\n\n本站汇集工作总结。\n",
        },
        base=True,
    )


def test_second_load_parses_nothing(tree: Path, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    parsed.clear()
    load_content(tree, "public", cache_dir=cache)
    assert parsed == []
    assert (cache / content_cache.FILE).is_file()
    assert (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_an_edited_file_alone_is_parsed_again(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    report = tree / "reports/2012/a-b.md"
    report.write_text(REPORT.replace("80余次", "85次"), encoding="utf-8")
    parsed.clear()
    content, _ = load_content(tree, "public", cache_dir=cache)
    assert sorted(parsed) == ["checked:content/reports/2012/a-b.md", "content/reports/2012/a-b.md"]
    assert [f.written for r in content.reports for f in r.figures] == ["85次", "90次"]
    same_as_plain(tree, cache)


def test_a_touched_file_is_taken_from_the_cache(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    report = tree / "reports/2012/a-b.md"
    st = report.stat()
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    parsed.clear()
    load_content(tree, "public", cache_dir=cache)
    assert parsed == []
    same_as_plain(tree, cache)


def test_a_change_keeping_size_and_mtime_is_seen(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    report = tree / "reports/2012/a-b.md"
    st = report.stat()
    changed = REPORT.replace("80余次", "70余次")
    assert len(changed.encode()) == st.st_size
    report.write_text(changed, encoding="utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (report.stat().st_size, report.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    parsed.clear()
    content, _ = load_content(tree, "public", cache_dir=cache)
    assert "content/reports/2012/a-b.md" in parsed
    assert content.reports[0].figures[0].written == "70余次"
    same_as_plain(tree, cache)


def test_deleted_and_added_files(tree: Path, tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    (tree / "reports/2013/a-b.md").unlink()
    content, _ = same_as_plain(tree, cache)
    assert [r.year for r in content.reports] == [2012]
    (tree / "reports/2014").mkdir()
    (tree / "reports/2014/a-b.md").write_text(REPORT.replace("2012", "2014"), encoding="utf-8")
    parsed.clear()
    content, _ = same_as_plain(tree, cache)
    assert [r.year for r in content.reports] == [2012, 2014]
    assert "content/reports/2014/a-b.md" in parsed
    # The deleted file's entries are gone from the cache file.
    stored, _ = content_cache._read(cache / content_cache.FILE)
    assert not any("2013" in path for _, path in stored)
    assert any("2014" in path for _, path in stored)


def _damage(path: Path, how: str) -> None:
    blob = path.read_bytes()
    if how == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "flipped":
        path.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif how == "garbage":
        path.write_bytes(os.urandom(4096))
    elif how == "other-format":
        here = f"\n{content_cache.FORMAT}\n".encode()
        assert here in blob
        path.write_bytes(blob.replace(here, b"\n99\n", 1))
    elif how == "folder":
        path.unlink()
        path.mkdir()


@pytest.mark.parametrize(
    "how", ["truncated", "empty", "flipped", "garbage", "other-format", "folder"]
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(
    tree: Path, tmp_path: Path, parsed: list[str], how: str
) -> None:
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    _damage(cache / content_cache.FILE, how)
    parsed.clear()
    load_content(tree, "public", cache_dir=cache)  # no exception
    assert "content/reports/2012/a-b.md" in parsed  # nothing was taken from the damaged file
    same_as_plain(tree, cache)  # same records and problems
    if how != "folder":
        parsed.clear()
        load_content(tree, "public", cache_dir=cache)
        assert parsed == []  # rebuilt


def test_a_damaged_entry_is_parsed_again(tree: Path, tmp_path: Path, parsed: list[str]) -> None:
    """An entry whose pickle does not load (with a valid checksum around it) is work to redo."""
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    broken = content_cache.ContentCache(cache)
    slot = ("parse", "content/reports/2012/a-b.md")
    broken._new = dict(broken._old)
    broken._new[slot] = (broken._old[slot][0], b"\x80\x05not a pickle")
    broken.save()
    parsed.clear()
    load_content(tree, "public", cache_dir=cache)
    assert parsed == ["content/reports/2012/a-b.md"]
    same_as_plain(tree, cache)


def test_another_generator_version_discards_the_cache(
    tree: Path, tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    monkeypatch.setattr(content_cache, "code_key", lambda: b"0" * 32)
    parsed.clear()
    load_content(tree, "public", cache_dir=cache)
    assert "content/reports/2012/a-b.md" in parsed
    same_as_plain(tree, cache)


PROBLEMS: dict[str, str | bytes] = {
    # A YAML syntax error, a figure the grammar refuses, a narrative that disagrees with its
    # figures (W601), a file in GBK, an unknown pairing, an invisible character.
    "units/c-school.yml": "name: [丙学校\nkind: school\n",
    "reports/2013/a-b.md": REPORT.replace("80余次", "八十余次"),
    "reports/2014/a-b.md": REPORT.replace("讲座。", "讲座95次。"),
    "reports/2015/a-b.md": REPORT.encode("gb18030"),
    "reports/2016/x-y.md": REPORT,
    "pages/about.md": "# 关于\u200b\n",
}


def test_problems_are_the_same_cached_or_not(tmp_path: Path, parsed: list[str]) -> None:
    root = make_tree(tmp_path, PROBLEMS, base=True)
    cache = tmp_path / "cache"
    _, first = same_as_plain(root, cache)
    codes = {p.code for p in first}
    assert {"E102", "E401", "W601", "E101", "E308"} <= codes, codes
    parsed.clear()
    _, again = load_content(root, "public", cache_dir=cache)  # from the cache this time
    assert parsed == []
    assert _shown(again) == _shown(first)
    same_as_plain(root, cache)


def test_a_fixed_problem_goes_and_a_new_one_comes(tmp_path: Path) -> None:
    root = make_tree(tmp_path, PROBLEMS, base=True)
    cache = tmp_path / "cache"
    same_as_plain(root, cache)
    (root / "reports/2013/a-b.md").write_text(REPORT, encoding="utf-8")
    _, problems = same_as_plain(root, cache)
    assert not [p for p in problems if p.code == "E401"]
    (root / "reports/2013/a-b.md").write_text(REPORT.replace("80余次", "八十余次"), "utf-8")
    _, problems = same_as_plain(root, cache)
    assert [p.path for p in problems if p.code == "E401"] == ["content/reports/2013/a-b.md"]


def test_cached_reports_follow_the_catalogue_and_pairings(
    tree: Path, tmp_path: Path, parsed: list[str]
) -> None:
    """A report's own checks are kept for one catalogue only; references are always checked."""
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    indicators = tree / "indicators.yml"
    indicators.write_text(
        indicators.read_text(encoding="utf-8").replace("unit: 次", "unit: 场"), "utf-8"
    )
    parsed.clear()
    load_content(tree, "public", cache_dir=cache)
    assert "checked:content/reports/2012/a-b.md" in parsed  # the catalogue changed
    _, problems = same_as_plain(tree, cache)
    assert {p.code for p in problems} >= {"E403"}
    indicators.write_text(
        "road-hardened:\n  name: 硬化道路\n  unit: 米\nlectures:\n  name: 讲座\n  unit: 次\n",
        "utf-8",
    )
    same_as_plain(tree, cache)
    # The pairing now ends before the reports: E306, though the reports' files are unchanged.
    pairing = tree / "pairings/a-b.yml"
    pairing.write_text(pairing.read_text(encoding="utf-8") + "until: 2011\n", encoding="utf-8")
    _, problems = same_as_plain(tree, cache)
    assert [p.code for p in problems if p.path.startswith("content/reports")].count("E306") == 2


def test_no_folder_keeps_nothing(tree: Path, tmp_path: Path, parsed: list[str]) -> None:
    load_content(tree, "public")
    parsed.clear()
    load_content(tree, "public")
    assert "content/reports/2012/a-b.md" in parsed
    assert not list(tmp_path.rglob(content_cache.FILE))


def test_the_keyword_table_comes_from_the_cache(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited report's consistency check uses the catalogue's keywords as kept: jieba's
    dictionary is not read again, and the warnings are the plain path's."""
    from generator.compat import jieba as compat_jieba
    from generator.content.validate import mentions

    # As in a fresh process (another test may have loaded jieba; then nothing is kept).
    monkeypatch.setattr(compat_jieba, "pristine", lambda: True)
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    report = tree / "reports/2012/a-b.md"
    report.write_text(REPORT.replace("开展讲座。", "开展专题讲座75次。"), encoding="utf-8")
    mentions._table.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(mentions, "cut_words", lambda names: pytest.fail("jieba's words cut again"))
        _, problems = load_content(tree, "public", cache_dir=cache)
    assert [p.code for p in problems if p.path.endswith("2012/a-b.md")] == ["W601"]
    mentions.remember_table({}, None)
    mentions._table.cache_clear()
    _, plain = load_content(tree, "public")
    assert _shown(problems) == _shown(plain)


def test_nothing_is_kept_of_the_words_when_jieba_was_changed(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """jieba loaded with other words (a search plugin's dictionary): consistency warnings and
    the keyword table are computed, never taken from the cache."""
    from generator.compat import jieba as compat_jieba

    monkeypatch.setattr(compat_jieba, "pristine", lambda: False)
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    same_as_plain(tree, cache)
    stored, _ = content_cache._read(cache / content_cache.FILE)
    assert {kind for kind, _ in stored} == {"parse", "report"}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The content files whose bytes were read."""
    seen: list[str] = []
    real = load_parse.read_bytes

    def counting(file: Path, path: str):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(file, path)

    monkeypatch.setattr(load_parse, "read_bytes", counting)
    return seen


def test_an_unchanged_file_is_not_read_again(
    tree: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its size, times, inode and device are those recorded, long enough after it was
    written: taken from the cache without reading it."""
    cache = tmp_path / "cache"
    monkeypatch.setattr(content_cache, "RACY_NS", 0)  # as if written long before
    same_as_plain(tree, cache)
    reads.clear()
    load_content(tree, "public", cache_dir=cache)
    assert reads == []
    same_as_plain(tree, cache)


def test_the_change_time_catches_a_restored_mtime(
    tree: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content_cache, "RACY_NS", 0)
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    report = tree / "reports/2012/a-b.md"
    st = report.stat()
    report.write_text(REPORT.replace("80余次", "70余次"), encoding="utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))
    reads.clear()
    content, _ = load_content(tree, "public", cache_dir=cache)
    assert reads == ["content/reports/2012/a-b.md"]
    assert content.reports[0].figures[0].written == "70余次"
    same_as_plain(tree, cache)


def test_a_file_replaced_by_another_with_the_same_times_is_read(
    tree: Path, tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's save by rename: another inode, read again even if size and times agree."""
    monkeypatch.setattr(content_cache, "RACY_NS", 0)
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    report = tree / "reports/2012/a-b.md"
    st = report.stat()
    other = tmp_path / "other.md"
    other.write_text(REPORT.replace("80余次", "60余次"), encoding="utf-8")
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, report)
    reads.clear()
    content, _ = load_content(tree, "public", cache_dir=cache)
    assert "content/reports/2012/a-b.md" in reads
    assert content.reports[0].figures[0].written == "60余次"
    same_as_plain(tree, cache)


def test_a_file_recorded_just_after_it_was_written_is_read_again(
    tree: Path, tmp_path: Path, reads: list[str]
) -> None:
    """Written in the same clock tick as it was recorded, it could change again with the same
    times (racily clean, as git calls it): read and hashed until its times are old enough."""
    cache = tmp_path / "cache"
    same_as_plain(tree, cache)
    reads.clear()
    load_content(tree, "public", cache_dir=cache)
    assert "content/reports/2012/a-b.md" in reads


class _Boom:
    """What a hostile cache file would hold: unpickling it runs code."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned-by-cache",))


def test_a_cache_file_this_user_did_not_write_is_never_unpickled(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout can hold `.bulletins-cache/content/content.pickle`: its checksum is keyed by
    this user's secret, so a file made elsewhere (its format, code key and an unkeyed or other
    key's checksum all right) is ignored, not unpickled."""
    import hashlib

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    payload = pickle.dumps({"entries": _Boom(), "stats": {}})
    head = content_cache._MAGIC + f"{content_cache.FORMAT}\n".encode()
    head += content_cache.code_key() + b"\n"
    for key in (b"", os.urandom(32)):  # unkeyed, and another user's key
        check = hashlib.blake2b(payload, digest_size=content_cache._CHECK, key=key).digest()
        (cache_dir / content_cache.FILE).write_bytes(head + check + payload)
        content, problems = load_content(tree, cache_dir=cache_dir)
        assert not (tmp_path / "pwned-by-cache").exists()
        plain, plain_problems = load_content(tree)
        assert content == plain and problems == plain_problems
    # The key is this user's alone: made on first use, readable by them only.
    assert content_cache.machine_key() == content_cache.machine_key()
    assert (tmp_path / "user-cache" / "bulletins" / "cache-key").stat().st_mode & 0o777 == 0o600
