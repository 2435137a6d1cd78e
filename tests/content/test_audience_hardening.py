"""Issue 5: nothing internal leaks, builds are deterministic, records are escaped, nothing is
lost."""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from pathlib import Path

import pytest
from sites import SMALL, write_site

from generator.cli.build import BuildFailed, build_site
from generator.content.validate import load_content

LEAKY: dict[str, str | bytes] = {
    **SMALL,
    # Internal unit and the internal pairing and report that name it.
    "units/leakunit-secret.yml": (
        "name: 内部单位MARKUNITZQ\nkind: other\nvisibility: internal\ncontact: {电话: "
        "MARKCONTACTZQ1}\n"
    ),
    "pairings/leakpair-secret.yml": (
        "supporters: [city-hospital]\nrecipients: [leakunit-secret]\nsector: health\nsince: 2014\n"
        "title: 内部结对MARKPAIRZQ\nvisibility: internal\n"
    ),
    "reports/2015/leakpair-secret.md": (
        "---\nvisibility: internal\nfigures:\n  lectures: 777次\n---\n\n内部总结MARKREPORTZQ。\n"
    ),
    # A contact on a public unit.
    "units/town-a.yml": (
        "name: 甲镇中心卫生院\nkind: health-centre\nregion: [云南省, 昆明市, 宜良县]\ncontact: "
        "{联系人: MARKCONTACTZQ2}\n"
    ),
    # An internal report of a public pairing, and a draft.
    "reports/2016/hosp-a.md": (
        "---\nvisibility: internal\nfigures:\n  lectures: 555次\n---\n\n内部年度MARKREPORTZQ2。\n"
    ),
    "reports/2016/hosp-b.md": (
        "---\nstatus: draft\nfigures:\n  lectures: 333次\n---\n\n草稿MARKDRAFTZQ。\n"
    ),
    "pages/secret.md": "---\nvisibility: internal\n---\n# 内部页面\n\nMARKPAGEZQ\n",
}
INTERNAL_MARKS = [
    "MARKUNITZQ",
    "MARKCONTACTZQ1",
    "MARKCONTACTZQ2",
    "MARKPAIRZQ",
    "MARKREPORTZQ",
    "MARKREPORTZQ2",
    "MARKPAGEZQ",
    "leakunit-secret",
    "leakpair-secret",
    "777",
    "555",
]
DRAFT_MARKS = ["MARKDRAFTZQ", "333"]


def _corpus(site: Path) -> dict[str, str]:
    out = {}
    for p in site.rglob("*"):
        if not p.is_file():
            continue
        data = p.read_bytes()
        if p.suffix == ".gz":
            data = gzip.decompress(data)
        out[str(p.relative_to(site))] = data.decode("utf-8", errors="replace")
    return out


def _found(corpus: dict[str, str], mark: str) -> list[str]:
    # Search indexes may split words with zero-width spaces; look through them.
    return [k for k, v in corpus.items() if mark in v.replace("\u200b", "")]


@pytest.fixture(scope="module")
def leaky_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("leaky")
    write_site(root, LEAKY)
    return root


def test_public_build_holds_nothing_internal(leaky_root: Path) -> None:
    site = build_site(str(leaky_root / "mkdocs.yml"), str(leaky_root / "public"), audience="public")
    corpus = _corpus(site)
    assert any(k.startswith("search") for k in corpus)
    for mark in INTERNAL_MARKS + DRAFT_MARKS:
        if mark.isdigit():
            continue
        assert _found(corpus, mark) == [], mark
    # Totals leave internal figures out: 80余 + 120余 + 近100 only.
    year = corpus["years/2015/index.html"]
    assert "777" not in year and "约300次" in year


def test_internal_build_has_internal_but_no_drafts(leaky_root: Path) -> None:
    site = build_site(
        str(leaky_root / "mkdocs.yml"), str(leaky_root / "intranet"), audience="internal"
    )
    corpus = _corpus(site)
    for mark in [
        "MARKUNITZQ",
        "MARKCONTACTZQ1",
        "MARKCONTACTZQ2",
        "MARKPAIRZQ",
        "MARKREPORTZQ",
        "MARKREPORTZQ2",
        "MARKPAGEZQ",
    ]:
        assert _found(corpus, mark), mark
    for mark in DRAFT_MARKS[:1]:
        assert _found(corpus, mark) == [], mark


