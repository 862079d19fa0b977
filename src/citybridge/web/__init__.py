"""The Django shell around the core: the store, the admin and the API."""
