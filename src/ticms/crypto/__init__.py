"""Personal data at rest: SM4 (GB/T 32907-2016) encryption with key ids, masking, and digests for the audit log.

- `keys`: the data keys from the environment (`TICMS_DATA_KEY`, older ones in `TICMS_DATA_KEYS_OLD`).
- `sm4`: sealing and opening one value (SM4-GCM), the key id stored beside it so rotation works.
- `fields`: the model fields that store phone numbers and e-mail addresses sealed.
- `masking`: 138****1234 for pages and APIs that do not need the full value, and the keyed SM3 reference the
  audit log keeps instead of a value.
"""
