"""The platform helpers every app stands on: one small module per concern, importing no app.

`http` (streaming private files), `limits` (rate limits and the per-user allowances, in their own
cache alias), `ids` (numbers from requests, ASCII digits only), `jsonbody` (JSON request bodies a
database can store), `storage` (private file storage, local or S3), `uploads` (the upload size
guard), `cache` (the database cache with an atomic `incr`), `logredact` (secrets kept out of logs
and Sentry), `middleware` (Cache-Control and Permissions-Policy), `mail` (account mail reaches a
mail server or nowhere), `staticstorage` (hashed static files), `prompts` (untrusted text delimited
inside a model's prompt). Apps build on these; these never import `accounts`, `resumes`,
`interviews` or `saylo` (an import-linter contract holds it).
"""
