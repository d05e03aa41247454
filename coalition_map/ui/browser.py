"""A small script the app puts in every page (offline, no download): Streamlit's own
English interface texts in Dutch, and ←/→ for Vorige/Volgende in vergadermodus.

Streamlit has no translations for the texts its widgets draw themselves
("Choose an option", "Select all", the uploader's "Drag and drop file here" and
"200MB per file", the table toolbar's "Download as CSV", "Search",
"Fullscreen"). :data:`DUTCH` lists them; the script replaces a text node or a
placeholder/title/aria-label attribute whose whole text is one of them, and
watches the page for new ones (menus and tooltips are drawn on demand).

>>> DUTCH["Choose an option"], translate("200MB per file • CSV, XLSX")
('Kies een optie', 'max. 200 MB per bestand • CSV, XLSX')
"""

from __future__ import annotations

import json
import re

#: English text of Streamlit's widgets -> Dutch.
DUTCH: dict[str, str] = {
    "Choose an option": "Kies een optie",
    "Choose options": "Kies een of meer opties",
    "Select all": "Alles selecteren",
    "Clear all": "Alles wissen",
    "No results": "Geen resultaten",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Browse files": "Bestand kiezen",
    "Upload": "Bestand kiezen",
    "Download as CSV": "Downloaden als CSV",
    "Download": "Downloaden",
    "Search": "Zoeken",
    "Search...": "Zoeken…",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Add row": "Rij toevoegen",
    "Delete row": "Rij verwijderen",
    "Delete rows": "Rijen verwijderen",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Clear value": "Wissen",
    "Clear": "Wissen",
    "Delete": "Verwijderen",
    "Copy to clipboard": "Kopiëren",
    "Sort ascending": "Oplopend sorteren",
    "Sort descending": "Aflopend sorteren",
    "Hide column": "Kolom verbergen",
    "Autosize": "Breedte aanpassen",
    "Pin column": "Kolom vastzetten",
    "Unpin column": "Kolom losmaken",
    "Format": "Opmaak",
    "Running...": "Bezig…",
    "Stop": "Stoppen",
    "Main menu": "Menu",
    "Rerun": "Opnieuw uitvoeren",
    "Settings": "Instellingen",
    "Print": "Afdrukken",
    "Please wait...": "Even geduld…",
    "Connecting": "Verbinden",
}

#: Texts with a number in them: (regex, Dutch replacement).
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"^(\d+(?:\.\d+)?)\s?([KMG]B) per file(.*)$", r"max. $1 $2 per bestand$3"),
    (r"^Select all (\d+) matches$", r"Alle $1 treffers selecteren"),
    (r"^(\d+) rows?$", r"$1 rijen"),
)


def translate(text: str) -> str:
    """What the script makes of one text (for tests and docs)."""
    stripped = text.strip()
    if stripped in DUTCH:
        return DUTCH[stripped]
    for pattern, repl in PATTERNS:
        if re.match(pattern, stripped):
            return re.sub(pattern, repl.replace("$", "\\"), stripped)
    return text


_SCRIPT = """
<script>
(function () {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const win = doc.defaultView || window;
  if (win.__cmDutch) return;
  win.__cmDutch = true;
  const MAP = %(map)s;
  const PATTERNS = %(patterns)s.map(p => [new RegExp(p[0]), p[1]]);
  function tr(text) {
    const t = text.trim();
    if (!t) return null;
    if (Object.prototype.hasOwnProperty.call(MAP, t)) return text.replace(t, MAP[t]);
    for (const [re, repl] of PATTERNS) if (re.test(t)) return text.replace(t, t.replace(re, repl));
    return null;
  }
  const ATTRS = ["placeholder", "title", "aria-label"];
  function fix(node) {
    if (node.nodeType === 3) {
      const out = tr(node.nodeValue);
      if (out !== null && out !== node.nodeValue) node.nodeValue = out;
      return;
    }
    if (node.nodeType !== 1) return;
    for (const a of ATTRS) {
      const v = node.getAttribute && node.getAttribute(a);
      if (v) { const out = tr(v); if (out !== null && out !== v) node.setAttribute(a, out); }
    }
    const walker = doc.createTreeWalker(node, 5);
    let n;
    while ((n = walker.nextNode())) {
      if (n === node) continue;
      if (n.nodeType === 3) { const out = tr(n.nodeValue); if (out !== null && out !== n.nodeValue) n.nodeValue = out; }
      else for (const a of ATTRS) {
        const v = n.getAttribute(a);
        if (v) { const out = tr(v); if (out !== null && out !== v) n.setAttribute(a, out); }
      }
    }
  }
  fix(doc.body);
  new win.MutationObserver(muts => {
    for (const m of muts) {
      if (m.type === "characterData") fix(m.target);
      else if (m.type === "attributes") fix(m.target);
      else m.addedNodes.forEach(fix);
    }
  }).observe(doc.body, {subtree: true, childList: true, characterData: true,
                        attributes: true, attributeFilter: ATTRS});
  // Vergadermodus: the arrow keys step through the saved views.
  doc.addEventListener("keydown", e => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t && (t.closest && (t.closest("input, textarea, select, [contenteditable=true], "
              + "[data-testid=stDataFrame], [role=grid], [role=listbox], [role=slider]")))) return;
    const word = e.key === "ArrowRight" ? "Volgende" : e.key === "ArrowLeft" ? "Vorige" : null;
    if (!word) return;
    const button = Array.from(doc.querySelectorAll("[data-testid=stSidebar] button"))
      .find(b => b.innerText.includes(word));
    if (button) { e.preventDefault(); button.click(); }
  });
})();
</script>
"""


def script() -> str:
    """The script as HTML (for ``st.html(..., unsafe_allow_javascript=True)``)."""
    return _SCRIPT % {"map": json.dumps(DUTCH, ensure_ascii=False),
                      "patterns": json.dumps([list(p) for p in PATTERNS])}
