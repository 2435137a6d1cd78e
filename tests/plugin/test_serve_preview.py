"""Preview at scale (generator/plugin/preview.py): an edited narrative reaches its served page
before the rebuild, other edits wait for it, and rebuilds are swapped in whole."""

from __future__ import annotations

import time
from pathlib import Path

import markdown
from sites import SMALL, write_site

from generator.cli.build import build_site
from generator.content.audience import select_audience
from generator.content.validate import load_content
from generator.plugin.preview import ServePreview, changed_reports, patch_narratives, swap_in
from generator.site.pages import report_uri


def _site(tmp_path: Path) -> tuple[Path, Path, object]:
    cfg = write_site(tmp_path, SMALL)
    served = build_site(str(cfg), str(tmp_path / "served"))
    content, problems = load_content(tmp_path / "content", "public", display_root="content")
    assert not [p for p in problems if p.severity == "error"]
    return served, tmp_path / "content", select_audience(content, "public")


def _dest(r: object) -> str:
    return report_uri(r).removesuffix(".md") + "/index.html"  # type: ignore[arg-type]


def _html(text: str) -> str:
    return markdown.markdown(text)


def test_narrative_edit_is_patched_into_the_served_page(tmp_path: Path) -> None:
    served, content_dir, content = _site(tmp_path)
    since = time.time_ns()
    time.sleep(0.01)
    report = content_dir / "reports/2015/hosp-a.md"
    report.write_text(
        report.read_text(encoding="utf-8") + "\n新增一段：开展远程会诊。\n", encoding="utf-8"
    )
    assert changed_reports(content_dir, since) == [report]

    patched = patch_narratives([report], content, served, _dest, _html)  # type: ignore[arg-type]
    assert patched == ["reports/2015/hosp-a/index.html"]
    page = (served / patched[0]).read_text(encoding="utf-8")
    assert "新增一段：开展远程会诊。" in page and "胃镜技术培训" in page
    assert (
        page.count('<div class="bl-narrative">') == 1 and "80余次" in page
    )  # the facts panel is untouched


def test_front_matter_edits_and_unsafe_text_wait_for_the_rebuild(tmp_path: Path) -> None:
    served, content_dir, content = _site(tmp_path)
    before = (served / "reports/2015/hosp-a/index.html").read_text(encoding="utf-8")
    report = content_dir / "reports/2015/hosp-a.md"
    original = report.read_text(encoding="utf-8")
    for edited in (
        original.replace("80余次", "90余次")
        + "\n正文也改了。\n",  # a figure: totals elsewhere change
        original + "\n<script>alert(1)</script>\n",  # refused by the validator (E501)
        original.replace("author: city-hospital", "author: nobody") + "\n改。\n",  # an error
    ):
        report.write_text(edited, encoding="utf-8")
        assert patch_narratives([report], content, served, _dest, _html) == []  # type: ignore[arg-type]
        assert (served / "reports/2015/hosp-a/index.html").read_text(encoding="utf-8") == before


def test_rebuilds_are_swapped_in_whole_and_failures_leave_the_last_site(tmp_path: Path) -> None:
    served = tmp_path / "site"
    served.mkdir()
    (served / "old.html").write_text("old", encoding="utf-8")
    preview = ServePreview()
    assert preview.begin(str(served), None, tmp_path, report_uri, lambda: _html) == str(
        served
    )  # first build: in place
    calls: list[str] = []

    def builder() -> None:
        target = Path(preview.begin(str(served), None, tmp_path, report_uri, lambda: _html))
        assert target != served and target.parent == served.parent
        (target / "new.html").write_text("new", encoding="utf-8")
        calls.append("built")

    preview.wrap(builder)()
    assert (
        calls == ["built"]
        and (served / "new.html").is_file()
        and not (served / "old.html").exists()
    )

    def failing() -> None:
        target = Path(preview.begin(str(served), None, tmp_path, report_uri, lambda: _html))
        (target / "half.html").write_text("half", encoding="utf-8")
        raise RuntimeError("bad content")

    try:
        preview.wrap(failing)()
    except RuntimeError:
        pass
    assert (served / "new.html").is_file() and not (served / "half.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []

    other = tmp_path / "other"
    other.mkdir()
    (other / "x").write_text("x", encoding="utf-8")
    swap_in(other, served)
    assert (served / "x").is_file() and not other.exists()
