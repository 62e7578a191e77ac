"""Store counter app: sell, reserve, hand over, dropship, return, print; works offline."""

__version__ = "0.1.0"
