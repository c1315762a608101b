package dev.weft.http;

/** Answers one request. Runs on the connection's thread; must not keep the {@link Exchange} after returning. */
@FunctionalInterface
public interface HttpHandler {

    Response handle(Exchange exchange);
}
