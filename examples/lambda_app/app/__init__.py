"""Order-processing Lambda example (deliberately un-optimised imports)."""
