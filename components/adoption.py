"""Adopting an existing user pool (and its app clients) with Pulumi's import.

`importUserPoolId` gives the pool `ResourceOptions(import_=<id>)`: the engine reads the
pool, then updates it to what the settings say, in the same `pulumi up`. CLI 3.274.1 does
not refuse an import whose inputs differ (older CLIs did): a difference in a property that
replaces the pool would delete it, every user with it, and make a new one. So before
anything registers, the pool is read (the provider's getUserPool) and the settings that
replace it, or that Cognito refuses to change, are compared with what it is; a mismatch is
one sentence naming the setting, the value the pool has, and what to write. The adopted
pool is also protected (Pulumi's `protect`), so a difference the data source cannot show
(case sensitivity, alias attributes) is refused by the engine at preview rather than done.
"""

from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from .attributes import schema_entries
from .naming import Naming
from .rules import show


def pool_options(v: Mapping, base: pulumi.ResourceOptions) -> pulumi.ResourceOptions:
    """The pool's options: imported and protected when adopting, else `base`."""
    if not v["import_user_pool_id"]:
        return base
    return pulumi.ResourceOptions.merge(
        base,
        pulumi.ResourceOptions(
            import_=v["import_user_pool_id"], protect=True, retain_on_delete=True
        ),
    )


def client_options(v: Mapping, client: Mapping, base: pulumi.ResourceOptions):
    """A client's options: imported by `<pool id>/<client id>` when it adopts one."""
    if not client.get("import_id"):
        return base
    return pulumi.ResourceOptions.merge(
        base, pulumi.ResourceOptions(import_=f"{v['import_user_pool_id']}/{client['import_id']}")
    )


def _read(function, **args):
    """An invoke's result, or the one line of why it failed."""
    try:
        return function(**args), None
    except Exception as error:  # the engine's error for a missing pool or a refused call
        text = " ".join(str(error).split())
        return None, text[:300]


def _custom_attributes(pool) -> dict[str, dict]:
    """The pool's custom attributes as the component writes them (schema_entries' shape)."""
    found = {}
    for attribute in pool.schema_attributes or []:
        name = attribute.name or ""
        if not name.startswith("custom:"):
            continue
        entry = {
            "name": name.removeprefix("custom:"),
            "attribute_data_type": attribute.attribute_data_type,
            "mutable": bool(attribute.mutable),
            "developer_only_attribute": bool(attribute.developer_only_attribute),
            "required": bool(attribute.required),
        }
        strings = (attribute.string_attribute_constraints or [None])[0]
        if attribute.attribute_data_type == "String" and strings is not None:
            entry["string_attribute_constraints"] = {
                "min_length": str(strings.min_length), "max_length": str(strings.max_length)
            }  # fmt: skip
        numbers = (attribute.number_attribute_constraints or [None])[0]
        if attribute.attribute_data_type == "Number":
            entry["number_attribute_constraints"] = {
                field: str(value)
                for field, value in (
                    ("min_value", getattr(numbers, "min_value", None)),
                    ("max_value", getattr(numbers, "max_value", None)),
                )
                if value not in (None, "")
            }
        found[entry["name"]] = entry
    return found


def adoption_problems(v: Mapping, naming: Naming, pool_name: str) -> list[str]:
    """What keeps the settings from describing the pool `importUserPoolId` names, one
    sentence each; empty when they match (or nothing is adopted). `pool_name` is the name
    the pool would get."""
    pool_id = v["import_user_pool_id"]
    if not pool_id:
        return []
    where = f"{naming.key('import_user_pool_id')} ({pool_id})"
    pool, failure = _read(aws.cognito.get_user_pool, user_pool_id=pool_id)
    if pool is None:
        return [f"{where}: the pool cannot be read, so it cannot be adopted: {failure}"]
    problems = []
    if pool.name != pool_name:
        given = (
            f"is {show(pool_name)}"
            if v["user_pool_name"]
            else f"is not set, so the pool would be named {show(pool_name)}"
        )
        problems.append(
            f"{naming.key('user_pool_name')} {given}, but the pool of {where} is named "
            f"{show(pool.name)}: set it to {show(pool.name)} (a name change would replace "
            "the pool and delete its users)"
        )
    has = sorted(pool.username_attributes or [])
    if sorted(v["username_attributes"]) != has:
        problems.append(
            f"{naming.key('username_attributes')} is {show(list(v['username_attributes']))}, "
            f"but the pool of {where} has {show(has)}: set it to {show(has)} (Cognito cannot "
            "change it; the pool would be replaced and its users deleted)"
        )
    ours = {entry["name"]: entry for entry in schema_entries(v["custom_attributes"])}
    for name, entry in _custom_attributes(pool).items():
        if name not in ours:
            problems.append(
                f"{naming.key('custom_attributes')} has no {show(name)}, but the pool of {where} "
                f"has custom:{name} ({entry['attribute_data_type']}): add it as it is (Cognito "
                "never removes an attribute)"
            )
        elif ours[name] != entry:
            problems.append(
                f"{naming.nested('custom_attributes', name)} is {show(_shown(ours[name]))}, but "
                f"the pool of {where} has {show(_shown(entry))}: write it as the pool has it "
                "(Cognito never changes an attribute)"
            )
    for client, spec in v["clients"].items():
        client_id = spec.get("import_id")
        if not client_id:
            continue
        at = naming.nested("clients", client, "import_id")
        found, failure = _read(
            aws.cognito.get_user_pool_client, client_id=client_id, user_pool_id=pool_id
        )
        if found is None:
            problems.append(f"{at} is {show(client_id)}, a client that cannot be read: {failure}")
            continue
        public = spec.get("public", True)
        if public == bool(found.client_secret):
            has_secret = "has a secret" if found.client_secret else "has no secret"
            problems.append(
                f"{naming.nested('clients', client, 'public')} is {show(public)}, but the client "
                f"{client_id} {has_secret}: set it to {show(not public)} (a change would "
                "replace the client and give it a new id)"
            )
    return problems


def _shown(entry: dict) -> dict:
    """An attribute as a stack file writes it."""
    shown = {"type": entry["attribute_data_type"], "mutable": entry["mutable"]}
    for constraints in ("string_attribute_constraints", "number_attribute_constraints"):
        for field, value in (entry.get(constraints) or {}).items():
            shown["".join(w.title() if i else w for i, w in enumerate(field.split("_")))] = value
    return shown
