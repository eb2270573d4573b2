package io.caimei.scoring.mapping;

import java.util.Map;

/** One line of a weight profile's audit trail: who did what to which version, and the weights it changed. */
public record AuditEntry(int version, String action, String actor, String at, Map<String, Object> changes) {
}
