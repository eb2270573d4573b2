package io.caimei.scoring.service;

/** A record the scorer did not count, with the reason (LATE for a closed period, UNREADABLE otherwise). */
public record DeadLetter(String key, String reason, String period, Object event, String detail) {
}
