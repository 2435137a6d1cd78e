"""The editors' JSON Schemas agree with the validator.

The example content (and the minimal valid tree) validates against the schemas;
each bad case below is an error for `bulletins check` *and* for the schema, so
an editor's red squiggle and the CI's verdict never contradict each other.
YAML is read the way yaml-language-server reads it (YAML 1.2: a date is text).
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import BASE, problems_of

from generator.content.load.yaml import split_front_matter
from generator.editor.schema import FIGURE_PATTERN, build_schemas

EXAMPLE = Path(__file__).resolve().parents[2] / "content"
SCHEMAS = build_schemas()


class Yaml12Loader(yaml.SafeLoader):
    """Like yaml-language-server: `2016-01-15` stays text."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_for(rel: str) -> str:
    if rel.startswith("units/"):
        return "unit"
    if rel.startswith("pairings/"):
        return "pairing"
    if rel.startswith("reports/"):
        return "report"
    return rel.split(".")[0]  # indicators, sectors, synonyms


def schema_errors(rel: str, text: str) -> list[str]:
    if rel.endswith(".md"):
        text = split_front_matter(text, rel)[0] or ""
    data = yaml.load(text, Loader=Yaml12Loader)
    data = {} if data is None else data
    validator = jsonschema.Draft202012Validator(SCHEMAS[schema_for(rel)])
    return [e.message for e in validator.iter_errors(data)]


def test_schemas_are_valid_draft_2020_12() -> None:
    for schema in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    assert SCHEMAS["unit"]["additionalProperties"] is False
    assert SCHEMAS["unit"]["properties"]["kind"]["enum"][0] == "school"


def test_minimal_tree_validates() -> None:
    for rel, text in BASE.items():
        assert schema_errors(rel, str(text)) == [], rel


@pytest.mark.skipif(
    not (EXAMPLE / "indicators.yml").is_file(), reason="example content not present"
)
def test_example_content_validates_against_the_schemas() -> None:
    files = sorted(
        [
            EXAMPLE / "indicators.yml",
            *EXAMPLE.glob("sectors.yml"),
            *EXAMPLE.glob("synonyms.yml"),
            *EXAMPLE.glob("units/*.yml"),
            *EXAMPLE.glob("pairings/*.yml"),
            *EXAMPLE.glob("reports/*/*.md"),
        ]
    )
    assert len(files) > 20
    for f in files:
        rel = f.relative_to(EXAMPLE).as_posix()
        assert schema_errors(rel, f.read_text(encoding="utf-8-sig")) == [], rel


U = "units/a-school.yml"
P = "pairings/a-b.yml"
R = "reports/2012/a-b.md"
IND = "indicators.yml"
PAIRING = "supporters: [a-school]\nrecipients: [b-school]\nsector: education\nsince: 2010\n"


def rep(front: str) -> str:
    return f"---\nauthor: a-school\n{front}---\n正文。\n"


