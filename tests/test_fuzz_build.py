"""Issue 5: hypothesis-generated content trees never make the build raise — a site or problems."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sites import SMALL, write_site

from generator.cli.build import BuildFailed, build_site

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=1), min_size=0, max_size=30
)
scalar = st.one_of(
    text, st.integers(-5, 10**12), st.floats(allow_nan=True), st.booleans(), st.none()
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
    max_leaves=6,
)


def _yaml_line(key: str, v: object) -> str:
    import yaml

    return yaml.safe_dump({key: v}, allow_unicode=True, default_flow_style=True)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=value,
    region=value,
    figure=value,
    programme=value,
    body=st.text(max_size=200),
    raw=st.binary(max_size=60),
)
def test_random_trees_build_or_report(
    name: object, region: object, figure: object, programme: object, body: str, raw: bytes
) -> None:
    files = dict(SMALL)
    files["units/town-b.yml"] = (
        "kind: health-centre\n" + _yaml_line("name", name) + _yaml_line("region", region)
    )
    files["pairings/hosp-b.yml"] = (
        "supporters: [city-hospital]\nrecipients: [town-b]\nsector: health\nsince: 2014\n"
        + _yaml_line("programme", programme)
    )
    files["reports/2015/hosp-b.md"] = (
        "---\nfigures:\n" + "  " + _yaml_line("lectures", figure) + "---\n" + body
    )
    files["units/raw.yml"] = raw
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        cfg = write_site(root, files)
        try:
            site = build_site(str(cfg), str(root / "site"))
        except BuildFailed as exc:
            assert "error[" in str(exc) or "错误" in str(exc)
            assert "内部错误" not in str(exc), str(exc)
            assert not (root / "site").exists()
        else:
            assert (site / "index.html").is_file()


def test_zip_for_offline_laptops(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, SMALL)
    build_site(str(cfg), str(tmp_path / "site"), offline=True, zip_path=str(tmp_path / "site.zip"))
    with zipfile.ZipFile(tmp_path / "site.zip") as zf:
        names = zf.namelist()
    assert "site/index.html" in names and "site/search/search_index.js" in names
    assert names == sorted(names)
