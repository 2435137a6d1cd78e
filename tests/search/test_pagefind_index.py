"""Reading Pagefind's index files: the CBOR decoder against RFC 8949's own examples, and the
warm-up words chosen from a real Pagefind bundle (skipped nowhere: the package is a test
dependency; without the binary the site fixture says so)."""

from __future__ import annotations

import gzip
import shutil
import struct
from pathlib import Path

import pytest

from generator.compat.cbor import encode_cbor
from generator.compat.pagefind import (
    SIGNATURE,
    Bundle,
    IndexFormatError,
    decode_cbor,
    read_file,
    warm_words,
)
from generator.search.pagefind import run_pagefind

# RFC 8949, appendix A: encoded hex → value.
EXAMPLES = [
    ("00", 0),
    ("17", 23),
    ("1818", 24),
    ("1903e8", 1000),
    ("1a000f4240", 1000000),
    ("1b000000e8d4a51000", 1000000000000),
    ("20", -1),
    ("3863", -100),
    ("3903e7", -1000),
    ("f4", False),
    ("f5", True),
    ("f6", None),
    ("f7", None),
    ("f90000", 0.0),
    ("f93c00", 1.0),
    ("fa47c35000", 100000.0),
    ("fb3ff199999999999a", 1.1),
    ("40", b""),
    ("4401020304", b"\x01\x02\x03\x04"),
    ("60", ""),
    ("6161", "a"),
    ("6449455446", "IETF"),
    ("62c3bc", "ü"),
    ("63e6b0b4", "水"),
    ("80", []),
    ("83010203", [1, 2, 3]),
    ("8301820203820405", [1, [2, 3], [4, 5]]),
    ("a0", {}),
    ("a201020304", {1: 2, 3: 4}),
    ("a26161016162820203", {"a": 1, "b": [2, 3]}),
    ("c11a514b67b0", 1363896240),  # a tag: the tagged item
    ("5f42010243030405ff", b"\x01\x02\x03\x04\x05"),
    ("7f657374726561646d696e67ff", "streaming"),
    ("9fff", []),
    ("9f018202039f0405ffff", [1, [2, 3], [4, 5]]),
    ("bf61610161629f0203ffff", {"a": 1, "b": [2, 3]}),
    # Arrays of small unsigned integers (read inline: the bulk of Pagefind's index).
    ("86171818181918ff1903e8190100", [23, 24, 25, 255, 1000, 256]),
    ("83181a1a000186a020", [26, 100000, -1]),
]


@pytest.mark.parametrize(("encoded", "value"), EXAMPLES)
def test_cbor_decoder_reads_rfc_8949_examples(encoded: str, value: object) -> None:
    assert decode_cbor(bytes.fromhex(encoded)) == value


@pytest.mark.parametrize(("encoded", "value"), EXAMPLES)
def test_cbor_encoder_writes_what_pagefind_writes(encoded: str, value: object) -> None:
    """Definite lengths, shortest heads: the inverse of the decoder for Pagefind's values."""
    if not encoded.startswith(("f9", "fa", "fb", "f7", "c1", "5f", "7f", "9f", "bf")):
        assert encode_cbor(value) == bytes.fromhex(encoded)
        assert decode_cbor(encode_cbor(value)) == value


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "18",
        "1903",
        "62c3",
        "8301",
        "a161",
        "0000",
        "1c",
        "ff",
        "f8",
        "fa4700",
        "fb3ff1",
        "62c328",
        "81ff",
        "9f",
        "8218",
        "8119ff",
        "82011903",
    ],
)
def test_cbor_decoder_rejects_cut_or_unknown_input(encoded: str) -> None:
    with pytest.raises(IndexFormatError):
        decode_cbor(bytes.fromhex(encoded))


def test_index_files_need_gzip_and_pagefinds_signature(tmp_path: Path) -> None:
    good = tmp_path / "a.pf_meta"
    good.write_bytes(gzip.compress(SIGNATURE + bytes.fromhex("83010203")))
    assert read_file(good) == [1, 2, 3]
    plain = tmp_path / "b.pf_meta"
    plain.write_bytes(SIGNATURE + b"\x01")
    unsigned = tmp_path / "c.pf_meta"
    unsigned.write_bytes(gzip.compress(b"something_else" + b"\x01"))
    for bad in (plain, unsigned):
        with pytest.raises(IndexFormatError, match=bad.name):
            read_file(bad)


def _cbor(value: object) -> bytes:
    """A small CBOR encoder for fixtures (ints, strings, lists)."""
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        major, arg = (0, value) if value >= 0 else (1, -1 - value)
        return _head(major, arg)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_cbor(v) for v in value)
    raise TypeError(value)


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        try:
            return bytes([major << 5 | info]) + struct.pack(fmt, arg)
        except struct.error:
            continue
    raise ValueError(arg)


