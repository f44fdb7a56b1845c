package dev.leeway.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Something done with a connection: a read, or one write in the writer's transaction. */
@FunctionalInterface
public interface Work<T> {
  T run(Connection connection) throws SQLException;
}
