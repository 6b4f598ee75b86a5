"""The appendix "Where each number comes from": each traced value and table row, then each data row it names."""

from __future__ import annotations

import re

from research.report.markdown import escape
from research.report.trace import anchor, row_anchor, tables_of, use_anchor, where

HEADING = "## Where each number comes from {#where-numbers .unnumbered}"


def _title(text: str) -> str:
    """Text for a Pandoc link title (inside double quotes): no quote or backslash can end it early."""
    return " ".join(str(text).replace("\\", "/").replace('"', "'").split())


def value_link(text_md: str, trace, first: bool, target: str = "") -> str:
    """A number of the prose (already escaped Markdown) as a link to its entry, with the one-line summary; the
    entry is in the file ``target`` (the supplement, from the paper), or on this page."""
    from research.report.trace import summary

    ident = f"#{use_anchor(trace.name)} " if first else ""
    return f'[{text_md}]({target}#{anchor(trace.name)} "{_title(summary(trace))}"){{{ident}.traced}}'


def _escaped(text_md: str, at: int) -> bool:
    """Whether the character at ``at`` is escaped (an odd run of backslashes before it)."""
    run = 0
    while at - run - 1 >= 0 and text_md[at - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def _number_goes_on(text_md: str, mark: int, digit: int) -> bool:
    """Whether an escaped separator at ``mark`` (``\\,`` or ``\\.``) joins the digit at ``digit`` to the token: the
    token is then part of a longer number (2,300; 3.5)."""
    return (text_md[mark:mark + 2] in ("\\,", "\\.") and 0 <= digit < len(text_md)
            and text_md[digit].isdigit())


def whole_token_at(text_md: str, token_md: str, start: int = 0) -> int:
    """Where ``token_md`` first reads as a whole token in ``text_md`` (both escaped Markdown) at or after ``start``:
    not inside a longer word or number ("3" is not found in "30", "2,300" or "3.5"); -1 if nowhere."""
    if not token_md:
        return -1
    at = text_md.find(token_md, start)
    while at >= 0:
        end = at + len(token_md)
        before = text_md[at - 1] if at else ""
        after = text_md[end] if end < len(text_md) else ""
        inside = (before.isalnum() or after.isalnum() or _escaped(text_md, at)
                  or (at >= 3 and _number_goes_on(text_md, at - 2, at - 3) and token_md[0].isdigit())
                  or (_number_goes_on(text_md, end, end + 2) and token_md[-1].isdigit()))
        if not inside:
            return at
        at = text_md.find(token_md, at + 1)
    return -1


def sentence_links(text_md: str, uses, link, anchor_id: str = "") -> str:
    """A computed sentence of the prose (escaped Markdown) with each value it uses a link to that value's entry.

    Parameters
    ----------
    text_md : str
        The sentence, escaped.
    uses : iterable of (str, str)
        The values the sentence shows, in the order it shows them: each value's name and its recorded text, escaped.
        Each is looked for as a whole token (:func:`whole_token_at`) after the previous one found; one not found
        (a variant of the sentence that does not show it) is not linked.
    link : callable
        ``link(name, text_md)``: the Markdown of the value ``name`` shown as ``text_md`` (a link to its entry, the
        first time with the id the entry links back to: ``research.report.convert.Catalogue.link``).
    anchor_id : str, optional
        The id the sentence's own entry links back to, put at the sentence's start as an empty span (the first
        place it is shown; so every sentence's entry has its way back, whether the sentence shows a number or not).

    Returns
    -------
    str
    """
    parts, done = [f"[]{{#{anchor_id}}}"] if anchor_id else [], 0
    for name, token_md, at in found_in(text_md, uses):
        parts += [text_md[done:at], link(name, token_md)]
        done = at + len(token_md)
    return "".join(parts) + text_md[done:]


def found_in(text_md: str, uses):
    """The values of ``uses`` (name, escaped text) that ``text_md`` shows, as (name, text, where), each looked for
    as a whole token after the previous one found (:func:`sentence_links`)."""
    done = 0
    for name, token_md in uses:
        at = whole_token_at(text_md, token_md, done)
        if at >= 0:
            yield name, token_md, at
            done = at + len(token_md)


def cell_link(text_md: str, trace, target: str = "") -> str:
    """A table cell (already escaped Markdown) as a link to its row's entry (in the file ``target``, or here)."""
    from research.report.trace import summary

    return f'[{text_md}]({target}#{anchor(trace.name)} "{_title(summary(trace))}"){{.traced}}'


def _sources(text: str, bib_keys: set, cited: list) -> str:
    keys = [k.strip() for k in str(text).split(";") if k.strip()]
    if keys and all(k in bib_keys for k in keys):
        cited += keys
        return "[" + "; ".join(f"@{k}" for k in keys) + "]"
    return _cite_named(escape(text), bib_keys, cited) if text else "-"


def _cite_named(text_md: str, bib_keys: set, cited: list) -> str:
    """Escaped text (a locator, a basis) with every references.bib key it names as a citation: a key is never
    printed as a word (the author-date reference is, and the reference list holds the work)."""
    def cite(match):
        key = match.group(0).replace("\\", "")
        if key not in bib_keys:
            return match.group(0)
        cited.append(key)
        return f"@{key}"

    return _WORD.sub(cite, text_md)


# a word, with the escaped inner punctuation a key may have (lrwc-2020 is escaped to lrwc\-2020)
_WORD = re.compile(r"(?<![\\\w@])[A-Za-z0-9]+(?:\\[-_:.][A-Za-z0-9]+)*(?!\w)")


REPORT_TABLE_ROWS = 500  # rows a table shows in the report; its CSV keeps every row (the shipped tables have 22 at most)
TRACE_ROWS = 500  # rows an entry lists (the shipped data's longest trace has 160); `research explain` lists all


def _row_link(ref: str) -> str:
    return f"[{escape(ref)}](#{row_anchor(ref)})"


def _file(document: str | None) -> str:
    """From the supplement (where the entries are), what goes before ``#`` to reach ``document``."""
    return "paper.html" if document in (None, "paper") else ""


def _entry(trace, used: dict, labels: dict, placement: dict, traces: dict) -> str:
    if trace.kind == "table row":
        # the link back reads the table's number, as every cross-reference does
        table = f"{_file(placement.get(trace.table))}#{trace.table}"
        head = (f"[]{{#{anchor(trace.name)}}}**[{escape(labels.get(trace.table, trace.table))}]({table}), "
                f"row {trace.row}**")
    else:
        back = (f" ([back to the text]({_file(used[trace.name])}#{use_anchor(trace.name)}))"
                if trace.name in used else "")
        head = f"[]{{#{anchor(trace.name)}}}**{escape(trace.name)}** = {escape(trace.text)}{back}"
        uses = [(name, escape(traces[name].text)) for name in trace.uses if name in traces]
        shown = [f"[{escape(name)}](#{anchor(name)})"
                 for name in dict.fromkeys(name for name, _, _ in found_in(escape(trace.text), uses))]
        if shown:
            head += "  \nvalues shown: " + ", ".join(shown)
    # A code span shows its text literally, so the function's dotted name goes in unescaped (it holds no backtick).
    function = trace.function.replace("`", "") if trace.function else ""
    made = f"{escape(where(trace))}" + (f"; `{function}`" if function else "")
    if not trace.traced:
        rows = "rows not recorded by the function that computed it"
    elif not trace.rows:
        rows = "no data row counts towards it"
    else:
        rows = f"{escape(tables_of(trace.rows))}: " + ", ".join(_row_link(r) for r in trace.rows[:TRACE_ROWS])
        if len(trace.rows) > TRACE_ROWS:
            rows += escape(f", and {len(trace.rows) - TRACE_ROWS:,} more (`research explain {trace.name}` lists "
                           "every one)")
    return f"{head}  \n{made}  \n{rows}"


def appendix_markdown(traces: dict, index, bib_keys: set, used: dict, labels: dict,
                      placement: dict | None = None) -> tuple[str, list[str]]:
    """The appendix as Pandoc Markdown, and the citation keys its rows cite.

    Parameters
    ----------
    traces : dict of str to research.report.trace.Trace
        Every value, sentence and table row.
    index : research.data.rows.RowIndex
        The rows of the data the build read.
    bib_keys : set of str
        Keys of references.bib (a row's source is cited when it is one).
    used : dict of str to str
        Names of the values the prose shows, to the document of their first use ("paper" or "supplement"): the
        entry links back there.
    labels : dict of str to str
        Table labels to their numbers ("Table 3").
    placement : dict of str to str, optional
        Table labels to their document ("paper" or "supplement"); the paper when not given.
    """
    cited: list[str] = []
    lines = [HEADING, "",
             "Each number of the text and each cell of a table computed from data links here: to the value's name, "
             "the notebook and cell that recorded it, the function that computed it, and the data rows it was "
             "computed from. Each row is listed below with the source and place it rests on, its basis, and the "
             "quotation that codes the cell where the coding has one.", "",
             "### Values and table rows {#where-values .unnumbered}", ""]
    refs: dict[str, None] = {}
    for trace in traces.values():
        if trace.kind == "table row" and trace.row > REPORT_TABLE_ROWS:
            continue  # a row the report's table does not show (the CSV has it, and `research explain` its trace)
        lines += [_entry(trace, used, labels, placement or {}, traces), ""]
        refs.update(dict.fromkeys(trace.rows[:TRACE_ROWS]))
    lines += ["### Data rows {#where-rows .unnumbered}", ""]
    # One short paragraph per row, not one table of every row: laid out as a table, the few hundred rows cost the
    # PDF about ninety seconds of WeasyPrint's column sizing, as paragraphs a few.
    for ref in refs:
        info = index.describe(ref)
        what = f"[]{{#{row_anchor(ref)}}}**{escape(ref)}**" + (f" ({escape(info.label)})" if info.label else "")
        if not info.found:
            lines += [f"{what}: not in the data read.", ""]
            continue
        def named(text):
            return _cite_named(escape(text), bib_keys, cited)

        quotes = "; ".join(f"\u201c{escape(q.quote)}\u201d ({_sources(q.source, bib_keys, cited)}, {named(q.locator)})"
                           for q in info.quotes)
        parts = [f"source {_sources(info.source, bib_keys, cited)}", f"locator {named(info.locator) or '-'}",
                 f"basis {named(info.basis) or '-'}"] + ([f"quotation {quotes}"] if quotes else [])
        lines += [f"{what}: " + "; ".join(parts) + ".", ""]
    return "\n".join(lines), cited
