package io.caimei.ingest.repository;

/** What dedupe remembers of an event: the system that sent it and the id that system gave it. */
public record SourceEventId(String source, String eventId) {
}