def _bundle(folder: Path, pages: int, chunks: list[tuple[str, str, dict[str, list[int]]]]) -> Path:
    """A bundle in Pagefind's layout: meta with `pages` pages and the chunks, each chunk's words
    with their pages (delta-coded as Pagefind writes them)."""
    (folder / "index").mkdir(parents=True)
    meta = ["1.5.2", [[f"p{i}", 100] for i in range(pages)], [], [], [], []]
    for n, (first, last, words) in enumerate(chunks):
        entries = []
        for word, having in sorted(words.items()):
            deltas = [b - a for a, b in zip([0, *having], having, strict=False)]
            entries.append([word, [[d, [1], []] for d in deltas]])
        (folder / "index" / f"c{n}.pf_index").write_bytes(
            gzip.compress(SIGNATURE + _cbor([entries]))
        )
        meta[2].append([first, last, f"c{n}"])  # type: ignore[attr-defined]
    (folder / "x.pf_meta").write_bytes(gzip.compress(SIGNATURE + _cbor(meta)))
    return folder


def test_a_bundle_of_an_unknown_layout_is_an_index_format_error(tmp_path: Path) -> None:
    for n, meta in enumerate([[1], ["1.5.2", [], [[1, 2, 3]]], ["1.5.2", [], [["a", "b"]]]]):
        folder = tmp_path / str(n)
        folder.mkdir()
        (folder / "x.pf_meta").write_bytes(gzip.compress(SIGNATURE + _cbor(meta)))
        with pytest.raises(IndexFormatError, match="x.pf_meta"):
            Bundle(folder)
    folder = _bundle(tmp_path / "words", 10, [("a", "z", {"ab": [1]})])
    (folder / "index" / "c0.pf_index").write_bytes(
        gzip.compress(SIGNATURE + _cbor([[[5, [[1, [1], []]]]]]))
    )
    with pytest.raises(IndexFormatError, match="c0.pf_index"):
        Bundle(folder).words("c0")


def test_a_query_finds_the_word_and_longer_words_in_the_chunks_pagefind_loads(
    tmp_path: Path,
) -> None:
    b = Bundle(
        _bundle(
            tmp_path / "b",
            100,
            [
                ("万元", "培训", {"万元": [1, 5], "培训": [2, 3, 9], "培训班": [3, 4]}),
                ("培训费", "核桃", {"培训费": [7], "核桃": [8, 60, 61]}),
                (
                    "医院",
                    "病",
                    {"医院": [20], "病人": [10, 11], "病人家属": [12]},
                ),  # Pagefind cuts `病人家属` to `病`
            ],
        )
    )
    assert b.pages == 100
    assert (
        b.matches("培训") == 4
    )  # 培训 and 培训班 in the chunk that holds 培训; not 培训费 in the next
    assert b.matches("核桃") == 3
    assert (
        b.matches("病人") == 3
    )  # past the chunk's last word `病` as written: found by Pagefind's loose match
    assert b.matches("西瓜") == 0


def test_warm_words_are_on_about_a_sixth_of_each_groups_first_bundle(tmp_path: Path) -> None:
    def words(shift: int) -> dict[str, list[int]]:
        return {
            "一般": list(range(0, 60)),
            "病人": list(range(shift, shift + 15)),
            "护理": list(range(0, 12)),
            "少见": [1, 2],
            "金额": list(range(40, 60)),
            "abc": list(range(15)),
        }

    first = _bundle(
        tmp_path / "pagefind",
        100,
        [("abc", "一般", {"abc": list(range(15))}), ("丁", "龟", words(0))],
    )
    second = _bundle(tmp_path / "pagefind-1", 100, [("丁", "龟", {**words(3), "金额": [1]})])
    assert warm_words([first]) == [
        "病人",
        "护理",
        "金额",
    ]  # 15 %, 12 %, 20 %: closest to 15 % first
    assert warm_words([first, second]) == ["病人", "护理"]  # 金额 is on 1 % of the second
    assert warm_words([first], count=1) == ["病人"]


def test_warm_words_from_a_real_pagefind_bundle(tmp_path: Path) -> None:
    from test_search_pagefind import pagefind_site

    site = pagefind_site(tmp_path)
    bundle = Bundle(site / "pagefind")
    assert bundle.pages == sum(1 for _ in (site / "pagefind" / "fragment").iterdir())
    assert bundle.matches("胃镜") >= 1
    words = warm_words([site / "pagefind"])
    assert words  # 35 pages: words on 3 to 10 of them
    search = (site / "search" / "index.html").read_text(encoding="utf-8")
    assert f'data-warm="{" ".join(words)}"' in search
    for word in words:
        assert 0.08 <= bundle.matches(word) / bundle.pages <= 0.30, word


@pytest.mark.slow
def test_pagefind_gives_the_same_bytes_for_the_same_pages(tmp_path: Path) -> None:
    """Pagefind writes its filter values in hash-map order (other bytes each run): `stabilise`
    sorts them, so two runs over the same pages give the same files, names included."""
    site = tmp_path / "site"
    shutil.copytree(pagefind_site_dir(tmp_path / "built"), site)
    shutil.rmtree(site / "pagefind")
    runs = []
    for _ in range(3):
        run_pagefind(site, [p.relative_to(site).as_posix() for p in _indexed(site)], shards=1)
        runs.append(
            {
                p.relative_to(site).as_posix(): p.read_bytes()
                for p in (site / "pagefind").rglob("*")
                if p.is_file()
            }
        )
        shutil.rmtree(site / "pagefind")
    assert runs[0] == runs[1] == runs[2]
    assert any(name.startswith("pagefind/filter/") for name in runs[0])


