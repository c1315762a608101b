package dev.weft.websocket;

/** Which end of the connection this codec runs at; decides the masking rules of RFC 6455 §5.1. */
public enum Role {
    /** Receives masked frames, sends unmasked ones. */
    SERVER,
    /** Receives unmasked frames, sends masked ones. */
    CLIENT
}
