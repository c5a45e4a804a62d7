"""The platform helpers every app stands on: one small module per concern, importing no app.

`http` (streaming private files), `limits` (rate limits and the per-user allowances), `storage`
(private file storage, local or S3), `uploads` (the upload size guard), `cache` (the database cache
with an atomic `incr`, the Redis cache wrapper), `staticstorage` (hashed static files), `prompts`
(untrusted text delimited inside a model's prompt). Apps build on these; these never import
`accounts`, `resumes`, `interviews` or `saylo` (an import-linter contract holds it).
"""
