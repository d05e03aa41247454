"""The wijken on a map: an offline choropleth drawn as SVG from the stored boundaries.

No tiles, no CDN, no script: one ``<svg>`` element with a path per wijk, so
the same map goes into the app, the HTML and PDF exports and a projector.
A wijk is coloured by the number of its open cells (cells in a gap state,
:data:`coalition_map.states.GAP_STATES`) or by the state of one chosen
profile (the heatmap's colours, glyphs and stripes from
:mod:`coalition_map.ui.style` values, repeated here without Streamlit). Every
colour also has a label printed in the wijk (number or glyph) and the classes
run from light to dark, so the map reads in greyscale too; the darkest
classes are hatched as the heatmap hatches 'niet bereikbaar'.

Hovering a wijk shows its name and figures (SVG ``<title>``); with ``link``
each wijk is a link (``dekking?wijk=CODE``) that opens its cells on the
Dekking page.

>>> from coalition_map.model import Coalition, Wijk, WijkBoundary
>>> sq = '{"type":"Polygon","coordinates":[[[5,52],[5.01,52],[5.01,52.01],[5,52.01],[5,52]]]}'
>>> c = Coalition(wijken=[Wijk("W1", "Noord & Oost")], boundaries=[WijkBoundary("W1", sq)])
>>> m = build_map(c, {"W1": WijkFigures(open_cells=3, cells=8)})
>>> svg = render_svg(m)
>>> svg.startswith("<svg") and "Noord &#38; Oost" in svg and 'href="dekking?wijk=W1"' in svg
True
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from .model import Coalition
from .states import GAP_STATES, STATE_LABELS, STATE_LOOK, STATES

#: Open-cell classes: (lowest count, fill, text colour, hatched). Light to dark, so
#: they keep their order in greyscale; each wijk also prints its number.
OPEN_CLASSES = (
    (0, "#ffffe5", "#1a1a1a", False),
    (1, "#fee391", "#1a1a1a", False),
    (3, "#fe9929", "#1a1a1a", False),
    (5, "#d94801", "#ffffff", False),
    (6, "#a63603", "#ffffff", False),
    (7, "#4d1a00", "#ffffff", True),
)

#: Profile-state colours: the heatmap's (states.STATE_LOOK: glyph, fill, text, hatched).
STATE_FILLS = {code: (fill, text, glyph, hatched)
               for code, (glyph, fill, text, hatched) in STATE_LOOK.items()}
NO_DATA = ("#ffffff", "#555555", "?", False)
HIGHLIGHT = ("#1f4e99", "#ffffff")


@dataclass
class WijkFigures:
    """What the map shows of one wijk (from the analysis and ``wijken``)."""

    open_cells: int = 0
    cells: int = 0
    by_state: dict[str, int] = field(default_factory=dict)
    state: str | None = None        # the chosen profile's state, when colouring by profile
    lines: tuple[str, ...] = ()     # extra lines for the hover text


@dataclass
class MapShape:
    code: str
    name: str
    path: str                        # SVG path data
    label_xy: tuple[float, float]
    fill: str
    text: str
    label: str                       # printed in the wijk
    hatched: bool
    title: str                       # hover text
    highlighted: bool = False
    room: float = 1e9                # width in px available for a label (the part's width)


@dataclass
class WijkMap:
    width: float
    height: float
    shapes: list[MapShape]
    legend: list[tuple[str, str, bool, str]]     # (fill, text colour, hatched, label)
    missing: list[str]                           # wijk names without a boundary
    points: list[tuple[float, float, str]] = field(default_factory=list)
    caption: str = ""


def _nl(n: float | int | None, decimals: int = 0) -> str:
    if n is None:
        return "onbekend"
    text = f"{n:,.{decimals}f}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".")


def open_cells_by_wijk(cells) -> dict[str, WijkFigures]:
    """Per wijk: how many of its cells are open (a gap state) and per state.

    ``cells``: the analysis' cells (dict or list of :class:`Cell`).

    >>> from types import SimpleNamespace as C
    >>> f = open_cells_by_wijk([C(wijk="W", state="covered"), C(wijk="W", state="partial"),
    ...                         C(wijk="W", state="uncovered")])
    >>> f["W"].open_cells, f["W"].cells, f["W"].by_state["uncovered"]
    (2, 3, 1)
    """
    out: dict[str, WijkFigures] = {}
    values = cells.values() if isinstance(cells, dict) else cells
    for cell in values:
        f = out.setdefault(cell.wijk, WijkFigures())
        f.cells += 1
        f.by_state[cell.state] = f.by_state.get(cell.state, 0) + 1
        if cell.state in GAP_STATES:
            f.open_cells += 1
    return out


def figures_for(analysis, profile: str | None = None) -> dict[str, WijkFigures]:
    """The map's figures from a :class:`~coalition_map.analysis.report.GapAnalysis`;
    with ``profile``, each wijk also gets that profile's cell state."""
    figures = open_cells_by_wijk(analysis.cells)
    if profile:
        for (wijk, prof), cell in analysis.cells.items():
            if prof == profile and wijk in figures:
                figures[wijk].state = cell.state
    return figures


