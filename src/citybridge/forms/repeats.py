"""What a reader of one row per submission does with a form that has repeats: refuse it.

A form with repeats loads whole (its repeat questions carry the repeat's path); its instances
come in their own tables, read by ``citybridge.submissions.linked`` and stored by
``citybridge import``. A flat reader would lose them, so it refuses such a form in one line.
"""

from __future__ import annotations

from citybridge.forms.load import FormError
from citybridge.forms.model import Form


def refuse_unstored_repeats(form: Form, source: str) -> None:
    """Raise :class:`FormError` naming the first repeat when ``form`` has any."""
    if not form.repeats:
        return
    count = sum(1 for q in form.questions if q.repeat is not None)
    raise FormError(
        f"{source}: repeat '{form.repeats[0]}' ({count} question(s) answered once per instance): a form "
        "with repeats is read from an ODK Central CSV ZIP, a KoboToolbox XLSX with one sheet per "
        "repeat or KoboToolbox's JSON, by 'citybridge import'; this reader takes one row per submission."
    )
