"""Reports: narrative, charts and the HTML, PDF and DOCX renderings of a training's evaluation."""
