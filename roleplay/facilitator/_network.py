"""Finding the address phones can reach, the join link, and its QR code."""

from __future__ import annotations

import contextlib
import io
import ipaddress
import socket

DEFAULT_PORT = 8765
_UNROUTABLE = ("10.254.254.254", 1)  # never answered: connect() on UDP only picks a route


def primary_lan_address() -> str | None:
    """The address of the interface the default route uses, or None when offline.

    A UDP ``connect()`` sends no packet; it only makes the system choose a source address.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_UNROUTABLE)
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith(("0.", "127.")) else address


def candidate_addresses() -> list[str]:
    """Every IPv4 address of this machine phones might reach, the likeliest first.

    Private LAN addresses (192.168.x, 10.x, 172.16-31.x) come before others; loopback last,
    for a test on the laptop itself.
    """
    found: list[str] = []
    primary = primary_lan_address()
    if primary:
        found.append(primary)
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    unique = list(dict.fromkeys(a for a in found if not a.startswith("127.")))
    unique.sort(key=lambda a: (a != primary, not ipaddress.ip_address(a).is_private))
    return [*unique, "127.0.0.1"]


def join_url(address: str, port: int, code: str, *, teams: bool = False) -> str:
    """The link the QR code holds: the phone page with the room code filled in (and, in team
    mode, ``&teams=1`` so the page asks for the table's name)."""
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}/?room={code}" + ("&teams=1" if teams else "")


def host_url(address: str, port: int, token: str) -> str:
    """The host remote's link; the token is in the fragment, so it never reaches a server log."""
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}/host#{token}"


def qr_png(text: str, *, scale: int = 8) -> bytes:
    """A QR code of ``text`` as PNG bytes (dark on white, with a quiet zone)."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=3)
    return buffer.getvalue()
