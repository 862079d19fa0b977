"""What every file citybridge writes for a spreadsheet has in common: no cell runs as a formula."""
