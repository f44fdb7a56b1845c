package dev.leeway.app;

/**
 * A {@code leeway} subcommand defined in another package (the benchmarks), registered in {@code
 * META-INF/services} and found by {@link Main} at start, so that the command line does not depend
 * on the packages that add commands to it.
 */
public interface Subcommand {}
