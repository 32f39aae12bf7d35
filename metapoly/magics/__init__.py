"""metapoly's magics, one per module (``<name>_magic.py``), found and loaded by MetaKernel.

Each magic method's docstring is its ``%help`` text, with an example.
"""