def _open_class(n: int):
    chosen = OPEN_CLASSES[0]
    for cls in OPEN_CLASSES:
        if n >= cls[0]:
            chosen = cls
    return chosen


def _open_legend() -> list:
    out = []
    for i, (low, fill, text, hatched) in enumerate(OPEN_CLASSES):
        high = OPEN_CLASSES[i + 1][0] - 1 if i + 1 < len(OPEN_CLASSES) else None
        span = (f"{low}" if high == low else f"{low}–{high}" if high is not None
                else f"{low} of meer")
        out.append((fill, text, hatched, f"{span} open"))
    return out


def _polygons(geometry_text: str):
    geom = json.loads(geometry_text)
    if geom.get("type") == "Polygon":
        return [geom["coordinates"]]
    return list(geom.get("coordinates") or [])


def _label_point(polygons) -> tuple[float, float]:
    """A point well inside the largest part (shapely's polylabel), in lon/lat."""
    from shapely.geometry import Polygon
    from shapely.ops import polylabel
    best = max((Polygon(p[0], p[1:]) for p in polygons), key=lambda g: g.area)
    try:
        pt = polylabel(best, tolerance=max(best.length / 400, 1e-7))
    except Exception:   # degenerate part: its representative point will do
        pt = best.representative_point()
    return pt.x, pt.y


def wijk_title(wijk, figures: WijkFigures | None, profile: str | None = None) -> str:
    """The hover text of a wijk: name, code, open cells, the profile's state, figures."""
    lines = [f"{wijk.name} ({wijk.code})"]
    if figures is not None and figures.cells:
        parts = [f"{figures.by_state[s]} {STATE_LABELS[s]}" for s in
                 ("uncovered", "unreachable", "partial") if figures.by_state.get(s)]
        lines.append(f"{figures.open_cells} van {figures.cells} cellen open"
                     + (f" ({', '.join(parts)})" if parts else ""))
        if profile and figures.state:
            from .typology import PROFILES
            lines.append(f"{PROFILES[profile].name}: {STATE_LABELS[figures.state]}")
    facts = []
    if wijk.inhabitants is not None:
        facts.append(f"{_nl(wijk.inhabitants)} inwoners")
    if wijk.inhabitants_65plus is not None:
        facts.append(f"{_nl(wijk.inhabitants_65plus)} van 65+")
    if facts:
        lines.append(", ".join(facts))
    def interval(low, high):
        return (f" (95%-interval {_nl(low, 1)}–{_nl(high, 1)})"
                if low is not None and high is not None else "")
    if wijk.pct_lonely is not None:
        lines.append(f"{_nl(wijk.pct_lonely, 1)}% eenzaam"
                     + interval(wijk.pct_lonely_low, wijk.pct_lonely_high))
    if wijk.pct_severely_lonely is not None:
        lines.append(f"{_nl(wijk.pct_severely_lonely, 1)}% ernstig eenzaam"
                     + interval(wijk.pct_severely_lonely_low, wijk.pct_severely_lonely_high))
    if wijk.source or wijk.year:
        year = str(wijk.year or "")
        lines.append("Bron: " + (wijk.source or "") + (f" ({year})" if year and year not in
                                                        (wijk.source or "") else ""))
    if figures is not None:
        lines.extend(figures.lines)
    return "\n".join(lines)


