"""Invitations of structure managers: the coordination types an e-mail address, the person receives a
one-time link (Django's password-reset token: it dies once the password is set, or after
PASSWORD_RESET_TIMEOUT) and chooses their password."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from wagtail.log_actions import log

from accounts import roles
from accounts.models import Invitation
from core.addresses import site_root_url


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Separate salt: an invitation link is not a password-reset link (and the other way round)."""

    key_salt = "accounts.invitations.InvitationTokenGenerator"


invitation_token = InvitationTokenGenerator()


@dataclass
class InvitationResult:
    user: object
    created: bool
    sent: bool  # False when the account already had a password: only the group was added


def activation_path(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:activate", kwargs={"uidb64": uidb64, "token": invitation_token.make_token(user)})


def activation_url(user, structure=None) -> str:
    return site_root_url(structure) + activation_path(user)


def user_from_uidb64(uidb64: str):
    User = get_user_model()
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        return User._default_manager.get(pk=pk)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


@transaction.atomic
def invite_structure_manager(
    *, structure, email: str, first_name: str = "", last_name: str = "", invited_by=None
) -> InvitationResult:
    """Create (or find) the account, put it in the structure's group and e-mail the activation link."""
    User = get_user_model()
    email = User._default_manager.normalize_email(email).strip().lower()
    user = User._default_manager.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(username=email[:150], email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    else:
        changed = []
        if first_name and not user.first_name:
            user.first_name = first_name
            changed.append("first_name")
        if last_name and not user.last_name:
            user.last_name = last_name
            changed.append("last_name")
        if changed:
            user.save(update_fields=changed)
    group = roles.ensure_structure_role(structure)
    user.groups.add(group)
    Invitation.objects.create(user=user, structure=structure, invited_by=invited_by)
    log(
        instance=user,
        action="accounts.invite",
        user=invited_by,
        data={"structure": structure.title, "structure_id": structure.pk, "email": email},
    )
    sent = not user.has_usable_password()
    if sent:
        _send_invitation(user, structure, invited_by)
    else:
        _send_access_granted(user, structure, invited_by)
    return InvitationResult(user=user, created=created, sent=sent)


def _context(user, structure, invited_by):
    return {
        "user": user,
        "structure": structure,
        "invited_by": invited_by,
        "activation_url": activation_url(user, structure),
        "admin_url": site_root_url(structure) + reverse("wagtailadmin_home"),
        "validity_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }


def _send_invitation(user, structure, invited_by):
    context = _context(user, structure, invited_by)
    subject = render_to_string("accounts/emails/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/emails/invitation.txt", context)
    send_mail(subject, body, None, [user.email])


def _send_access_granted(user, structure, invited_by):
    context = _context(user, structure, invited_by)
    subject = render_to_string("accounts/emails/access_granted_subject.txt", context).strip()
    body = render_to_string("accounts/emails/access_granted.txt", context)
    send_mail(subject, body, None, [user.email])


def resend(user, *, structure, invited_by) -> None:
    """A new activation link for a person who has not chosen a password yet (the old link stays valid
    until it expires: both are tokens of the same unusable password)."""
    Invitation.objects.create(user=user, structure=structure, invited_by=invited_by)
    log(instance=user, action="accounts.resend", user=invited_by)
    _send_invitation(user, structure, invited_by)


def accept(user) -> None:
    """Called once the password is set: record the acceptance and log it."""
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(accepted_at=timezone.now())
    log(instance=user, action="accounts.activate", user=user)
