"""Background jobs (reports, booklets): queued, run with progress, their files kept for download."""
