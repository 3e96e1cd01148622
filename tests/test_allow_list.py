"""Who the allow-list admits is written twice, once in each handler that checks it (each
ships as one file, standard library only): the two copies must be the same text, or sign-up
and sign-in could disagree about one address."""

import re
from pathlib import Path

import pytest

from functions import pre_sign_up, pre_token_generation

FUNCTIONS = Path(__file__).resolve().parent.parent / "functions"
BLOCK = re.compile(r"# --- Who the allow-list admits.*?# --- end of the allow-list\n", re.S)


def _block(module: str) -> str:
    (found,) = BLOCK.findall((FUNCTIONS / f"{module}.py").read_text())
    return found


def test_both_handlers_hold_the_same_allow_list_text():
    assert _block("pre_sign_up") == _block("pre_token_generation")


@pytest.mark.parametrize(
    ("email", "domain"),
    [
        ("ann@example.com", "example.com"),
        ("Ann@Example.COM", "example.com"),
        ('"a@b"@example.com', "example.com"),
        ('""@example.com', "example.com"),
        ("a@evil.test,b@example.com", None),
        ("a@evil.test <b@example.com>", None),
        ("a@evil.test (b@example.com", None),
        ("a@b@example.com", None),
        ("a b@example.com", None),
        ("a@example.com ", None),
        ('"a"b"@example.com', None),
        ("@example.com", None),
        ("a@", None),
        ("example.com", None),
        (None, None),
        (["a@example.com"], None),
    ],
)
def test_one_address_has_one_domain(email, domain):
    assert pre_sign_up.address_domain(email) == domain
    assert pre_token_generation.address_domain(email) == domain


@pytest.mark.parametrize(
    ("domain", "allowed"),
    [
        ("example.com", True),
        ("sub.example.com", False),
        ("team.corp.example.org", True),
        ("corp.example.org", False),
        ("evilcorp.example.org", False),
        ("example.com.evil.test", False),
        (None, False),
    ],
)
def test_exact_domains_and_star_dot_subdomains(domain, allowed):
    listed = frozenset({"example.com", "*.corp.example.org"})
    assert pre_sign_up.domain_allowed(domain, listed) is allowed
    assert pre_token_generation.domain_allowed(domain, listed) is allowed
    assert pre_sign_up.domain_allowed(domain, frozenset()) is True  # no list: anyone
