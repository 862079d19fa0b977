"""Places the user adds to the gazetteer (towns GeoNames' shipped cities lack), in the store."""
