"""The wijk map: drawn from the stored boundaries, coloured by the one cell-state
definition, readable in greyscale, escaped, and carried by the exports."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from coalition_map import geo, model
from coalition_map.analysis import analyze
from coalition_map.kaart.html import kaart_html
from coalition_map.kaart.pdf import kaart_pdf
from coalition_map.loading import load_folder
from coalition_map.paths import bundled_data_dir
from coalition_map.plan_export import plan_html, plan_pdf
from coalition_map.states import GAP_STATES, STATE_LOOK
from coalition_map.wijkmap import (OPEN_CLASSES, build_map, figures_for, normalize_postcode,
                                   partner_points, render_svg, wijk_map_svg)


@pytest.fixture(scope="module")
def example():
    result = load_folder(bundled_data_dir())
    return result.coalition, result.plan, analyze(result.coalition)


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_open_classes_and_state_colours_darken_in_greyscale():
    open_l = [_luminance(fill) for _, fill, _, _ in OPEN_CLASSES]
    assert open_l == sorted(open_l, reverse=True)
    assert OPEN_CLASSES[-1][3]                     # the darkest class is hatched too
    order = ("covered", "partial", "uncovered", "unreachable")
    state_l = [_luminance(STATE_LOOK[s][1]) for s in order]
    assert state_l == sorted(state_l, reverse=True)


def test_every_wijk_shows_its_open_cells_as_the_analysis_counts_them(example):
    coalition, _, analysis = example
    figures = figures_for(analysis)
    for w in coalition.wijken:
        expected = sum(1 for c in analysis.cells_in(w.code) if c.state in GAP_STATES)
        assert figures[w.code].open_cells == expected
    m = build_map(coalition, figures)
    assert {s.code for s in m.shapes} == {w.code for w in coalition.wijken}
    for s in m.shapes:
        assert s.label == str(figures[s.code].open_cells)
        assert s.title.startswith(f"{coalition.wijk(s.code).name} ({s.code})")
    assert m.missing == []


def test_profile_colouring_uses_the_cell_state(example):
    coalition, _, analysis = example
    m = build_map(coalition, figures_for(analysis, "buitenstaanders"),
                  profile="buitenstaanders")
    for s in m.shapes:
        state = analysis.cells[s.code, "buitenstaanders"].state
        assert (s.label, s.fill, s.hatched) == (STATE_LOOK[state][0], STATE_LOOK[state][1],
                                                STATE_LOOK[state][3])


def test_names_are_text_everywhere_the_svg_goes(example):
    coalition, _, analysis = example
    evil = "<script>alert(1)</script> ![x](http://evil.invalid/x.png) **vet**"
    wijken = [model.replace(coalition.wijken[0], name=evil), *coalition.wijken[1:]]
    c = model.replace(coalition, wijken=wijken)
    svg = wijk_map_svg(c, analysis)
    assert "<script" not in svg and "![x](" not in svg and "**" not in svg
    assert "&#60;script&#62;" in svg
    # one line per element: no blank line ends Streamlit's Markdown HTML block
    assert "\n\n" not in svg


def test_no_boundaries_no_map(example):
    coalition, _, analysis = example
    c = model.replace(coalition, boundaries=[])
    assert wijk_map_svg(c, analysis) == ""
    m = build_map(c, figures_for(analysis))
    assert len(m.missing) == len(c.wijken)


def test_partner_points_from_a_postcode_table(example):
    coalition, _, _ = example
    p = coalition.partners[0]
    assert normalize_postcode(p.postal_code)
    lonlat = geo.rd_to_wgs84(174000, 433500)
    points = partner_points(coalition, {normalize_postcode(p.postal_code): lonlat})
    assert [label for *_, label in points] == [f"{p.name} ({p.postal_code})"] * len(points)
    svg = render_svg(build_map(coalition, {}, partner_points=points))
    assert svg.count('class="cm-partner"') == 1


def test_kaart_html_of_a_wijk_has_the_map_with_the_wijk_highlighted(example):
    coalition, _, _ = example
    wijk = coalition.wijken[4]
    html = kaart_html(coalition, wijk=wijk.code).decode()
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert "href=" not in svg                      # no links in an export
    assert re.search(rf'data-code="{wijk.code}"><title>[^<]*</title><path [^>]*fill="#1f4e99"',
                     svg)
    assert svg.count('fill="#1f4e99"') == 2        # the wijk and its legend box
    whole = kaart_html(coalition).decode()
    assert "<svg" not in whole                     # the whole gemeente: no wijk to show


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_exports_draw_the_map(example, tmp_path):
    coalition, plan, analysis = example
    data, _ = kaart_pdf(coalition, wijk=coalition.wijken[4].code)
    (tmp_path / "k.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", str(tmp_path / "k.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "op de kaart van de gemeente" in text
    assert all(w.name in text for w in coalition.wijken)     # the map's labels
    data = plan_pdf(plan, coalition, analysis)
    (tmp_path / "p.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Open cellen per wijk" in text and "Westerkwartier" in text


def test_plan_html_has_the_gap_map(example):
    coalition, plan, analysis = example
    html = plan_html(plan, coalition, analysis).decode()
    assert html.count("<svg") == 1 and "Open cellen per wijk" in html
    assert "<svg" not in plan_html(plan, coalition, None).decode()


def test_coordinates_from_a_postcode_table_become_points_on_the_map(tmp_path, capsys):
    from pathlib import Path

    from coalition_map.cli import main
    from coalition_map.store import open_store
    table = Path(__file__).resolve().parent / "fixtures" / "postcodes-voorbeeld.csv"
    db = str(tmp_path / "s.sqlite")
    open_store(db).close()
    assert main(["coordinaten", "--postcodes", str(table), "--db", db, "--author", "A"]) == 0
    out = capsys.readouterr().out
    assert "ligt niet in Nederland" in out              # the bad row is named, not used
    assert "Postcode niet in de tabel: " in out and "9999 KZ" in out
    store = open_store(db)
    coalition = store.load_coalition()
    located = [p for p in coalition.partners if p.latitude is not None]
    assert located and all(geo.looks_like_wgs84(p.longitude, p.latitude) for p in located)
    assert store.changesets()[0].note == "coördinaten uit postcodes-voorbeeld.csv"
    store.close()
    svg = render_svg(build_map(coalition, {}, partner_points=partner_points(coalition)))
    assert svg.count('class="cm-partner"') == len([p for p in located if p.active])
