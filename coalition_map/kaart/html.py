"""The sociale kaart as one self-contained HTML file.

No external fonts, scripts or styles: everything is inline, so the file works
offline and can be mailed. It prints on A4 (the verwijswijzer is left out of
the print). All data is escaped with :func:`html.escape`; the verwijswijzer's
data is embedded as JSON with ``<``, ``>`` and ``&`` written as ``\\u003c``
and so on, and the script only sets ``textContent``.

The professionals' version holds the verwijswijzer: its results per wijk and
profile are computed here, in Python, by :func:`fitting_offers`, so the file
and the app give the same answer.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from itertools import product

from ..model import Coalition
from ..typology import PROFILES, THREE_QUESTIONS
from .selection import CONTACT_FIELDS, CONTACTS_INTRO, CONTACTS_TITLE, Kaart, kaart_entries
from .tables import contact_value, entry_value
from .verwijswijzer import TYPING_NOTE, OfferFits, fitting_offers, profiles_from_answers

CSS = """
:root { --ink:#1d2633; --muted:#5a6472; --line:#d5dae1; --accent:#1f5f8b; --soft:#eef4f8; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 1.6rem 0 .6rem; padding-bottom: .2rem;
     border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 0 0 .2rem; }
.meta, .by { color: var(--muted); margin: 0 0 .4rem; }
.example { background: #fff4d6; border: 1px solid #e0b84c; padding: .4rem .7rem; }
nav.toc ul { columns: 2; padding-left: 1.2rem; margin: .3rem 0; }
nav.toc a { color: var(--accent); }
article.offer { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem;
                margin: 0 0 .7rem; break-inside: avoid; page-break-inside: avoid; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .15rem .8rem; margin: .3rem 0 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
#verwijswijzer { background: var(--soft); border-radius: 6px; padding: .8rem 1rem;
                 margin: 1rem 0; }
#verwijswijzer fieldset { border: 0; padding: 0; margin: 0 0 .5rem; }
#verwijswijzer legend { font-weight: 600; }
#verwijswijzer label { margin-right: 1rem; }
#vw-result li { margin-bottom: .2rem; }
.reason { color: var(--muted); }
.badge { font-size: .8rem; font-weight: 600; background: #fff4d6; border: 1px solid #b8860b;
         border-radius: 3px; padding: 0 .3rem; color: #5c4200; }
section.contacts { background: var(--soft); border-radius: 6px; padding: .4rem 1rem .6rem;
                   margin: 1rem 0; }
section.contacts article.offer { background: #fff; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem;
         border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .no-print, nav.toc { display: none !important; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('kaart-data').textContent);
  var form = document.getElementById('vw-form');
  var out = document.getElementById('vw-result');
  function answer(name) {
    var el = form.querySelector('input[name="' + name + '"]:checked');
    return el ? el.value : '?';
  }
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined) { el.textContent = text; }
    if (cls) { el.className = cls; }
    parent.appendChild(el);
    return el;
  }
  function showProfile(profile, wijk) {
    var res = (data.results[wijk] || {})[profile];
    var p = data.profiles[profile];
    add(out, 'h3', p.name + ' in ' + data.wijken[wijk]);
    add(out, 'p', p.description, 'reason');
    if (!res || (res.fitting.length === 0 && res.limited.length === 0)) {
      add(out, 'p', 'Geen passend aanbod gevonden in deze wijk.');
    }
    if (res && res.fitting.length) {
      add(out, 'p', res.fitting.length + ' passend aanbod:');
      var ul = add(out, 'ul');
      res.fitting.forEach(function (id) {
        var li = add(ul, 'li');
        var link = add(li, 'a', data.offers[id].name);
        link.href = '#offer-' + id;
        add(li, 'span', ' (' + data.offers[id].partner + ')', 'reason');
      });
    }
    if (res && res.limited.length) {
      add(out, 'p', 'Past ten dele:');
      var ul3 = add(out, 'ul');
      res.limited.forEach(function (pair) {
        var li = add(ul3, 'li');
        var link = add(li, 'a', data.offers[pair[0]].name);
        link.href = '#offer-' + pair[0];
        add(li, 'span', ': ' + pair[1], 'reason');
      });
    }
    if (res && res.excluded.length) {
      add(out, 'p', 'Niet passend voor dit profiel:');
      var ul2 = add(out, 'ul');
      res.excluded.forEach(function (pair) {
        var li = add(ul2, 'li', data.offers[pair[0]].name + ': ');
        add(li, 'span', pair[1], 'reason');
      });
    }
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    while (out.firstChild) { out.removeChild(out.firstChild); }
    var wijk = form.querySelector('#vw-wijk').value;
    var chosen = form.querySelector('#vw-profile').value;
    var profiles = chosen ? [chosen] : data.answers[
      [answer('structural'), answer('wants_contacts'), answer('active')].join('')];
    if (profiles.length > 1) {
      add(out, 'p', 'Mogelijke profielen: ' + profiles.map(function (c) {
        return data.profiles[c].name; }).join(', ') + '.');
      add(out, 'p', data.note, 'reason');
    }
    profiles.forEach(function (code) { showProfile(code, wijk); });
  });
})();
"""


def safe_json(value) -> str:
    """JSON that cannot close a ``<script>`` element or start an entity."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def verwijswijzer_data(coalition: Coalition, kaart: Kaart) -> dict:
    """What the embedded verwijswijzer needs: computed here, looked up in the browser."""
    if kaart.wijk is not None:
        wijken = [(kaart.wijk, kaart.wijk_name)]
    else:
        wijken = [(w.code, w.name) for w in coalition.wijken]
    results: dict = {}
    offers: dict = {}
    fits = OfferFits(coalition)
    for code, _name in wijken:
        results[code] = {}
        for profile in PROFILES:
            res = fitting_offers(coalition, code, profile, kaart.today, fits=fits)
            results[code][profile] = {
                "fitting": [o.id for o in res.fitting],
                "limited": [[x.offer.id, "; ".join(x.reasons)] for x in res.limited],
                "excluded": [[e.offer.id, "; ".join(e.reasons)] for e in res.excluded]}
            for o in res.fitting + [x.offer for x in res.limited + res.excluded]:
                offers[o.id] = {"name": o.name, "partner": coalition.partner(o.partner_id).name}
    answers = {}
    values = {"1": True, "0": False, "?": None}
    for s, w, a in product(values, repeat=3):
        answers[s + w + a] = [p.code for p in profiles_from_answers(
            values[s], values[w], values[a])]
    return {
        "profiles": {c: {"name": p.name, "description": p.description}
                     for c, p in PROFILES.items()},
        "answers": answers, "note": TYPING_NOTE, "wijken": dict(wijken),
        "results": results, "offers": offers}


