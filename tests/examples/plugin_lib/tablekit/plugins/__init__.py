"""Optional readers and writers; each adds its methods to Table when imported."""
