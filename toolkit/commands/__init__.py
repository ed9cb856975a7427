"""Sub-commands of ``python -m toolkit``, one module per area.

Each module defines ``register(subparsers)``, which adds its sub-command(s)
with ``set_defaults(func=handler)``; ``handler(args)`` returns the exit status.
"""