def test_audience_from_environment_variable(
    leaky_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BULLETINS_AUDIENCE", "internal")
    site = build_site(str(leaky_root / "mkdocs.yml"), str(leaky_root / "env"))
    assert _found(_corpus(site), "MARKPAIRZQ")


def test_public_record_naming_internal_one_is_an_error(tmp_path: Path) -> None:
    files = dict(LEAKY)
    files["pairings/leakpair-secret.yml"] = (
        "supporters: [city-hospital]\nrecipients: [leakunit-secret]\nsector: health\nsince: 2014\n"
    )
    files["reports/2015/leakpair-secret.md"] = "内部总结。\n"
    root = tmp_path
    write_site(root, files)
    _, problems = load_content(root / "content", "public")
    assert [p.code for p in problems] == ["E309"]
    assert problems[0].path.endswith("pairings/leakpair-secret.yml")
    with pytest.raises(BuildFailed, match="E309"):
        build_site(str(root / "mkdocs.yml"), str(root / "site"), audience="public")
    _, problems = load_content(root / "content", "internal")
    assert problems == []


def _digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    cfg = write_site(tmp_path, SMALL)
    a = _digest(build_site(str(cfg), str(tmp_path / "a")))
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    time.sleep(1.1)
    b = _digest(build_site(str(cfg), str(tmp_path / "b")))
    assert a == b


def test_record_fields_are_escaped(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["units/town-a.yml"] = (
        "name: <script>alert(1)</script>\nkind: health-centre\nshort_name: '<img src=x "
        "onerror=alert(2)>'\n"
    )
    files["pairings/hosp-a.yml"] = (
        "supporters: [city-hospital]\nrecipients: [town-a]\nsector: health\nsince: 2014\n"
        "programme: '\"><svg onload=alert(3)>'\nmodes: ['<b>驻点</b>']\n"
    )
    cfg = write_site(tmp_path, files)
    site = build_site(str(cfg), str(tmp_path / "site"))
    for page in [
        "units/town-a/",
        "pairings/hosp-a/",
        "reports/2015/hosp-a/",
        "units/",
        "pairings/",
    ]:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<svg onload" not in html and "<img src=x" not in html and "<b>驻点" not in html, (
            page
        )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (site / "units/town-a/index.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    "body, line",
    [
        ("正文\n\n<script>alert(1)</script>\n", 10),
        ("正文\n\n<iframe src='https://evil.example'></iframe>\n", 10),
        ('正文\n\n<p onclick="alert(1)">点我</p>\n', 10),
        ("正文\n\n[链接](javascript:alert(1))\n", 10),
    ],
)
def test_narrative_scripts_are_check_errors_with_their_line(
    tmp_path: Path, body: str, line: int
) -> None:
    files = dict(SMALL)
    files["reports/2015/hosp-b.md"] = (
        "---\nfigures:\n  lectures: 120余次\n---\n\n" + "\n" * 2 + body
    )
    write_site(tmp_path, files)
    _, problems = load_content(tmp_path / "content")
    assert [(p.code, p.line) for p in problems] == [("E501", line)]


def test_ids_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["units/..evil.yml"] = "name: x\nkind: other\n"
    files["reports/2015/../../escape.md"] = "x\n"
    write_site(tmp_path, {k: v for k, v in files.items() if ".." not in k})
    (tmp_path / "content" / "units" / "..evil.yml").write_text(
        "name: x\nkind: other\n", encoding="utf-8"
    )
    (tmp_path / "content" / "reports" / "..").mkdir(exist_ok=True)
    _, problems = load_content(tmp_path / "content")
    assert [(p.code, p.path) for p in problems] == [("E105", "content/units/..evil.yml")]


def test_no_command_modifies_content(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, SMALL)
    content = tmp_path / "content"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in content.rglob("*") if p.is_file()}
    build_site(str(cfg), str(tmp_path / "site"))
    build_site(str(cfg), str(tmp_path / "site"), offline=True, zip_path=str(tmp_path / "site.zip"))
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in content.rglob("*") if p.is_file()}
    assert after == before


def test_large_inputs_are_handled(tmp_path: Path) -> None:
    """A narrative just under the 1 MiB bound and 10,000 units: checked well within a generous
    bound; a 13 MB narrative is refused with its bound named (E508), not worked through (a
    smoke test; proportionality is measured by bench/run, not by timed unit tests)."""
    files = dict(SMALL)
    paragraph = "乙乡种植核桃，开展技术培训。" * 20 + "\n\n"
    files["reports/2015/hosp-b.md"] = "---\nfigures:\n  lectures: 120余次\n---\n\n" + (
        paragraph * 1_200
    )
    for i in range(10_000):
        files[f"units/bulk-{i:05d}.yml"] = (
            f"name: 单位{i}\nkind: school\nregion: [云南省, 地区{i % 50}]\n"
        )
    write_site(tmp_path, files)
    assert 1_000_000 < (tmp_path / "content/reports/2015/hosp-b.md").stat().st_size < 1 << 20
    start = time.perf_counter()
    content, problems = load_content(tmp_path / "content")
    assert problems == []
    assert len(content.units) == 10_005
    assert time.perf_counter() - start < 120

    huge = tmp_path / "content/reports/2015/hosp-b.md"
    huge.write_text(huge.read_text(encoding="utf-8") * 13, encoding="utf-8")
    _, problems = load_content(tmp_path / "content")
    assert [(p.path, p.code) for p in problems] == [("content/reports/2015/hosp-b.md", "E508")]
    assert "1 MB" in problems[0].message
