"""Repeated wrong passwords lock the account out of the admin login, from that address."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, password):
    return client.post(LOGIN, {"username": "dana", "password": password})


def test_five_wrong_passwords_lock_the_account_even_with_the_right_one(client):
    User.objects.create_user("dana", password="the-right-one-1", is_staff=True)
    for _ in range(4):
        assert attempt(client, "guess").status_code == 200  # the form again, with its error

    locked = attempt(client, "guess")
    assert locked.status_code == 429
    assert attempt(client, "the-right-one-1").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_resets_the_count(client):
    User.objects.create_user("dana", password="the-right-one-1", is_staff=True)
    for _ in range(3):
        attempt(client, "guess")
    assert attempt(client, "the-right-one-1").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "guess").status_code == 200
