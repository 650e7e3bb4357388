from django import template
from django.utils.html import format_html

from newsroom.renditions import renditions_for

register = template.Library()


def srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)


@register.simple_tag
def picture(image_field, alt, sizes="(max-width: 40rem) 100vw, 40rem", css_class=""):
    """A responsive <picture>: WebP first, a JPEG or PNG fallback, width and height set."""
    found = renditions_for(image_field)
    if found is None:
        return ""
    default = found.default
    return format_html(
        '<picture{}><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="lazy" decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        srcset(found.webp),
        sizes,
        default.url,
        srcset(found.fallback),
        sizes,
        default.width,
        default.height,
        alt,
    )