def _verwijswijzer_html(data: dict) -> str:
    parts = ['<section id="verwijswijzer" class="no-print">',
             "<h2>Verwijswijzer</h2>",
             "<p>Beantwoord de drie vragen over de persoon (ook 'weet ik (nog) niet' mag), "
             "of kies direct een profiel, en kies een wijk. U ziet dan de mogelijke "
             "profielen, het aanbod dat past, wat ten dele past, en welk aanbod volgens de "
             "typologie niet past en waarom.</p>",
             '<noscript><p>De verwijswijzer werkt alleen met JavaScript aan.</p></noscript>',
             '<form id="vw-form">']
    for name, question in THREE_QUESTIONS:
        parts.append(f"<fieldset><legend>{escape(question)}</legend>"
                     f'<label><input type="radio" name="{name}" value="1"> ja</label>'
                     f'<label><input type="radio" name="{name}" value="0"> nee</label>'
                     f'<label><input type="radio" name="{name}" value="?" checked> '
                     "weet ik (nog) niet</label></fieldset>")
    parts.append('<p><label for="vw-profile">Of kies een profiel: </label>'
                 '<select id="vw-profile"><option value="">(via de vragen)</option>')
    for code, p in data["profiles"].items():
        parts.append(f'<option value="{escape(code)}">{escape(p["name"])}</option>')
    parts.append('</select></p><p><label for="vw-wijk">Wijk: </label><select id="vw-wijk">')
    for code, name in data["wijken"].items():
        parts.append(f'<option value="{escape(code)}">{escape(name)}</option>')
    parts.append('</select> <button type="submit">Zoek passend aanbod</button></p></form>'
                 '<div id="vw-result" aria-live="polite"></div></section>')
    return "".join(parts)


