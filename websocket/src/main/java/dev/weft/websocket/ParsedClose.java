package dev.weft.websocket;

/** A received close body: valid ({@link ClosePayload}) or the violation it is. */
public sealed interface ParsedClose permits ClosePayload, Violation {
}
