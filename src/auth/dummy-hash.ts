/**
 * What a login for an unknown username is compared against, so that it takes as long as one
 * for a real account and the answer's timing does not reveal which usernames exist. A bcrypt
 * hash of a random value nobody kept, at the cost real passwords are hashed with
 * (BCRYPT_ROUNDS; the spec beside this holds the two together). Written here rather than
 * computed at start-up, where it cost every process a blocking hash before it could serve.
 */
export const DUMMY_HASH = '$2b$10$40N/IMtI5bMM1.6pR9at.OoWkW0en2OkzjXx/rTcT5vfDwERNKhqu';
