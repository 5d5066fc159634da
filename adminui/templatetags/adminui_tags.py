"""Addresses of the site an object belongs to, for the links of the notification e-mails."""

from django import template

from core.addresses import public_page_url, site_root_url

register = template.Library()


@register.simple_tag
def site_base_url(obj=None):
    return site_root_url(obj)


@register.simple_tag
def public_url(page):
    return public_page_url(page)
