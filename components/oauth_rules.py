"""Rules across the OAuth settings: scopes against the resource servers, machine-to-machine
clients, the custom domain's certificate, and managed login with its branding.

Registered with the other cross-field rules (cross_field_rules.reads); validation imports
this module so that they run. Every message names every key involved.
"""

from collections.abc import Iterator

from . import limits
from .args import CLIENT
from .cross_field_rules import reads
from .inputs import is_output
from .resource_servers import defined_scopes
from .rules import show
from .settings import filled

_USER_FLOWS = set(limits.USER_OAUTH_FLOWS)
_MACHINE = limits.MACHINE_OAUTH_FLOW
_CERTIFICATE, _ZONE = "custom_domain_certificate_arn", "custom_domain_hosted_zone_id"
_DOMAINS = ("domain_prefix", "custom_domain")


def _given(value) -> bool:
    # An Output may turn out empty, but a guard must not count on that.
    return is_output(value) or bool(value)


def _clients(v) -> Iterator[tuple[str, dict, dict]]:
    """Each client's name, what the stack gave for it, and its settings with defaults."""
    for name, given in v["clients"].items():
        yield name, given, filled(CLIENT, given)


@reads("clients", "resource_servers")
def client_scopes_are_known(v):
    """Cognito refuses a scope that is neither standard nor `<identifier>/<scope>` of one of
    the pool's resource servers."""
    defined = defined_scopes(v["resource_servers"])
    listed = show(sorted(defined)) if defined else "none defined"
    for name, _, spec in _clients(v):
        unknown = [
            scope
            for scope in spec["oauth_scopes"]
            if scope not in limits.STANDARD_SCOPES and scope not in defined
        ]
        if unknown:
            yield (
                f"{v.nested('clients', name, 'oauth_scopes')} has {show(unknown)}: a scope must "
                f"be a standard one ({', '.join(limits.STANDARD_SCOPES)}) or <identifier>/<scope> "
                f"of one of {v.key('resource_servers')} ({listed})"
            )


@reads("clients", "resource_servers")
def machine_clients_are_confidential(v):
    """client_credentials: a client with a secret, granted resource-server scopes, and no
    user's grant beside it (Cognito refuses code or implicit on the same client)."""
    defined = defined_scopes(v["resource_servers"])
    for name, given, spec in _clients(v):
        flows = set(spec["oauth_flows"])
        if _MACHINE not in flows:
            continue
        at = lambda field, name=name: v.nested("clients", name, field)  # noqa: E731
        if spec["public"]:
            yield (
                f"{at('oauth_flows')} has client_credentials, which needs a confidential client: "
                f"set {at('public')} to false (the client gets a secret, exported as a Pulumi "
                "secret)"
            )
        users = sorted(flows & _USER_FLOWS)
        if users:
            yield (
                f"{at('oauth_flows')} mixes client_credentials with {', '.join(users)}: Cognito "
                "takes a machine's grant or users' grants on one client, not both; give each a "
                "client of its own"
            )
        scopes = spec["oauth_scopes"]
        if scopes and not any(scope in defined for scope in scopes):
            yield (
                f"{at('oauth_flows')} has client_credentials but {at('oauth_scopes')} has no scope "
                f"of {v.key('resource_servers')}: a machine's token carries only "
                "<identifier>/<scope> scopes"
            )
        if users:
            continue
        standard = [scope for scope in scopes if scope in limits.STANDARD_SCOPES]
        if standard:
            yield (
                f"{at('oauth_scopes')} has {show(standard)}, which a machine's token never "
                "carries (no user signs in through client_credentials): remove them"
            )
        if spec["callback_urls"] or spec["logout_urls"]:
            yield (
                f"{v.nested('clients', name)} has callback or logout URLs but "
                f"{at('oauth_flows')} is client_credentials alone: they would have no effect"
            )
        signing_in = sorted(set(given.get("auth_flows", ())) - set(limits.MACHINE_AUTH_FLOWS))
        if signing_in:
            yield (
                f"{at('auth_flows')} has {', '.join(signing_in)}, but a client_credentials client "
                f"signs no user in: leave {at('auth_flows')} out (it then has only "
                f"{', '.join(limits.MACHINE_AUTH_FLOWS)})"
            )


