// How wide a CI's label may be drawn before it is ellipsized (screen px at 12 px text): the
// stylesheet, the key labels kept readable at every zoom and the room the layout leaves for a
// label all use this one width, so a label never runs into room the layout did not leave.
export const LABEL_MAX_WIDTH = 170;
