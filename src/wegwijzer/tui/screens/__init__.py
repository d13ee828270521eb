"""One screen a file. Screens own their state; the app routes between them."""