def build_map(coalition: Coalition, figures: dict[str, WijkFigures], *,
              profile: str | None = None, highlight: str | None = None,
              width: float = 800.0, partner_points=()) -> WijkMap:
    """Project the boundaries and decide every wijk's colour, label and hover text.

    ``profile``: colour by that profile's state (``figures[...].state``),
    otherwise by open cells. ``highlight``: one wijk code drawn dark, the
    others light (the sociale kaart of one wijk). ``partner_points``:
    ``(lon, lat, label)`` of partners with known coordinates.
    """
    wijken = {w.code: w for w in coalition.wijken}
    shapes_lonlat = []
    for b in coalition.boundaries:
        if b.code in wijken:
            try:
                shapes_lonlat.append((b.code, _polygons(b.geometry)))
            except (ValueError, KeyError, TypeError):
                continue
    missing = [w.name for w in coalition.wijken
               if w.code not in {code for code, _ in shapes_lonlat}]
    if not shapes_lonlat:
        return WijkMap(width, 0, [], [], missing)
    xs = [pt[0] for _, polys in shapes_lonlat for p in polys for ring in p for pt in ring]
    ys = [pt[1] for _, polys in shapes_lonlat for p in polys for ring in p for pt in ring]
    lat0 = (min(ys) + max(ys)) / 2
    k = math.cos(math.radians(lat0))
    span_x = max((max(xs) - min(xs)) * k, 1e-9)
    span_y = max(max(ys) - min(ys), 1e-9)
    margin = 8.0
    scale = (width - 2 * margin) / span_x
    height = span_y * scale + 2 * margin
    x0, y1 = min(xs), max(ys)

    def project(lon, lat):
        return margin + (lon - x0) * k * scale, margin + (y1 - lat) * scale

    shapes = []
    for code, polys in shapes_lonlat:
        wijk = wijken[code]
        f = figures.get(code)
        parts = []
        for poly in polys:
            for ring in poly:
                pts = [project(x, y) for x, y in ring]
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        lx, ly = project(*_label_point(polys))
        xs_px = [project(x, y)[0] for poly in polys for x, y in poly[0]]
        room = max(xs_px) - min(xs_px)
        if highlight is not None:
            fill, text = (HIGHLIGHT if code == highlight else ("#eeeeee", "#333333"))
            label, hatched = wijk.name, False
        elif profile:
            state = f.state if f is not None else None
            fill, text, glyph, hatched = STATE_FILLS.get(state or "", NO_DATA)
            label = glyph
        else:
            n = f.open_cells if f is not None else 0
            _, fill, text, hatched = _open_class(n)
            label = str(n) if f is not None else "?"
        shapes.append(MapShape(code, wijk.name, "".join(parts), (lx, ly), fill, text, label,
                               hatched, wijk_title(wijk, f, profile),
                               highlighted=code == highlight, room=room))
    if highlight is not None:
        legend = [(HIGHLIGHT[0], HIGHLIGHT[1], False, "deze wijk")]
    elif profile:
        legend = [(STATE_FILLS[s][0], STATE_FILLS[s][1], STATE_FILLS[s][3],
                   f"{STATE_FILLS[s][2]} {STATES[s].label}")
                  for s in ("covered", "partial", "uncovered", "unreachable")]
    else:
        legend = _open_legend()
    points = []
    for lon, lat, label in partner_points:
        if min(xs) - 0.05 <= lon <= max(xs) + 0.05 and min(ys) - 0.05 <= lat <= max(ys) + 0.05:
            x, y = project(lon, lat)
            points.append((x, y, label))
    return WijkMap(width, height, shapes, legend, missing, points)


#: Characters written as character references: XML's own, and those Markdown (and
#: Streamlit's LaTeX) would read as syntax, so a name like ``**vet**`` or ``![x](url)``
#: stays text wherever the SVG is placed (an HTML export, or Streamlit's Markdown).
_ENTITIES = {c: f"&#{ord(c)};" for c in "&<>\"'*_[]()!`~\\#|$:{}\n"}


def _esc(text: str) -> str:
    r"""Escape for XML text and attributes, Markdown syntax and newlines.

    >>> _esc('<b>**x**</b>\n![i](http://e.invalid)')
    '&#60;b&#62;&#42;&#42;x&#42;&#42;&#60;/b&#62;&#10;&#33;&#91;i&#93;&#40;http&#58;//e.invalid&#41;'
    """
    return "".join(_ENTITIES.get(c, c) for c in str(text).replace("\r", ""))


