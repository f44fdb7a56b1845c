package dev.leeway.app;

import dev.leeway.store.AuditAction;
import dev.leeway.store.AuditLog;
import dev.leeway.store.Store;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the latest records of the audit log, newest first. */
@Command(
    name = "audit",
    description =
        "Show the audit log (token and role changes, sign-ins, content changes), newest first.")
final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "50",
      description = "how many of the latest records (1-1000, default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--actor", paramLabel = "NAME", description = "only this actor's records")
  String actor;

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      description = "only records of this action (token_issued, sign_in, ...)")
  String action;

  @Mixin StoreOptions store;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<AuditAction> wanted = Optional.empty();
    if (action != null) {
      wanted = AuditAction.parse(action);
      if (wanted.isEmpty()) {
        err.println(
            "leeway: --action: unknown '" + action + "' (actions: " + AuditAction.labels() + ")");
        return 2;
      }
    }
    if (limit < 1 || limit > AuditLog.MAX_READ) {
      err.println("leeway: --limit: from 1 to " + AuditLog.MAX_READ + ", got " + limit);
      return 2;
    }
    AuditLog.Query query = new AuditLog.Query(Optional.ofNullable(actor), wanted, limit);
    try (Store opened = Store.open(store.settings())) {
      List<AuditLog.Entry> entries = opened.read(c -> opened.audit().latest(c, query));
      for (AuditLog.Entry e : entries) {
        out.printf(
            "%6d  %s  %-16s %-20s %s%s%n",
            e.seq(),
            e.at(),
            e.actor(),
            e.action().label(),
            e.subject(),
            e.detail().isEmpty() ? "" : "  (" + e.detail() + ")");
      }
      if (entries.isEmpty()) {
        err.println("no audit records" + (actor != null || action != null ? " that fit" : ""));
      }
    }
    return 0;
  }
}
