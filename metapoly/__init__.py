"""metapoly: a Jupyter kernel in which Python and Julia cells share one process and its memory."""

__version__ = "0.1.0"
