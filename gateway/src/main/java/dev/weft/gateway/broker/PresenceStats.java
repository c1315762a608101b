package dev.weft.gateway.broker;

/** Connections in a channel and distinct users among them. */
public record PresenceStats(int numClients, int numUsers) {}
