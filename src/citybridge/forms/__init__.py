"""Survey definitions: XLSForms read through pyxform into plain typed objects."""

from citybridge.forms.load import FormError, load_xlsform
from citybridge.forms.model import Choice, Form, Question

__all__ = ["Choice", "Form", "FormError", "Question", "load_xlsform"]
