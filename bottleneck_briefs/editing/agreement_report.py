"""`agreement NAME` as the editors read it: a terminal table, CSV or JSON of a coding comparison.

The table gives per code the statements compared, how many each coding gave
the code, how many were coded alike and Cohen's kappa; a kappa that cannot be
computed says why. Then the means, Krippendorff's alpha of the theme sets,
and every statement the codings differ on, with both codings and the remark,
for the editors to settle. CSV holds the per-code table (one row per code),
JSON all of it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap

from bottleneck_briefs.basics.printable import printable
from bottleneck_briefs.corpus.coding_comparison import THEMES, CodedValues, CodeRow, Comparison

FORMATS = ("text", "csv", "json")
UNDEFINED = "n/a"


def _number(value: float | None, digits: int = 2) -> str:
    return UNDEFINED if value is None else f"{value:.{digits}f}"


def _group_name(group: str) -> str:
    return "Themes" if group == THEMES else f"Facet {group}"


def _row_line(row: CodeRow, width: int) -> str:
    table = row.agreement
    share = table.share_alike
    kappa = _number(table.kappa) if table.undefined is None else f"{UNDEFINED} ({table.undefined})"
    return (
        f"  {row.slug:<{width}}  {table.first_count:>6}  {table.second_count:>6}  {table.both:>6}  "
        f"{_number(None if share is None else share * 100, 1):>6}%  {kappa}"
    )


def _mean_line(comparison: Comparison, group: str | None, what: str) -> str:
    rows = comparison.codes if group is None else comparison.rows(group)
    undefined = sum(1 for row in rows if row.agreement.kappa is None)
    note = f" (leaving out {undefined} code{'s' if undefined != 1 else ''} without a kappa)" if undefined else ""
    return f"  mean kappa of {what}: {_number(comparison.mean_kappa(group))}{note}"


def _values_line(values: CodedValues) -> str:
    parts = [f"{group}: {', '.join(slugs)}" for group, slugs in values.groups().items() if slugs]
    return "; ".join(parts) or "nothing"


def _fill(text: str, width: int, label: str) -> str:
    """`label` and the text, wrapped under itself (most lines fit: textwrap only for those that do not)."""
    if len(label) + len(text) <= width and "\n" not in text:
        return label + text
    return textwrap.fill(text, width, initial_indent=label, subsequent_indent=" " * len(label))


def text_report(comparison: Comparison) -> str:
    width = max([len(row.slug) for row in comparison.codes] + [4])
    total = comparison.corpus_count
    compared = len(comparison.compared)
    left_out = (
        f"; left out (not counted): {len(comparison.left_out)}: {', '.join(comparison.left_out)}"
        if comparison.left_out
        else ""
    )
    lines = [
        f"Coding '{comparison.name}' ({printable(comparison.coder)}, {comparison.date}) "
        "compared with the corpus's coding",
        f"{compared} of {total} statements coded by both{left_out}",
        "",
    ]
    header = f"  {'code':<{width}}  {'corpus':>6}  {'second':>6}  {'both':>6}  {'alike':>7}  kappa"
    for group in comparison.groups:
        lines += [f"{_group_name(group)} ({compared} statements each)", header]
        lines += [_row_line(row, width) for row in comparison.rows(group)]
        lines.append(_mean_line(comparison, group, "the themes" if group == THEMES else group))
        if group == THEMES:
            lines.append(f"  Krippendorff's alpha of the theme sets (MASI distance): {_number(comparison.theme_alpha)}")
        lines.append("")
    lines += [_mean_line(comparison, None, "all codes").strip(), ""]
    differences = comparison.differences
    lines.append(f"Statements coded differently: {len(differences)}" + (" (to settle)" if differences else ""))
    wrap = min(shutil.get_terminal_size((100, 24)).columns, 120) - 1
    for difference in differences:
        lines += [
            "",
            difference.id,
            _fill(_values_line(difference.first), wrap, "  corpus: "),
            _fill(_values_line(difference.second), wrap, "  second: "),
        ]
        if difference.remark:
            lines.append(_fill(printable(difference.remark), wrap, "  remark: "))
    return "\n".join(lines)


CSV_HEADER = (
    "group",
    "code",
    "label",
    "statements",
    "corpus",
    "second",
    "both",
    "corpus_only",
    "second_only",
    "neither",
    "share_alike",
    "kappa",
    "kappa_undefined",
)


def csv_report(comparison: Comparison) -> str:
    """One row per code; kappa empty and kappa_undefined saying why when it cannot be computed."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in comparison.codes:
        table = row.agreement
        writer.writerow(
            [
                row.group,
                row.slug,
                row.label,
                table.units,
                table.first_count,
                table.second_count,
                table.both,
                table.first_only,
                table.second_only,
                table.neither,
                "" if table.share_alike is None else f"{table.share_alike:.4f}",
                "" if table.kappa is None else f"{table.kappa:.4f}",
                table.undefined or "",
            ]
        )
    return text.getvalue()


def json_report(comparison: Comparison) -> str:
    def code(row: CodeRow) -> dict:
        table = row.agreement
        return {
            "group": row.group,
            "code": row.slug,
            "label": row.label,
            "statements": table.units,
            "corpus": table.first_count,
            "second": table.second_count,
            "both": table.both,
            "corpus_only": table.first_only,
            "second_only": table.second_only,
            "neither": table.neither,
            "share_alike": table.share_alike,
            "kappa": table.kappa,
            "kappa_undefined": table.undefined,
        }

    data = {
        "coding": comparison.name,
        "coder": comparison.coder,
        "date": comparison.date,
        "statements_in_corpus": comparison.corpus_count,
        "statements_compared": len(comparison.compared),
        "left_out": list(comparison.left_out),
        "codes": [code(row) for row in comparison.codes],
        "mean_kappa": {
            "all": comparison.mean_kappa(),
            **{group: comparison.mean_kappa(group) for group in comparison.groups},
        },
        "theme_alpha_masi": comparison.theme_alpha,
        "differences": [
            {
                "id": difference.id,
                "corpus": difference.first.groups(),
                "second": difference.second.groups(),
                "remark": difference.remark,
            }
            for difference in comparison.differences
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def agreement_report(comparison: Comparison, output_format: str) -> str:
    return {"text": text_report, "csv": csv_report, "json": json_report}[output_format](comparison)
