package io.caimei.ingest.repository;

/**
 * What dedupe remembers of an event: the system that sent it, the id that system gave it, and when it occurred
 * (ingest's normalized ISO-8601 text, identical in every retry of the record), which picks the hash it is kept in.
 */
public record SourceEventId(String source, String eventId, String occurredAt) {
}
