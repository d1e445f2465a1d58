"""Provides the HTML export's stylesheet: readable on screen and on a phone, clean when printed to PDF, high contrast.

Printing: Chromium (131 and later) draws CSS page-margin boxes, so page numbers come from
`@page { @bottom-right { content: counter(page) ... } }`, and the person's name at the top of each
page from running_head_style() (a second, per-page style; never in an alliance export). Blocks (a
commitment card, a question and its answer, a check-in) are kept on one page where they fit.
"""

STYLE = """
:root { color-scheme: light; --ink: #1b1b1b; --muted: #454545; --line: #b8b8b8; --accent: #0b3d6b;
  --soft: #f3f5f8; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink);
  background: #ffffff; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1, h2, h3, h4 { color: var(--accent); line-height: 1.25; margin: 1.4em 0 0.4em; }
h1 { font-size: 1.75rem; margin-top: 0; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2em; }
h3 { font-size: 1.1rem; }
h4 { font-size: 1rem; color: var(--ink); }
header { border-bottom: 1px solid var(--line); padding-bottom: 0.75rem; }
header p { margin: 0.2em 0; }
.who { font-weight: 600; }
a { color: var(--accent); }
a:focus, a:hover { outline: 2px solid var(--accent); outline-offset: 2px; }
dl.fields { display: grid; grid-template-columns: minmax(8rem, 12rem) 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
dl.fields dt { font-weight: 600; color: var(--muted); }
dl.fields dd { margin: 0; }
dl.meta { font-size: 0.95rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
p.text { margin: 0.3rem 0 0.8rem; }
.about { color: var(--muted); margin: 0.2rem 0; }
article { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.9rem 0;
  background: #ffffff; }
article h3 { margin-top: 0; }
.checkin { background: var(--soft); border-left: 4px solid var(--accent); padding: 0.5rem 0.75rem;
  margin-top: 0.6rem; }
.checkin h4 { margin: 0 0 0.3rem; }
.progress { margin: 0.2rem 0 0.5rem; }
.bar { display: inline-block; vertical-align: middle; width: 6rem; height: 0.7rem;
  border: 1px solid var(--ink); border-radius: 3px; margin-right: 0.4rem; }
.bar > span { display: block; height: 100%; background: var(--accent); width: 0; }
.bar.p1 > span { width: 25%; } .bar.p2 > span { width: 50%; }
.bar.p3 > span { width: 75%; } .bar.p4 > span { width: 100%; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: 0.75rem; color: var(--muted);
  font-size: 0.9rem; }
@media (max-width: 30rem) {
  body { padding: 1rem 0.75rem 2rem; }
  dl.fields { grid-template-columns: 1fr; gap: 0; }
  dl.fields dd { margin: 0 0 0.5rem; }
  article { padding: 0.6rem 0.7rem; }
}
@media print {
  @page { size: A4; margin: 18mm 14mm 18mm;
    @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt system-ui, sans-serif;
      color: #454545; }
  }
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 1em; } h3 { font-size: 11pt; }
  h4 { font-size: 10pt; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  article, .answer, .checkin, p.text, dl.fields > dd { break-inside: avoid; page-break-inside: avoid; }
  article { border-color: #888888; padding: 0.4rem 0.7rem; margin: 0.5rem 0; }
  dl.fields { grid-template-columns: 9.5rem 1fr; gap: 0.1rem 0.75rem; margin: 0.3rem 0; }
  .checkin { background: none; padding: 0.3rem 0.6rem; }
  .bar, .bar > span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: var(--ink); text-decoration: none; }
  footer a::after { content: " (" attr(href) ")"; overflow-wrap: anywhere; }
}
"""


def css_string(text: str) -> str:
    """Text as a CSS string: every character but letters, digits and spaces escaped, so nothing can end the
    string or the style element (the person's text is never markup, here either)."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def running_head_style(name: str) -> str:
    """A style putting the person's name at the top left of every printed page ("" when there is none)."""
    if not name.strip():
        return ""
    return ("@media print { @page { @top-left { content: " + css_string(name)
            + "; font: 8pt system-ui, sans-serif; color: #454545; } } }")