def render_svg(m: WijkMap, *, link: str | None = "dekking?wijk={code}",
               labels: str = "both", font_px: float | None = None,
               title: str = "Kaart van de wijken", for_pdf: bool = False,
               font_family: str = "DejaVu Sans,Arial,sans-serif") -> str:
    """The map as one ``<svg>`` element (no script, no outside reference).

    ``link``: URL template for a wijk (``{code}`` filled in, escaped), or None
    for no links (exports). ``labels``: ``"both"`` prints the wijk name and
    its label, ``"value"`` only the label. The legend sits below the map.
    ``for_pdf``: no hover texts and no halo round the labels (fpdf2 draws
    neither), no links, and ``font_family`` the PDF's own font.
    """
    if for_pdf:
        link = None
    if not m.shapes:
        return ""
    fs = font_px or max(11.0, m.width / 55)
    legend_h = fs * 2.4
    total_h = m.height + legend_h
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {m.width:.0f} {total_h:.0f}" '
           f'width="100%" role="img" aria-label="{_esc(title)}" class="cm-wijkkaart" '
           f'style="max-width:{m.width:.0f}px;max-height:78vh" '
           f'font-family="{_esc(font_family)}">\n',
           "" if for_pdf else f"<title>{_esc(title)}</title>",
           '<defs><pattern id="cm-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
           'patternTransform="rotate(45)"><rect width="3" height="8" fill="#ffffff" '
           'fill-opacity="0.35"/></pattern></defs>']
    for s in m.shapes:
        stroke = "#000000" if s.highlighted else "#333333"
        sw = 3 if s.highlighted else 1.2
        body = ("" if for_pdf else f'<title>{_esc(s.title)}</title>') + (
                f'<path d="{s.path}" fill="{s.fill}" stroke="{stroke}" stroke-width="{sw}" '
                f'stroke-linejoin="round" fill-rule="evenodd"/>')
        if s.hatched:
            body += f'<path d="{s.path}" fill="url(#cm-hatch)" stroke="none" fill-rule="evenodd"/>'
        x, y = s.label_xy
        halo = "#000000" if s.text == "#ffffff" else "#ffffff"
        text_style = (f'fill="{s.text}" text-anchor="middle"' if for_pdf else
                      f'fill="{s.text}" stroke="{halo}" stroke-width="{fs / 5:.1f}" '
                      'paint-order="stroke" stroke-linejoin="round" text-anchor="middle"')
        # a name too wide for its wijk is left to the hover text (small wijken of a
        # large gemeente); its number or glyph is always printed
        fits = len(s.name) * fs * 0.6 <= s.room * 0.95
        if labels == "both" and s.label != s.name and fits:
            body += (f'<text x="{x:.1f}" y="{y - fs * 0.15:.1f}" font-size="{fs:.1f}" '
                     f'{text_style}>{_esc(s.name)}</text>'
                     f'<text x="{x:.1f}" y="{y + fs * 1.1:.1f}" font-size="{fs * 1.25:.1f}" '
                     f'font-weight="bold" {text_style}>{_esc(s.label)}</text>')
        elif s.label != s.name or fits:
            body += (f'<text x="{x:.1f}" y="{y + fs * 0.4:.1f}" font-size="{fs:.1f}" '
                     f'font-weight="bold" {text_style}>{_esc(s.label)}</text>')
        group = f'<g class="cm-wijk" data-code="{_esc(s.code)}">{body}</g>'
        if link:
            href = _esc(link.format(code=_url_quote(s.code)))
            group = f'<a href="{href}" target="_self">{group}</a>'
        out.append(group)
    for x, y, label in m.points:
        out.append(f'<g class="cm-partner"><title>{_esc(label)}</title>'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{fs / 2.6:.1f}" fill="#ffffff" '
                   f'stroke="#000000" stroke-width="2"/><circle cx="{x:.1f}" cy="{y:.1f}" '
                   f'r="{fs / 7:.1f}" fill="#000000"/></g>')
    # legend
    lx, ly = 8.0, m.height + fs * 0.6
    for fill, _text, hatched, label in m.legend:
        box = fs * 1.2
        out.append(f'<rect x="{lx:.1f}" y="{ly:.1f}" width="{box:.1f}" height="{box:.1f}" '
                   f'fill="{fill}" stroke="#333333"/>')
        if hatched:
            out.append(f'<rect x="{lx:.1f}" y="{ly:.1f}" width="{box:.1f}" height="{box:.1f}" '
                       'fill="url(#cm-hatch)"/>')
        out.append(f'<text x="{lx + box + 4:.1f}" y="{ly + box * 0.8:.1f}" font-size="{fs:.1f}" '
                   f'fill="#1a1a1a">{_esc(label)}</text>')
        lx += box + 10 + len(label) * fs * 0.62
    out.append("</svg>")
    return "".join(out)


def _url_quote(code: str) -> str:
    from urllib.parse import quote
    return quote(code, safe="")


def partner_points(coalition: Coalition, postcodes: dict[str, tuple[float, float]] | None
                   = None):
    """``(lon, lat, label)`` of active partners with stored coordinates, or (with
    ``postcodes``, a table the coordinator supplies) whose postcode is in it. No
    geocoding service is ever asked."""
    out = []
    for p in coalition.partners:
        if not p.active:
            continue
        if p.latitude is not None and p.longitude is not None and postcodes is None:
            out.append((p.longitude, p.latitude, f"{p.name} ({p.address or p.postal_code})"))
            continue
        pc = normalize_postcode(p.postal_code)
        if postcodes and pc in postcodes:
            lon, lat = postcodes[pc]
            out.append((lon, lat, f"{p.name} ({p.postal_code})"))
    return out