def render_html(kaart: Kaart, coalition: Coalition | None = None) -> str:
    """The kaart as an HTML document (a str). ``coalition`` enables the verwijswijzer."""
    e = escape
    audience = "professionals" if kaart.audience == "professionals" else "inwoners"
    entries = kaart.entries
    out = ['<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(kaart.title)}</title><style>{CSS}</style></head><body>",
           f"<header><h1>{e(kaart.title)}</h1>",
           f'<p class="meta">Voor {audience} · stand van {kaart.today.strftime("%d-%m-%Y")}'
           f" · {len(entries)} aanbod"
           + (f" · {e(kaart.coalition_name)}" if kaart.coalition_name else "") + "</p>"]
    if kaart.is_example:
        out.append('<p class="example">Voorbeelddata: de organisaties en het aanbod op deze '
                   "kaart zijn verzonnen.</p>")
    out.append("</header>")
    if kaart.groups:
        out.append('<nav class="toc"><strong>Inhoud</strong><ul>')
        for g in kaart.groups:
            out.append(f'<li><a href="#groep-{e(g.key)}">{e(g.title)}</a> '
                       f"({len(g.entries)})</li>")
        out.append("</ul></nav>")
    data = None
    if coalition is not None and kaart.audience == "professionals":
        data = verwijswijzer_data(coalition, kaart)
        out.append(_verwijswijzer_html(data))
    if kaart.contacts:
        out.append(f'<section class="contacts" id="meldpunt"><h2>{e(CONTACTS_TITLE)}</h2>'
                   f"<p>{e(CONTACTS_INTRO)}</p>")
        for c in kaart.contacts:
            out.append(f'<article class="offer contact"><h3>{e(c.name)}</h3><dl>')
            for name, label in CONTACT_FIELDS:
                value = contact_value(c, name)
                if value:
                    out.append(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>")
            out.append("</dl></article>")
        out.append("</section>")
    out.append("<main>")
    if not kaart.groups:
        out.append("<p>Er is geen lopend aanbod gevonden.</p>")
    seen = set()
    fields = [(n, label) for n, label in kaart.columns
              if n not in ("group", "name", "partner", "offer_id")]
    for g in kaart.groups:
        out.append(f'<section class="group" id="groep-{e(g.key)}"><h2>{e(g.title)}</h2>')
        for entry in g.entries:
            anchor = "" if entry.offer_id in seen else f' id="offer-{e(entry.offer_id)}"'
            seen.add(entry.offer_id)
            badge = (' <span class="badge">wachtlijst</span>' if entry.status else "")
            out.append(f'<article class="offer"{anchor}><h3>{e(entry.name)}{badge}</h3>'
                       f'<p class="by">{e(entry.partner)}</p><dl>')
            for name, label in fields:
                value = entry_value(entry, name)
                if value:
                    out.append(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>")
            out.append("</dl></article>")
        out.append("</section>")
    out.append("</main><footer>Gemaakt met coalition-map op "
               f"{dt.date.today().strftime('%d-%m-%Y')}. Controleer bij twijfel de actuele "
               "gegevens bij de aanbieder.</footer>")
    if data is not None:
        out.append(f'<script type="application/json" id="kaart-data">{safe_json(data)}'
                   f"</script><script>{SCRIPT}</script>")
    out.append("</body></html>")
    return "".join(out)


def kaart_html(coalition: Coalition, *, wijk: str | None = None,
               audience: str = "professionals", group_by: str = "kind",
               today: dt.date | None = None) -> bytes:
    kaart = kaart_entries(coalition, wijk=wijk, audience=audience, group_by=group_by,
                          today=today)
    return render_html(kaart, coalition).encode("utf-8")
