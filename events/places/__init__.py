"""Where people are: the one Place, cities of the table, coordinates and the zone they fall in."""