BAD = [
    (U, "name: 甲学校\nkind: clinic\n", "E204"),
    (U, "name: 甲学校\nkind: school\nkidn: school\n", "E202"),
    (U, "kind: school\n", "E201"),
    (U, "name: ''\nkind: school\n", "E208"),
    (U, "name: 甲学校\nkind: school\nwebsite: javascript:alert(1)\n", "E206"),
    (U, "name: 甲学校\nkind: school\nregion: {省: 云南省}\n", "E203"),
    (U, "name: 甲学校\nkind: school\nvisibility: secret\n", "E204"),
    (P, PAIRING.replace("[b-school]", "[]"), "E207"),
    (P, PAIRING.replace("recipients", "recipent"), "E202"),
    (P, PAIRING.replace("[a-school]", "a-school"), "E203"),
    (P, PAIRING.replace("since: 2010", "since: 2010年5月"), "E205"),
    (P, PAIRING + "until: 2010-13\n", "E205"),
    (P, PAIRING.replace("education", "medical"), "E311"),
    (R, rep("status: publish\n"), "E204"),
    (R, rep("figures:\n  lectures: 八十余次\n"), "E401"),
    (R, rep("figures:\n  lectures: -5\n"), "E402"),
    (R, rep("figures:\n  lectures: 1,12次\n"), "E401"),
    (R, rep("figures:\n  road-hardened: 5里\n"), "E404"),
    (R, rep("figures:\n  lectures: {value: 6, unt: 次}\n"), "E202"),
    (R, rep("figures:\n  lectures: []\n"), "E203"),
    (R, rep("figures:\n  lectures: [80次, [2]]\n"), "E203"),
    (R, rep("figures: 80余次\n"), "E203"),
    (R, rep("auther: a-school\n"), "E202"),
    (R, rep("problems: {a: b}\n"), "E203"),
    (IND, "lectures:\n  name: 专题讲座\n  unit: 里\n", "E404"),
    (IND, "lectures:\n  name: 专题讲座\n", "E201"),
    (IND, "lectures:\n  name: 专题讲座\n  unit: 次\n  aggregate: avg\n", "E204"),
    (IND, "Lectures:\n  name: 专题讲座\n  unit: 次\n", "E105"),
    ("sectors.yml", "Sports: 体育\n", "E203"),
    ("synonyms.yml", "公路: 5\n", "E203"),
    ("synonyms.yml", "公路: []\n", "E203"),
    ("synonyms.yml", "远程 会诊: [远程医疗]\n", "E203"),
    ("synonyms.yml", "扶贫: [帮扶, {a: b}]\n", "E203"),
]


@pytest.mark.parametrize(
    ("rel", "text", "code"), BAD, ids=[f"{c}-{i}" for i, (_, _, c) in enumerate(BAD)]
)
def test_bad_cases_fail_in_both(tmp_path: Path, rel: str, text: str, code: str) -> None:
    codes = {p.code for p in problems_of(tmp_path, {rel: text}) if p.severity == "error"}
    assert code in codes, codes
    assert schema_errors(rel, text), f"schema accepted what check rejects ({code})"


@pytest.mark.parametrize(
    "text",
    [
        "80余次",
        "120余",
        "70余万元",
        "2万余元",
        "近100人次",
        "约1.5万元",
        "3.98公里",
        "累计26人",
        "1,120米",
        "１２０次",
        "6万册",
    ],
)
def test_figure_pattern_accepts_the_grammar(text: str) -> None:
    import re

    assert re.fullmatch(FIGURE_PATTERN, text)


def test_site_catalogue_lists_indicator_ids_for_completion() -> None:
    schemas = build_schemas({"sports": "体育"}, {"lectures": "专题讲座（次）"})
    figures = schemas["report"]["properties"]["figures"]
    assert figures["properties"]["lectures"]["description"] == "专题讲座（次）"
    assert "sports" in schemas["pairing"]["properties"]["sector"]["enum"]


def test_schema_command_writes_the_files_with_the_sites_catalogue(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from generator.cli import main

    content = tmp_path / "content"
    content.mkdir()
    (content / "indicators.yml").write_text(
        "lectures:\n  name: 专题讲座\n  unit: 次\n", encoding="utf-8"
    )
    (content / "sectors.yml").write_text("sports: 体育\n", encoding="utf-8")
    out = tmp_path / "schemas"
    result = CliRunner().invoke(main, ["schema", "--content", str(content), "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "indicators.schema.json",
        "pairing.schema.json",
        "report.schema.json",
        "sectors.schema.json",
        "synonyms.schema.json",
        "unit.schema.json",
    ]
    report = json.loads((out / "report.schema.json").read_text(encoding="utf-8"))
    assert (
        report["properties"]["figures"]["properties"]["lectures"]["description"] == "专题讲座（次）"
    )
    pairing = json.loads((out / "pairing.schema.json").read_text(encoding="utf-8"))
    assert "sports" in pairing["properties"]["sector"]["enum"]
