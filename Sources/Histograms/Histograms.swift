// Histograms module.
