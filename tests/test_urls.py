"""Passwords never leak; poolers are recognised."""

import pytest

from pgshift.urls import is_pooled, mask_url


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("postgresql://app:hunter2@db.example.com:5432/app", "hunter2"),
        ("connection to postgres://u:p%40ss@h/db failed", "p%40ss"),
        ("host=h user=u password=hunter2 dbname=d", "hunter2"),
        ("host=h password='a b' dbname=d", "a b"),
        ("postgresql://h/db?user=u&password=hunter2&sslmode=require", "hunter2"),
    ],
)
def test_mask_url_hides_passwords(text: str, secret: str):
    masked = mask_url(text)
    assert secret not in masked
    assert "***" in masked


def test_mask_url_leaves_passwordless_urls():
    assert mask_url("postgresql://postgres@127.0.0.1:5432/x") == "postgresql://postgres@127.0.0.1:5432/x"


def test_pooled_hosts():
    assert is_pooled("postgresql://u:p@ep-cool-123-pooler.eu-central-1.aws.neon.tech/db")
    assert is_pooled("postgresql://u@h:6543/db")
    assert not is_pooled("postgresql://u@ep-cool-123.eu-central-1.aws.neon.tech/db")
