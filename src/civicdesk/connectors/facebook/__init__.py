"""Facebook: Graph API pages and the "Download Your Information" export. See `Adapter`."""

from civicdesk.connectors.facebook.adapter import FacebookAdapter

__all__ = ["FacebookAdapter"]
