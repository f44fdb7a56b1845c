package dev.leeway.store;

/** The store cannot be opened or used: the message names what is wrong and what to do about it. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
