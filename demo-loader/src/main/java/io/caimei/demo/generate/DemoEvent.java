package io.caimei.demo.generate;

/**
 * One generated native record before formatting.
 *
 * @param seq 1-based position in the year's stream (time order)
 * @param channel where it is posted
 * @param epochMilli when it happened
 * @param id cdrId, messageId or eid
 * @param user the user as the channel writes it (a messy phone number or an internet uid)
 * @param other the CDR's other party (null for JSON channels)
 * @param action CDR event, 5G status or internet act
 * @param targetType the target's entity type (CONTENT for telecom)
 * @param targetId the target's entity id
 * @param person the user's identity across networks (canonical number or opaque uid), for statistics only
 */
public record DemoEvent(long seq, Channel channel, long epochMilli, String id, String user, String other,
        String action, String targetType, String targetId, String person) {
}
