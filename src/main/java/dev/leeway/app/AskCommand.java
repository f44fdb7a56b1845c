package dev.leeway.app;

import dev.leeway.chat.Advice;
import dev.leeway.chat.AdviceJson;
import dev.leeway.chat.AdviceText;
import dev.leeway.chat.Question;
import dev.leeway.config.ServerConfig;
import dev.leeway.json.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Answers one situation from the command line, exactly as the server would: for supervisors and
 * scripts.
 */
@Command(
    name = "ask",
    description = "Match a situation, read its facts and decide what the agent may do.")
final class AskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEXT", description = "the situation in the agent's words")
  String text;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "the asking agent's role (default: ${DEFAULT-VALUE})")
  String role = "agent";

  @Option(
      names = "--fact",
      paramLabel = "NAME=VALUE",
      description = "a known fact, overriding the text (repeatable)")
  List<String> facts = List.of();

  @Option(
      names = "--today",
      paramLabel = "DATE",
      description = "the date durations count from (default: today), to replay an answer")
  LocalDate today;

  @Option(names = "--json", description = "print one JSON object on the last line")
  boolean json;

  @Option(
      names = "--playbooks",
      paramLabel = "DIR",
      description = "playbook folder (default: LEEWAY_PLAYBOOKS or playbooks)")
  Path playbooks;

  @Option(
      names = "--config",
      paramLabel = "DIR",
      description =
          "config folder (default: LEEWAY_CONFIG_DIR, or the config folder beside the playbooks)")
  Path configDir;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Map<String, Object> context = new LinkedHashMap<>();
    for (String fact : facts) {
      int eq = fact.indexOf('=');
      if (eq <= 0) {
        err.println(
            "leeway: --fact " + fact + ": write it as name=value, e.g. --fact order_total=80");
        return 2;
      }
      context.put(fact.substring(0, eq).strip(), fact.substring(eq + 1).strip());
    }
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    config =
        config.withContent(
            playbooks != null ? playbooks : config.playbooks(),
            configDir != null
                ? configDir
                : playbooks != null ? ServerConfig.configBeside(playbooks) : config.configDir());
    try (Engine engine = Engine.load(config)) {
      Advice advice;
      try {
        advice =
            engine
                .advisor()
                .advise(new Question(text, context, role, today != null ? today : LocalDate.now()));
      } catch (IllegalArgumentException e) {
        err.println("leeway: " + e.getMessage());
        return 2;
      }
      var out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.json().writeValueAsString(AdviceJson.of(advice)));
      } else {
        out.print(AdviceText.of(advice));
      }
      out.flush();
      return 0;
    } catch (InvalidPackException e) {
      err.println("leeway: the content is invalid");
      ValidateCommand.report(err, e.problems());
      return 1;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not write the answer as JSON", e);
    }
  }
}
