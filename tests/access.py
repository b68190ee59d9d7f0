"""Who may open an organiser's page: nobody signed in, a signed-in visitor, staff."""

from django.contrib.auth.models import User

# What the organisers' pages answer to everyone but staff allowed to see them.
STAFF_ONLY = {"anonymous": "sign-in", "visitor": "sign-in", "clerk": 403}


def answers_by_visitor(client, address: str) -> dict[str, int | str]:
    """What `address` answers to nobody signed in, to a signed-in visitor who is not staff,
    and to a clerk (staff without any permission): a status code, or "sign-in" for a
    redirect to the admin's sign-in page. The clerk stays signed in afterwards."""
    users = {
        "anonymous": None,
        "visitor": User.objects.create_user("visitor", password="pw"),
        "clerk": User.objects.create_user("clerk", password="pw", is_staff=True),
    }
    answers = {}
    for who, user in users.items():
        if user is not None:
            client.force_login(user)
        response = client.get(address)
        to_sign_in = response.status_code == 302 and response["Location"].startswith(
            "/admin/login/"
        )
        answers[who] = "sign-in" if to_sign_in else response.status_code
    return answers
