package dev.leeway.store;

/** Which database the store runs on; the SQL is shared, only locking differs. */
public enum Dialect {
  /** The embedded file in the data folder. */
  SQLITE,
  /** A PostgreSQL server, possibly shared by several instances. */
  POSTGRESQL
}
