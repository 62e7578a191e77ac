"""Central warehouse API: the one inventory that stores and the group-buy channel share."""

__version__ = "0.1.0"