def pagefind_site_dir(root: Path) -> Path:
    from test_search_pagefind import pagefind_site

    return pagefind_site(root)


def _indexed(site: Path) -> list[Path]:
    return [p for p in site.rglob("index.html") if b"data-pagefind-body" in p.read_bytes()]


def test_the_search_page_gets_the_words_or_none_if_the_index_cant_be_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from generator.search.pagefind_warm import write_warm_words

    page = tmp_path / "search" / "index.html"
    page.parent.mkdir()
    page.write_text('<div id="bl-pagefind" data-warm=""></div>', encoding="utf-8")
    _bundle(
        tmp_path / "pagefind",
        100,
        [("丁", "龟", {"病人": list(range(15)), "一般": list(range(90))})],
    )
    assert write_warm_words(tmp_path) == ["病人"]
    assert page.read_text(encoding="utf-8") == '<div id="bl-pagefind" data-warm="病人"></div>'

    page.write_text('<div id="bl-pagefind" data-warm=""></div>', encoding="utf-8")
    (tmp_path / "pagefind" / "x.pf_meta").write_bytes(b"not gzip")
    with caplog.at_level("INFO"):
        assert write_warm_words(tmp_path) == []
    assert (
        page.read_text(encoding="utf-8") == '<div id="bl-pagefind" data-warm=""></div>'
    )  # no warm-up, page intact
    assert "预热词" in caplog.text and "x.pf_meta" in caplog.text
    assert write_warm_words(tmp_path / "elsewhere") == []  # no search page: nothing to do


class _Memo:
    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, object]] = {}

    def load(self, name: str, key: str) -> object:
        stored = self.kept.get(name)
        return stored[1] if stored is not None and stored[0] == key else None

    def save(self, name: str, key: str, value: object) -> None:
        self.kept[name] = (key, value)


def test_the_warm_words_are_kept_by_the_warm_bundles_keys(tmp_path: Path) -> None:
    """Chosen once per key of the bundles they come from (the first of each worker group), the
    same as chosen from the files; a page that holds other words gets these, by a new file."""
    from generator.search.pagefind_warm import WARM_MEMO, write_warm_words

    page = tmp_path / "search" / "index.html"
    page.parent.mkdir()
    page.write_text('<div id="bl-pagefind" data-warm=""></div>', encoding="utf-8")
    for name in ("pagefind", "pagefind-1", "pagefind-2"):
        _bundle(tmp_path / name, 100, [("丁", "龟", {"病人": list(range(15))})])
    memo = _Memo()
    keys = {"pagefind": "k0", "pagefind-1": "k1", "pagefind-2": "k2"}
    assert write_warm_words(tmp_path, 3, keys=keys, memo=memo) == ["病人"]
    assert memo.kept[WARM_MEMO] == ("k0\0k1", ["病人"])  # pagefind-2 is no group's first
    # Kept: the index is not read again (here it could not be), the page keeps its words.
    shutil.rmtree(tmp_path / "pagefind")
    assert write_warm_words(tmp_path, 3, keys=keys, memo=memo) == ["病人"]
    assert page.read_text(encoding="utf-8") == '<div id="bl-pagefind" data-warm="病人"></div>'
    # A page reused from the cache holds the words of the build that stored it, and is linked
    # with the cache and the previous site: it is replaced, never written into.
    _bundle(tmp_path / "pagefind", 100, [("丁", "龟", {"医生": list(range(15))})])
    _bundle(tmp_path / "other", 100, [("丁", "龟", {"医生": list(range(15))})])
    shutil.rmtree(tmp_path / "pagefind-1")
    shutil.copytree(tmp_path / "other", tmp_path / "pagefind-1")
    linked = tmp_path / "stored.html"
    linked.hardlink_to(page)
    keys = {**keys, "pagefind": "k0b", "pagefind-1": "k1b"}
    assert write_warm_words(tmp_path, 3, keys=keys, memo=memo) == ["医生"]
    assert page.read_text(encoding="utf-8") == '<div id="bl-pagefind" data-warm="医生"></div>'
    assert linked.read_text(encoding="utf-8") == '<div id="bl-pagefind" data-warm="病人"></div>'
    # A bundle without a key (not known to the incremental build): chosen from the files.
    del keys["pagefind-1"]
    shutil.rmtree(tmp_path / "pagefind")
    _bundle(tmp_path / "pagefind", 100, [("丁", "龟", {"医生": list(range(40))})])
    assert write_warm_words(tmp_path, 3, keys=keys, memo=memo) == []
    assert memo.kept[WARM_MEMO][0] == "k0b\0k1b"