def read_postcode_table(data: bytes, filename: str) -> tuple[dict, list[str]]:
    r"""A coordinator's postcode table: ``postcode`` with ``latitude``/``longitude``
    (WGS84, also ``lat``/``lon``) or ``x``/``y`` (RD New). Returns
    ``({postcode: (lon, lat)}, Dutch problems)``; a row with a bad value is named
    and skipped.

    >>> t, p = read_postcode_table(b"postcode;lat;lon\n9999 AB;51.9;5.6\nfout;1;2\n", "pc.csv")
    >>> t, p
    ({'9999AB': (5.6, 51.9)}, ["pc.csv, rij 3: postcode 'fout' is geen postcode (1234 AB)"])
    """
    import csv as _csv
    import io as _io

    from .geo import looks_like_wgs84, rd_to_wgs84
    text = data.decode("utf-8-sig", errors="replace")
    first = text.split("\n", 1)[0]
    reader = _csv.reader(_io.StringIO(text), delimiter=";" if ";" in first else ",")
    header = [h.strip().lower() for h in next(reader, [])]

    def col(*names):
        return next((header.index(n) for n in names if n in header), None)
    i_pc = col("postcode", "postal_code", "pc6")
    i_lat, i_lon = col("latitude", "lat", "breedtegraad"), col("longitude", "lon", "lengtegraad")
    i_x, i_y = col("x", "rd_x"), col("y", "rd_y")
    if i_pc is None or not ((i_lat is not None and i_lon is not None) or
                            (i_x is not None and i_y is not None)):
        return {}, [f"{filename}: verwacht de kolommen postcode en latitude/longitude (of x/y "
                    "in RD New)"]
    table, problems = {}, []
    for n, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        try:
            pc = normalize_postcode(row[i_pc])
            if not pc:
                problems.append(f"{filename}, rij {n}: postcode '{row[i_pc].strip()}' is geen "
                                "postcode (1234 AB)")
                continue
            if i_lat is not None:
                lat, lon = (float(row[i_lat].replace(",", ".")),
                            float(row[i_lon].replace(",", ".")))
            else:
                lon, lat = rd_to_wgs84(float(row[i_x].replace(",", ".")),
                                       float(row[i_y].replace(",", ".")))
        except (ValueError, IndexError):
            problems.append(f"{filename}, rij {n}: geen geldige coördinaten")
            continue
        if not looks_like_wgs84(lon, lat):
            problems.append(f"{filename}, rij {n}: {lat}, {lon} ligt niet in Nederland")
            continue
        table[pc] = (round(lon, 6), round(lat, 6))
    return table, problems


def normalize_postcode(text: str) -> str:
    """'9999 ab' -> '9999AB'; anything else -> ''.

    >>> normalize_postcode(" 9999 ab "), normalize_postcode("onbekend")
    ('9999AB', '')
    """
    t = "".join((text or "").split()).upper()
    return t if len(t) == 6 and t[:4].isdigit() and t[4:].isalpha() else ""


def wijk_map_svg(coalition: Coalition, analysis, *, profile: str | None = None,
                 highlight: str | None = None, link: str | None = "dekking?wijk={code}",
                 width: float = 800.0, points=(), **render) -> str:
    """One call: figures from the analysis, the map built and drawn as SVG
    (``render``: options of :func:`render_svg`). Empty when no wijk has a boundary."""
    figures = figures_for(analysis, profile) if analysis is not None else {}
    m = build_map(coalition, figures, profile=profile, highlight=highlight, width=width,
                  partner_points=points)
    return render_svg(m, link=link, **render)


def add_to_pdf(doc, svg: str, width_mm: float = 120.0) -> None:
    """Draw an SVG from :func:`wijk_map_svg` (``for_pdf=True``) into an fpdf2 document."""
    import io
    import logging
    if not svg:
        return
    fpdf_log = logging.getLogger("fpdf.svg")
    level = fpdf_log.level
    fpdf_log.setLevel(logging.ERROR)
    try:
        doc.image(io.BytesIO(svg.encode("utf-8")), w=width_mm)
    finally:
        fpdf_log.setLevel(level)


def has_map(coalition: Coalition, wijk: str | None = None) -> bool:
    """True when the coalition has boundaries (and, with ``wijk``, that wijk has one)."""
    codes = {b.code for b in coalition.boundaries}
    return bool(codes) if wijk is None else wijk in codes
