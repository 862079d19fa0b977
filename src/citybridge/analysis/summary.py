"""One short, language-neutral line per indicator, for terminals and logs."""

from __future__ import annotations

from citybridge.analysis.indicators import MULTIPLE, NUMBER, SCALE, TEXT, YESNO, Indicator


def headline(indicator: Indicator) -> str:
    """E.g. "positive 94% (49/52)", "yes 62% (32/52)", "mean 41.4, median 38 (n=50)"."""
    if indicator.base == 0:
        return "no answers"
    if indicator.kind == SCALE and indicator.positive:
        p = indicator.positive
        return f"positive {p.share:.0%} ({p.count}/{p.base}); top box {indicator.top_box.share:.0%}"
    if indicator.kind == YESNO and indicator.yes:
        return f"yes {indicator.yes.share:.0%} ({indicator.yes.count}/{indicator.yes.base})"
    if indicator.kind == NUMBER and indicator.summary:
        s = indicator.summary
        return f"mean {s.mean:,.1f}, median {s.median:,.0f} (n={s.n})"
    if indicator.kind == TEXT:
        tags = ", ".join(f"{o.label} {o.count}" for o in indicator.options[:3])
        return f"{indicator.base} answers" + (f"; {tags}" if tags else "")
    ranked = indicator.options if indicator.kind == MULTIPLE else sorted(indicator.options, key=lambda o: -o.count)
    return "; ".join(f"{o.label} {o.count} ({o.share:.0%})" for o in ranked[:3])
