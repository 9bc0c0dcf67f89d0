"""The build engine: the registry of reports, workers and kernels, fingerprints, HTML
export and the index page. Imports the layers below; nothing below imports it."""
