"""Quality measurements on labelled sets (`lotse eval …`)."""
