"""Documents shared by every app: checking uploads (size, real type, SHA-256 and SM3 digests)."""
