// How many relationships of one type the inspector lists before "Show all": a hub's thousands of
// rows would take the main thread for most of a second to build and to lay out.
export const RELATIONSHIP_ROWS = 50;
