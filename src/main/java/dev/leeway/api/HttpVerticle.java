package dev.leeway.api;

import dev.leeway.match.Matcher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Supplier;

/** Wires the HTTP routes; the work happens in the handlers and the plain classes behind them. */
public final class HttpVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final long maxBodyBytes;
  private final Supplier<Matcher> matcher;
  private HttpServer server;

  public HttpVerticle(String host, int port, long maxBodyBytes, Supplier<Matcher> matcher) {
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.matcher = matcher;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    router
        .get("/health")
        .handler(ctx -> ctx.json(new JsonObject().put("status", "UP").put("plays", matcher.get().size())));
    MatchHandler match = new MatchHandler(vertx, matcher);
    router.post("/api/v1/match").handler(match::handle);
    router.route().last().handler(ctx -> ProblemResponses.send(ctx, 404, "Not found", "no resource at " + ctx.request().path()));
    router.route().failureHandler(ProblemResponses::handle);
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(port, host);
  }

  /** The port actually bound (useful when started on port 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
