"""Partnership pages: city profiles, partner catalogue, matches, the leads board."""
