"""`lotse doctor`: what is missing or weak in a company folder and the running set-up, each with its fix."""
