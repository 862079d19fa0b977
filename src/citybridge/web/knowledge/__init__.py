"""The knowledge hub: lectures, speakers, materials and good practices, searchable by sector."""
