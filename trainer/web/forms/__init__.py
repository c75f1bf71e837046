"""WTForms forms, one module per area. They check input only: presence, formats, ranges and choices."""
