"""Custom attributes as user pool schema entries.

Every constraint is written out, with the values Cognito would otherwise fill in, so the
provider sees no difference between what was asked and what exists (no perpetual diff).
Cognito can add attributes but never change or remove one.
"""

from . import limits
from .args import ATTRIBUTE
from .settings import filled


def schema_entries(custom_attributes: dict) -> list[dict]:
    entries = []
    for name, given in custom_attributes.items():
        spec = filled(ATTRIBUTE, given)
        entry = {
            "name": name,
            "attribute_data_type": spec["type"],
            "mutable": spec["mutable"],
            "developer_only_attribute": False,
            "required": False,  # Cognito refuses required custom attributes
        }
        if spec["type"] == "String":
            low, high = limits.STRING_ATTRIBUTE_LENGTH
            entry["string_attribute_constraints"] = {
                "min_length": str(spec.get("min_length", low)),
                "max_length": str(spec.get("max_length", high)),
            }
        if spec["type"] == "Number":
            entry["number_attribute_constraints"] = {
                field: str(spec[field]) for field in ("min_value", "max_value") if field in spec
            }
        entries.append(entry)
    return entries
