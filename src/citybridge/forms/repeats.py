"""What the rest of citybridge may do with a form's repeats yet.

A form with repeats loads whole (its repeat questions carry the repeat's path) and its instances
are read, validated and exported as linked tables by ``citybridge.submissions.linked``. The store
and the flat importers do not keep repeat instances yet, so they refuse such a form in one line
rather than drop its instances.
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
        f"{source}: repeat '{form.repeats[0]}' ({count} question(s) answered once per instance): repeat "
        "answers cannot be stored or imported one row per submission yet; move its questions out of the "
        "repeat or split the form."
    )
