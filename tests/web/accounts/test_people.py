"""Creating users with roles (citybridge createuser)."""

from __future__ import annotations

import pytest

from citybridge.web.accounts.people import PeopleError, create_user


def test_an_organiser_is_created_with_a_new_organisation(db):
    user = create_user("olga", "a-long-test-password-42", organisation="UNDP Uzbekistan", role="organiser")
    membership = user.memberships.get()
    assert (membership.organisation.slug, membership.role) == ("undp-uzbekistan", "organiser")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"organisation": "x", "role": "boss"}, "role 'boss'"),
        ({"organisation": "x", "role": "partner"}, "needs --partner-city"),
        ({"admin": True, "password": "123"}, "password:"),
    ],
)
def test_a_user_that_cannot_be_created_leaves_nothing_behind(db, kwargs, message):
    from django.contrib.auth import get_user_model

    password = kwargs.pop("password", "a-long-test-password-42")
    with pytest.raises(PeopleError, match=message):
        create_user("someone", password, **kwargs)
    assert not get_user_model().objects.filter(username="someone").exists()


def test_the_same_name_twice_is_refused(db):
    create_user("admin", "a-long-test-password-42", admin=True)
    with pytest.raises(PeopleError, match="exists already"):
        create_user("admin", "a-long-test-password-42", admin=True)
