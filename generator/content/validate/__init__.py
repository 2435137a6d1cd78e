"""Validate a whole content tree: raw files in, `Content` and every problem out.

The order matters only for what each step needs: sectors and indicators first,
then units, pairings (which name units) and reports (which name pairings and
indicators). Audience rules come last, on typed records.
"""

from __future__ import annotations

from pathlib import Path

from generator.content.addresses import address_problems
from generator.content.cache import ContentCache, context_of
from generator.content.gc_pause import paused_gc
from generator.content.load.tree import RawTree, load_tree
from generator.content.model import DEFAULT_WORDING, Content
from generator.content.problems import Problem, sort_problems
from generator.content.validate.audience import check_audience
from generator.content.validate.consistency import check_consistency, consistency_context
from generator.content.validate.lints import check_records
from generator.content.validate.mentions import keyword_table, remember_table
from generator.content.validate.narrative import check_narrative
from generator.content.validate.records import (
    validate_indicators,
    validate_pages,
    validate_pairings,
    validate_sectors,
    validate_units,
)
from generator.content.validate.reports import validate_reports
from generator.content.validate.synonyms import validate_synonyms


@paused_gc()  # no cycles among the records built here: see gc_pause
def validate_tree(
    tree: RawTree,
    audience: str | None = None,
    wording: str = DEFAULT_WORDING,
    cache: ContentCache | None = None,
) -> tuple[Content, list[Problem]]:
    """Typed content and every problem, sorted. `audience="public"` adds the leak rules;
    `wording` is the programme's word in default titles (对口支援, 对口帮扶 …); `cache`: the
    checks of each report alone, kept by its bytes (content/cache.py), the tree's cache."""
    cache = cache or ContentCache(None)
    problems = list(tree.problems)
    sectors = validate_sectors(tree.sectors, problems)
    indicators = validate_indicators(tree.indicators, problems)
    units = validate_units(tree.units, problems)
    problems.extend(address_problems(units, {raw.id: raw.doc for raw in tree.units}))
    unit_ids = tree.known_ids.get("units", set()) | {r.id for r in tree.units}
    pairing_ids = tree.known_ids.get("pairings", set()) | {r.id for r in tree.pairings}
    pairings = validate_pairings(tree.pairings, units, sectors, unit_ids, problems, wording)
    catalogue = context_of(list(indicators.items()))
    reports = validate_reports(
        tree.reports,
        pairings,
        pairing_ids,
        indicators,
        problems,
        set(tree.assets),
        memo=lambda raw, own: cache.derived("report", raw.path, catalogue, own),
    )
    words = consistency_context(indicators)
    # The indicator names' keywords (cut by jieba's dictionary: ~0.2 s) once per catalogue.
    remember_table(indicators, None)
    if words is not None:
        table = cache.keyed("keywords", words, lambda: keyword_table(indicators))
        remember_table(indicators, table)
    memo = lambda r, made: cache.derived("consistency", r.source.path, words, made)  # noqa: E731
    problems.extend(check_consistency(reports, indicators, memo))  # W601, W602 warnings
    docs = {raw.path: raw.doc for raw in (*tree.units, *tree.pairings, *tree.reports)}
    problems.extend(check_records(units.values(), pairings.values(), reports, docs))  # W603–W605
    pages = validate_pages(tree.pages, problems)
    for raw in tree.pages:
        check_narrative(raw.body, raw.path, raw.body_line, problems)
    synonyms = validate_synonyms(tree.synonyms, problems)
    content = Content.build(
        units, pairings, indicators, sectors, reports, pages, tree.assets, synonyms
    )
    if audience == "public":
        problems.extend(check_audience(content, docs))
    return content, sort_problems(problems)


def load_content(
    root: Path,
    audience: str | None = None,
    display_root: str = "content",
    site_files: frozenset[str] = frozenset(),
    wording: str = DEFAULT_WORDING,
    cache_dir: Path | None = None,
) -> tuple[Content, list[Problem]]:
    """Load and validate the content folder `root` (`site_files`: see `load_tree`; `wording`:
    the programme's word in default titles). `cache_dir`: where each file's parse and own
    checks are kept between runs (content/cache.py); None, the default, keeps nothing."""
    cache = ContentCache(cache_dir)
    tree = load_tree(root, display_root, site_files, cache)
    found = validate_tree(tree, audience, wording, cache)
    cache.save()
    return found
