package dev.weft.gateway.api;

/** A server API method: decodes its parameters (the request object) into a call. */
@FunctionalInterface
interface ApiMethod {
    ApiCall decode(ApiParams params) throws MalformedRequestException;
}
