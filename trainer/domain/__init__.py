"""Pure coaching rules over plain data: no framework, no database, no clock."""
