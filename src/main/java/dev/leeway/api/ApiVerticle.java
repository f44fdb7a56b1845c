package dev.leeway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP server: routes from the OpenAPI description (requests validated against it), the
 * WebSocket chat, metrics, the chat page. Thin: handlers do the work, plain classes behind them.
 */
public final class ApiVerticle extends VerticleBase {

  /**
   * The worker pool that answers (matching, facts, decisions), one thread per core. Answers are
   * pure CPU work, so more threads than cores only time-slice them: each answer then takes longer
   * and costs more (caches thrash), while the queue in front of the pool costs nothing.
   */
  public static final String ANSWERING = "leeway-answers";

  /** The API description, served as written and used to build and validate the routes. */
  static final String CONTRACT = "openapi/leeway-v1.yaml";

  private final String host;
  private final int port;
  private final Services services;
  private HttpServer server;

  public ApiVerticle(String host, int port, Services services) {
    this.host = host;
    this.port = port;
    this.services = services;
  }

  @Override
  public Future<?> start() {
    String contractText = resource(CONTRACT);
    JsonNode tree = yamlTree(contractText);
    routableResponses(tree);
    JsonObject contractJson = new JsonObject(Json.json().convertValue(tree, java.util.Map.class));
    return OpenAPIContract.from(vertx, contractJson)
        .compose(
            contract -> {
              Authentication authentication = new Authentication(services.tokens(), services.limits(), services.metrics());
              RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
              // Bearer tokens are checked by Authentication, before validation, so a stranger gets
              // 401 rather than a description of what their body got wrong.
              builder.getRoutes().forEach(route -> route.setDoSecurity(false));
              builder.rootHandler(BodyHandler.create(false).setBodyLimit(services.limits().maxBodyBytes()));
              builder.rootHandler(ctx -> protect(ctx, authentication));
              builder.rootHandler(Bodies::requireJson);
              WorkerExecutor answering = vertx.createSharedWorkerExecutor(ANSWERING, Runtime.getRuntime().availableProcessors());
              ConversationHandlers conversations = new ConversationHandlers(vertx, answering, services);
              builder.getRoute("health").addHandler(this::health);
              builder.getRoute("metrics").addHandler(this::metrics);
              builder.getRoute("openapi").addHandler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(contractText));
              builder.getRoute("createConversation").addHandler(conversations::create);
              builder.getRoute("getConversation").addHandler(conversations::transcript);
              builder.getRoute("postMessage").addHandler(conversations::message);
              builder.getRoute("suggest").addHandler(new SuggestHandler(answering, services)::handle);
              builder.getRoute("feedback").addHandler(new FeedbackHandler(vertx, services)::handle);
              builder.getRoute("gaps").addHandler(new GapsHandler(vertx, services)::handle);
              builder.getRoute("getAnswer").addHandler(new AnswersHandler(vertx, services)::handle);
              builder.getRoute("match").addHandler(new MatchHandler(answering, services::matcher)::handle);
              Router router = builder.createRouter();
              router.route("/*").handler(StaticHandler.create("web/agent").setCachingEnabled(false));
              router.route().last().handler(ctx -> unrouted(ctx, contract));
              router.route().failureHandler(ctx -> ProblemResponses.handle(ctx, services.limits().maxBodyBytes()));
              ChatSocket chat = new ChatSocket(vertx, answering, services, authentication);
              HttpServerOptions options =
                  new HttpServerOptions()
                      // Past this the connection is dropped (1009); below it, oversize text gets a 413 frame.
                      .setMaxWebSocketMessageSize((int) Math.min(Integer.MAX_VALUE, services.limits().maxBodyBytes() * 4))
                      .setMaxWebSocketFrameSize((int) Math.min(Integer.MAX_VALUE, services.limits().maxBodyBytes() * 4));
              server =
                  vertx
                      .createHttpServer(options)
                      .webSocketHandshakeHandler(
                          handshake -> {
                            if (ChatSocket.PATH.equals(handshake.path())) {
                              handshake.accept();
                            } else {
                              handshake.reject(404);
                            }
                          })
                      .webSocketHandler(chat::handle)
                      .requestHandler(router);
              return server.listen(port, host);
            });
  }

  /** Every /api/v1 call needs a token, except the API description itself. */
  private static void protect(RoutingContext ctx, Authentication authentication) {
    String path = ctx.request().path();
    if (path.startsWith("/api/v1/") && !path.equals("/api/v1/openapi.yaml")) {
      authentication.handle(ctx);
    } else {
      ctx.next();
    }
  }

  /** A path the API describes, asked with another method, is a 405 naming the right ones. */
  private static void unrouted(RoutingContext ctx, OpenAPIContract contract) {
    String path = ctx.request().path();
    io.vertx.openapi.contract.Path described = contract.findPath(path);
    if (described == null) {
      ProblemResponses.send(ctx, 404, "Not found", "no resource at " + path);
      return;
    }
    String allowed = described.getOperations().stream().map(op -> op.getHttpMethod().name()).sorted().collect(java.util.stream.Collectors.joining(", "));
    ctx.response().putHeader("Allow", allowed);
    ProblemResponses.send(ctx, 405, "Method not allowed", ctx.request().method().name() + " is not allowed on " + path + "; use " + allowed);
  }

  private void health(RoutingContext ctx) {
    Responses.json(
        ctx,
        200,
        Json.json()
            .createObjectNode()
            .put("status", "UP")
            .put("plays", services.matcher().size())
            .put("content_version", services.advisor().content().version())
            .put("open_conversations", services.conversations().size()));
  }

  private void metrics(RoutingContext ctx) {
    if (services.metrics().registry() instanceof PrometheusMeterRegistry prometheus) {
      vertx
          .executeBlocking(prometheus::scrape, false)
          .onSuccess(text -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4").end(text))
          .onFailure(ctx::fail);
    } else {
      ProblemResponses.send(ctx, 404, "Not found", "metrics are not exported in Prometheus format");
    }
  }

  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Vert.x's OpenAPI router refuses response media types it cannot validate (problem+json, yaml),
   * although it never validates responses here. The copy it routes from lists those responses as
   * plain JSON or text; clients get the document as written.
   */
  private static void routableResponses(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      JsonNode responses = object.get("responses");
      if (responses != null) {
        responses.forEach(
            response -> {
              if (response.get("content") instanceof com.fasterxml.jackson.databind.node.ObjectNode content) {
                JsonNode problem = content.remove("application/problem+json");
                if (problem != null) {
                  content.set("application/json", problem);
                }
                JsonNode yaml = content.remove("application/yaml");
                if (yaml != null) {
                  content.set("text/plain", yaml);
                }
              }
            });
      }
      object.forEach(ApiVerticle::routableResponses);
    } else if (node != null && node.isArray()) {
      node.forEach(ApiVerticle::routableResponses);
    }
  }

  private static JsonNode yamlTree(String yaml) {
    try {
      return Json.yaml().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled API description does not parse", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = ApiVerticle.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