@reads("resource_servers")
def resource_servers_fit_in_a_pool(v):
    servers = v["resource_servers"]
    if len(servers) > limits.MAX_RESOURCE_SERVERS:
        yield (
            f"{v.key('resource_servers')} has {len(servers)} entries; a pool holds at most "
            f"{limits.MAX_RESOURCE_SERVERS}"
        )
    first: dict[str, str] = {}
    for name, spec in servers.items():
        identifier = spec["identifier"]
        if identifier in first:
            yield (
                f"{v.nested('resource_servers', name, 'identifier')} is {show(identifier)}, "
                f"the identifier of {v.nested('resource_servers', first[identifier])} too: "
                "each resource server needs its own"
            )
        first.setdefault(identifier, name)


@reads("custom_domain", _CERTIFICATE, _ZONE, late=(_CERTIFICATE, _ZONE))
def custom_domain_has_one_certificate(v):
    certificate, zone = _given(v[_CERTIFICATE]), _given(v[_ZONE])
    if not v["custom_domain"]:
        # Only a known value is surely set for nothing: an Output may well be empty.
        for field in (f for f in (_CERTIFICATE, _ZONE) if v[f] and not is_output(v[f])):
            yield (
                f"{v.key(field)} is set but {v.key('custom_domain')} is empty: it would have "
                "no effect"
            )
    elif certificate and zone:
        yield (
            f"{v.key(_CERTIFICATE)} and {v.key(_ZONE)} are both set: give the ARN of an issued "
            "certificate, or the hosted zone to create and validate one in"
        )
    elif not certificate and not zone:
        yield (
            f"{v.key('custom_domain')} is {show(v['custom_domain'])}, which needs "
            f"{v.key(_CERTIFICATE)} (an ACM certificate in {limits.CERTIFICATE_REGION}) or "
            f"{v.key(_ZONE)} (a Route 53 hosted zone to create and validate one in)"
        )


@reads("managed_login_version", *_DOMAINS)
def managed_login_needs_a_domain(v):
    if v["managed_login_version"] == 2 and not any(v[d] for d in _DOMAINS):
        yield (
            f"{v.key('managed_login_version')} is 2 but neither {v.key('domain_prefix')} nor "
            f"{v.key('custom_domain')} is set: managed login is served on a domain"
        )


@reads("managed_login_version", "user_pool_tier")
def managed_login_needs_essentials(v):
    if (
        v["managed_login_version"] == 2
        and v["user_pool_tier"] not in limits.MANAGED_LOGIN_NEEDS_TIER
    ):
        yield (
            f"{v.key('managed_login_version')} is 2 (managed login), which needs "
            f'{v.key("user_pool_tier")} "ESSENTIALS" or "PLUS", not {show(v["user_pool_tier"])}'
        )


@reads("managed_login_version", "clients", *_DOMAINS)
def managed_login_clients_have_a_style(v):
    """On version 2 a client has no sign-in pages until it has a branding style, which the
    API (unlike the console) never assigns by itself; a style does nothing elsewhere."""
    version = v["managed_login_version"]
    on_a_domain = any(v[d] for d in _DOMAINS)
    for name, _, spec in _clients(v):
        at = lambda field, name=name: v.nested("clients", name, field)  # noqa: E731
        hosted = sorted(set(spec["oauth_flows"]) & _USER_FLOWS)
        style = spec["managed_login_branding"]
        if style and version != 2:
            yield (
                f"{at('managed_login_branding')} is set, but {v.key('managed_login_version')} is "
                f"{version}: a branding style styles managed login (2), not the classic hosted UI"
            )
        elif style and not hosted:
            yield (
                f"{at('managed_login_branding')} is set, but {at('oauth_flows')} has neither code "
                "nor implicit: the client shows no sign-in pages to style"
            )
        elif version == 2 and hosted and not style and on_a_domain:
            yield (
                f"{at('oauth_flows')} has {', '.join(hosted)} on managed login "
                f"({v.key('managed_login_version')} 2), which shows a client no pages until it "
                f'has a style: set {at("managed_login_branding")} to "{limits.BRANDING_DEFAULT}" '
                "(Cognito's default) or a settings file"
            )
